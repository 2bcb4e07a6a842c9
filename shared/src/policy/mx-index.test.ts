import { describe, expect, it } from 'vitest';
import { lintText } from '../lint.ts';
import { mxIndex } from './mx-index.ts';
import { checkMxValue } from './mx-pattern.ts';
import { parsePolicy } from './parse.ts';

const label63 = 'a'.repeat(63);
const name253 = `${label63}.${label63}.${label63}.${'b'.repeat(61)}`;

// Values the parser's fast path reads (a clean `mx: value` line) next to ones it must leave to checkMxValue.
const values = [
  'mail.example.com',
  'Mail.Example.COM',
  '*.example.com',
  '*.EXAMPLE.com',
  '*.co.uk',
  '*.com',
  '*.github.io',
  '*.a',
  '1.2.3',
  '192.0.2.1',
  '*.192.0.2',
  'a-b.example.com',
  '-a.example.com',
  'a-.example.com',
  'a.-b.com',
  `${label63}.com`,
  `${label63}a.com`,
  name253,
  `${name253}c`,
  `*.${name253}`,
  'single',
  'a..b.com',
  '.a.com',
  'a.com.',
  'a_b.example.com',
  'mail*.example.com',
  '*.*.example.com',
  'mx.exämple.com',
];

describe('the parser reads plain mx lines as checkMxValue does', () => {
  for (const value of values) {
    it(value.length > 40 ? `${value.slice(0, 40)}… (${value.length})` : value, () => {
      const policy = parsePolicy(`version: STSv1\nmx: ${value}\n`);
      expect(policy.mx.at(0)?.mxCheck).toEqual(checkMxValue(value));
      expect(policy.notable.length).toBe(1);
    });
  }
});

describe('mxIndex: patterns grouped ignoring case, covering wildcards', () => {
  it('finds the first of each group and the first wildcard covering a host', () => {
    const text = [
      'mx: a.example.com', // 0
      'mx: *.example.com', // 1
      'mx: A.Example.com', // 2: repeats 0
      'mx: *.EXAMPLE.COM', // 3: repeats 1
      'mx: b.example.com', // 4: covered by 1
      'mx: b.example.org', // 5
      'mx: a.example.com.', // 6: trailing dot, no pattern
      'mx: x.b.example.com', // 7: `*.b.example.com` is not in the file
    ].join('\n');
    const index = mxIndex(parsePolicy(text));
    expect([...index.firstOf]).toEqual([0, 1, 0, 1, 4, 5, -1, 7]);
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((i) => index.coverOf(i))).toEqual([1, -1, 1, -1, 1, -1, -1, -1]);
    expect(index.anyUpper).toBe(true);
  });

  it('groups across partitions: 20 000 hosts, each twice, and their wildcards', () => {
    const lines: string[] = [];
    for (let i = 0; i < 20_000; i++) lines.push(`mx: h${i}.d${i % 7}.example.com`);
    for (let i = 0; i < 7; i++) lines.push(`mx: *.D${i}.example.com`);
    for (let i = 0; i < 20_000; i++) lines.push(`mx: H${i}.d${i % 7}.example.com`);
    const index = mxIndex(parsePolicy(lines.join('\n')));
    const hosts = Array.from({ length: 20_000 }, (_, i) => i);
    expect([...index.firstOf]).toEqual([...hosts, 20_000, 20_001, 20_002, 20_003, 20_004, 20_005, 20_006, ...hosts]);
    expect(lines.map((_, i) => index.coverOf(i))).toEqual([...hosts.map((i) => 20_000 + (i % 7)), -1, -1, -1, -1, -1, -1, -1, ...hosts.map((i) => 20_000 + (i % 7))]);
  });

  it('reports repeats and covered hosts through the rules, with the line they repeat', () => {
    const text = 'version: STSv1\nmode: enforce\nmax_age: 604800\nmx: *.example.com\nmx: a.example.com\nmx: A.example.com\n';
    const found = lintText(text, 'policy').map((d) => `${d.code} ${d.message}`);
    expect(found).toEqual([
      'policy/mx-redundant mx `a.example.com` is already matched by `*.example.com` on line 4; this line can go',
      'policy/mx-duplicate mx pattern `A.example.com` repeats line 5 (`a.example.com`; patterns ignore case); remove this line',
      'policy/mx-redundant mx `A.example.com` is already matched by `*.example.com` on line 4; this line can go',
    ]);
  });
});
