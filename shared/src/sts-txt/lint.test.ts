import { describe, expect, it } from 'vitest';
import { lintText } from '../lint.ts';

// Through the public entry point: file rules first, then the kind's rules, one finding per problem.
describe('lintText on TXT values', () => {
  const now = () => new Date(Date.UTC(2026, 3, 17, 12, 0, 0));

  it('reports a BOM once, as a file problem', () => {
    expect(lintText('\uFEFFv=STSv1; id=1', 'sts-txt', { now }).map((d) => d.code)).toEqual(['file/bom']);
    expect(lintText('\uFEFFv=TLSRPTv1; rua=mailto:a@example.com', 'tlsrpt-txt').map((d) => d.code)).toEqual(['file/bom']);
  });

  it('applies severity overrides to TXT rules', () => {
    const overrides = { 'sts-txt/duplicate-field': 'error', 'sts-txt/unknown-field': 'off' } as const;
    const found = lintText('v=STSv1; id=1; id=1; x=y', 'sts-txt', { now, overrides });
    expect(found.map((d) => [d.code, d.severity])).toEqual([['sts-txt/duplicate-field', 'error']]);
  });
});
