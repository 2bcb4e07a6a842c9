import { describe, expect, it } from 'vitest';
import { classifyRua, parseRua, parseTlsRptRecord, ruaUriProblem } from './parse.ts';

describe('parseRua', () => {
  it('splits at commas, trims whitespace, and keeps spans and schemes', () => {
    expect(parseRua('mailto:a@example.com , HTTPS://r.example/x', 16)).toEqual([
      { text: 'mailto:a@example.com', span: { start: 16, end: 36 }, scheme: 'mailto', comma: null },
      { text: 'HTTPS://r.example/x', span: { start: 39, end: 58 }, scheme: 'https', comma: { start: 36, end: 39 } },
    ]);
    expect(parseRua('a@example.com,,').map((u) => [u.text, u.scheme])).toEqual([
      ['a@example.com', null],
      ['', null],
      ['', null],
    ]);
    expect(parseRua('')).toEqual([{ text: '', span: { start: 0, end: 0 }, scheme: null, comma: null }]);
  });

  it('classifies entries so that each problem has one owner', () => {
    const kinds = (value: string) => classifyRua(parseRua(value)).map((e) => e.kind);
    expect(kinds('mailto:a@example.com,tls@example.com')).toEqual(['uri', 'address']);
    expect(kinds('https://r.example/?a=1,2,3')).toEqual(['uri', 'continuation', 'continuation']);
    expect(kinds('reports,,ftp://x')).toEqual(['other', 'empty', 'uri']);
  });
});

describe('ruaUriProblem', () => {
  const problem = (text: string) => ruaUriProblem(parseRua(text)[0]!);
  it('accepts well-formed mailto and https URIs', () => {
    for (const ok of [
      'mailto:tls@example.com',
      'MAILTO:tls+rpt@mail.example.org',
      'mailto:a%2Cb@example.com?subject=tls',
      'https://reports.example.com',
      'https://reports.example.com:8443/v1/tls?x=a%2Cb#f',
      'https://192.0.2.1/r',
      'https://[2001:db8::1]/r',
    ]) {
      expect(problem(ok), ok).toBeNull();
    }
  });
  it('names what is wrong with a malformed one', () => {
    expect(problem('mailto:')).toBe('it has no address after `mailto:`');
    expect(problem('mailto:tls')).toBe('the address has no `@domain`');
    expect(problem('mailto:a@b@example.com')).toBe('the address has more than one `@`');
    expect(problem('mailto://tls@example.com')).toBe('`mailto:` is followed directly by the address, without `//`');
    expect(problem('mailto:Reports <tls@example.com>')).toMatch(/display name/);
    expect(problem('mailto:tls@localhost')).toBe('it is not a valid `mailto:local@domain` address');
    expect(problem('https:/reports.example.com')).toBe('an `https:` URI continues with `//host`');
    expect(problem('https:///path')).toBe('it has no host');
    expect(problem('https://reports.example.com/a b')).toBe('it contains whitespace, which must be percent-encoded');
    expect(problem('https://reports.example.com:99999/')).toBe('port 99999 is out of range');
  });
});

describe('parseTlsRptRecord', () => {
  it('reads the first `rua` and keeps only URIs senders can deliver to', () => {
    const record = parseTlsRptRecord(
      'v=TLSRPTv1; rua=mailto:tls@example.com,http://r.example/x,tls@example.org, https://r.example/r?a=1,2; rua=mailto:b@example.com; x-a=1',
    );
    expect(record.effective).toEqual({
      version: true,
      rua: ['mailto:tls@example.com', 'https://r.example/r?a=1'],
      extensions: [{ name: 'x-a', value: '1' }],
    });
    expect(record.ruaField?.valueText.startsWith('mailto:tls@example.com')).toBe(true);
    expect(record.rua.map((e) => e.kind)).toEqual(['uri', 'uri', 'address', 'uri', 'continuation']);
  });

  it('sees the version only when the record begins with exactly `v=TLSRPTv1`', () => {
    expect(parseTlsRptRecord('v=TLSRPTv1;rua=mailto:a@example.com').effective.version).toBe(true);
    expect(parseTlsRptRecord('v=tlsrptv1; rua=mailto:a@example.com').effective.version).toBe(false);
    expect(parseTlsRptRecord('rua=mailto:a@example.com; v=TLSRPTv1').effective.version).toBe(false);
  });

  it('drops URIs with an unencoded `!` and gives no URIs for an empty or missing `rua`', () => {
    expect(parseTlsRptRecord('v=TLSRPTv1; rua=mailto:a!b@example.com').effective.rua).toEqual([]);
    expect(parseTlsRptRecord('v=TLSRPTv1; rua=').rua).toEqual([]);
    expect(parseTlsRptRecord('v=TLSRPTv1').ruaField).toBeNull();
  });
});
