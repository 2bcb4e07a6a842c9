import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintText } from '../lint.ts';
import { findFrontMatter, parsePolicy } from './parse.ts';

const path = join(import.meta.dirname, '../../fixtures/policy/front-matter/mta-sts.txt');
const text = readFileSync(path, 'utf8');
const codes = (ds: ReturnType<typeof lintText>) => ds.map((d) => [d.code, d.severity, text.slice(d.range.start, d.range.end)]);

describe('a front matter on top of a policy source file (GitHub Pages / Jekyll)', () => {
  it('is recognised in the source file: the policy below it is linted, with ranges in the file', () => {
    expect(codes(lintText(text, 'policy', { path }))).toEqual([
      ['policy/front-matter', 'info', '---'],
      ['policy/max-age-too-short', 'warning', '86400'],
      ['policy/mx-duplicate', 'warning', 'MX1.example.com'],
    ]);
    const policy = parsePolicy(text, { frontMatter: true });
    expect(policy.frontMatter).toEqual({ span: { start: 0, end: 57 }, lines: 4 });
    expect(policy.effective).toMatchObject({ version: 'STSv1', mode: 'testing', maxAge: 86400 });
    expect(policy.lines.at(0)).toMatchObject({ index: 0, fileLine: 4, keyText: 'version' });
  });

  it('is what senders get in a policy as served: the lines are errors there', () => {
    const served = codes(lintText(text, 'policy', { served: true }));
    expect(served.filter(([, severity]) => severity === 'error').map(([code]) => code)).toContain('policy/missing-colon');
    expect(served.map(([code]) => code)).not.toContain('policy/front-matter');
  });

  it('needs a closing `---` line: an opening one alone is no front matter', () => {
    expect(findFrontMatter('---\nversion: STSv1\nmode: testing\n')).toBeNull();
    expect(findFrontMatter('version: STSv1\n---\n---\n')).toBeNull();
    expect(findFrontMatter('---\r\ntitle: x\r\n...\r\nversion: STSv1\r\n')).toEqual({ span: { start: 0, end: 20 }, lines: 3 });
  });
});
