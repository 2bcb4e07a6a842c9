import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleCatalog } from '@sts-lens/shared';
import { describe, expect, it } from 'vitest';
import { repoRoot, stsLens } from './sts-lens.ts';

describe('sts-lens rules', () => {
  it('docs/rules.md is the markdown output (regenerate: sts-lens rules --format markdown > docs/rules.md)', () => {
    const r = stsLens(['rules', '--format', 'markdown']);
    expect(r.status).toBe(0);
    expect(readFileSync(join(repoRoot, 'docs', 'rules.md'), 'utf8')).toBe(r.stdout);
  });

  it('lists every rule once, with a unique code, in JSON with its RFC link', () => {
    const r = stsLens(['rules', '--format', 'json']);
    const rules = JSON.parse(r.stdout) as { code: string; url: string | null }[];
    expect(rules.map((x) => x.code)).toEqual(ruleCatalog.map((x) => x.code));
    expect(new Set(rules.map((x) => x.code)).size).toBe(rules.length);
    expect(rules.find((x) => x.code === 'policy/mx-trailing-dot')!.url).toMatch(/^https:\/\/www\.rfc-editor\.org\/rfc\/rfc8461#section-/);
  });

  it('narrows by prefix and rejects a prefix that matches nothing', () => {
    const r = stsLens(['rules', 'check/mx']);
    expect(r.stdout.trim().split('\n').map((l) => l.split(/\s+/)[0])).toEqual([
      'check/mx-missing',
      'check/mx-ip-address',
      'check/mx-not-covered',
      'check/mx-pattern-unused',
      'check/mx-starttls-missing',
      'check/mx-certificate-untrusted',
      'check/mx-certificate-name',
      'check/mx-certificate-expired',
      'check/mx-certificate-expiring',
      'check/mx-tls-handshake',
      'check/mx-unreachable',
    ]);
    const bad = stsLens(['rules', 'nope/']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('no rule code starts with `nope/`');
  });
});
