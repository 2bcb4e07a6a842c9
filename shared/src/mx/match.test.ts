import { describe, expect, it } from 'vitest';
import { coveringPattern, mxPatternMatches } from './match.ts';

describe('mxPatternMatches (RFC 8461 §4.1)', () => {
  const cases: [string, string, boolean][] = [
    ['mail.example.com', 'mail.example.com', true],
    ['mail.example.com', 'MAIL.Example.COM.', true],
    ['*.example.com', 'mx1.example.com', true],
    ['*.example.com', 'mx1.example.com.', true],
    ['*.EXAMPLE.com', 'Mx1.example.com', true],
    ['*.example.com', 'example.com', false],
    ['*.example.com', 'a.b.example.com', false],
    ['*.example.com', 'xexample.com', false],
    ['*.example.com', '.example.com', false],
    ['mail.example.com', 'mail.example.com.evil', false],
    ['mail.example.com.', 'mail.example.com', false],
    ['', 'mail.example.com', false],
    ['mail.example.com', '', false],
  ];
  it.each(cases)('pattern %s vs MX %s → %s', (pattern, mx, expected) => {
    expect(mxPatternMatches(pattern, mx)).toBe(expected);
  });
});

describe('coveringPattern', () => {
  it('returns the first covering pattern, or null', () => {
    const patterns = ['mx1.example.com', '*.example.net', '*.example.com'];
    expect(coveringPattern('mx2.example.com.', patterns)).toBe('*.example.com');
    expect(coveringPattern('MX1.example.com', patterns)).toBe('mx1.example.com');
    expect(coveringPattern('a.b.example.net', patterns)).toBeNull();
  });
});
