import { describe, expect, it } from 'vitest';
import { certificateNameFor } from './certificate-name.ts';

describe('certificateNameFor (RFC 8461 §4.2, RFC 6125 DNS-ID)', () => {
  const cases: [string, string[], string | null][] = [
    ['mx1.example.com', ['mx1.example.com'], 'mx1.example.com'],
    ['MX1.Example.COM.', ['mx1.example.com'], 'mx1.example.com'],
    ['mx1.example.com', ['MX1.EXAMPLE.COM'], 'MX1.EXAMPLE.COM'],
    ['mx1.example.com', ['www.example.com', '*.example.com'], '*.example.com'],
    ['example.com', ['*.example.com'], null],
    ['a.b.example.com', ['*.example.com'], null],
    ['mx1.example.com', ['mx*.example.com'], null],
    ['mx1.example.com', ['*mx1.example.com'], null],
    ['mx1.example.com', ['mx1.*.com'], null],
    ['mx1.com', ['*.com'], null],
    ['mx1.example.com', ['mx1.example.com.evil'], null],
    ['mx1.example.com', [], null],
    ['mx1.example.com', [''], null],
  ];
  it.each(cases)('MX %s, names %j → %s', (host, names, expected) => {
    expect(certificateNameFor(host, names)).toBe(expected);
  });
});
