import { describe, expect, it } from 'vitest';
import { lintBytes, lintText } from '../lint.ts';
import { decodeUtf8 } from '../text/decode.ts';
import { parsePolicy } from './parse.ts';
import { findingsPerRule } from './rules/index.ts';

/** A small deterministic generator, so a failure reproduces. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s;
  };
}

function randomBytes(size: number, seed: number): Uint8Array {
  const next = prng(seed);
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = next() >>> 24;
  return out;
}

/** Lint, assert it neither throws nor blows up (a 10 s bound catches quadratic work, not a slow machine), and hand back the diagnostics. */
function timed<T>(run: () => T): T {
  const t0 = performance.now();
  const out = run();
  expect(performance.now() - t0).toBeLessThan(10_000);
  return out;
}

const policy = 'version: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: 604800\n';

describe('policy lint on bad input: no throw, fast', () => {
  it('empty text', () => {
    const ds = timed(() => lintText('', 'policy'));
    expect(ds.map((d) => d.code)).toEqual(['policy/max-age-missing', 'policy/mode-missing', 'policy/mx-missing', 'policy/version-missing']);
  });

  it('1 MiB of random binary bytes', () => {
    timed(() => lintBytes(randomBytes(1 << 20, 1), 'policy').diagnostics);
  });

  it('20 MB of random bytes', () => {
    // Decoding is the file layer's work; this times the policy lint of what it yields.
    const { text } = decodeUtf8(randomBytes(20_000_000, 2));
    timed(() => lintText(text, 'policy'));
  });

  it('20 MB of policy lines (1.2 million lines)', () => {
    const text = policy.repeat(Math.ceil(20_000_000 / policy.length));
    timed(() => lintText(text, 'policy'));
  });

  it('20 MB of one mx line repeated (a million lines)', () => {
    timed(() => lintText('mx: mail.example.com\n'.repeat(1_000_000), 'policy'));
  });

  it('100 000 distinct mx lines', () => {
    const lines = ['version: STSv1', 'mode: enforce', 'max_age: 604800'];
    for (let i = 0; i < 100_000; i++) lines.push(`mx: mx${i}.example.com`);
    const ds = timed(() => lintText(lines.join('\n'), 'policy'));
    expect(ds.map((d) => d.code)).toEqual(['policy/too-large']);
  });

  it('100 000 identical mx lines: duplicates found in linear time, findings capped per rule', () => {
    const text = `version: STSv1\nmode: enforce\nmax_age: 604800\n${'mx: mail.example.com\n'.repeat(100_000)}`;
    const ds = timed(() => lintText(text, 'policy'));
    const duplicates = ds.filter((d) => d.code === 'policy/mx-duplicate');
    expect(duplicates).toHaveLength(findingsPerRule + 1);
    expect(duplicates.at(-1)!.message).toMatch(/\(more findings of this kind are not shown\)$/);
  });

  it('100 000 blank lines and 100 000 lines without a colon', () => {
    timed(() => lintText('\n'.repeat(100_000), 'policy'));
    timed(() => lintText('x\n'.repeat(100_000), 'policy'));
  });

  it('a 1 MB single line, as a value and as a key', () => {
    timed(() => lintText(`${policy}mx: ${'a'.repeat(1_000_000)}`, 'policy'));
    timed(() => lintText(`${policy}${'k'.repeat(1_000_000)}: v`, 'policy'));
    timed(() => lintText('m'.repeat(1_000_000), 'policy'));
    timed(() => lintText(`mode ${'x '.repeat(500_000)}`, 'policy'));
  });

  it('NUL bytes', () => {
    timed(() => lintText('version: STSv1\0\nmode:\0enforce\n\0\0\0', 'policy'));
    timed(() => lintText('\0'.repeat(1_000_000), 'policy'));
  });

  it('CR-only line endings over 100 000 lines', () => {
    const text = policy.replaceAll('\n', '\r').repeat(25_000);
    const ds = timed(() => lintText(text, 'policy'));
    expect(ds.filter((d) => d.code === 'policy/line-ending')).toHaveLength(1);
  });

  it('a BOM, lone surrogates and control characters', () => {
    timed(() => lintText(`\uFEFF${policy}`, 'policy'));
    timed(() => lintText('\uFEFF', 'policy'));
    timed(() => lintText(`version: STSv1\nmode: \uD800enforce\nmx: \uDC00.example.com\nmax_age: 604800\u0007\n`, 'policy'));
    timed(() => lintText('\u0001\u0002\u007f'.repeat(300_000), 'policy'));
  });

  it('parses every input losslessly: the spans of all lines tile the text', () => {
    for (const text of ['', '\r\n', 'a\r\rb\n\r\n', `\uFEFF ${policy} \t`, 'mx : a.b\nmode enforce\nmax_age=1\n:\n\t\n']) {
      const p = parsePolicy(text);
      let at = 0;
      for (const line of p.lines) {
        expect(line.span.start).toBe(at);
        at = line.eol?.end ?? line.span.end;
        if (line.eol) expect(line.eol.start).toBe(line.span.end);
      }
      expect(at).toBe(text.length);
    }
  });
});
