import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from './decode.ts';
import { freshId } from './fresh-id.ts';

describe('decodeUtf8', () => {
  it('keeps a BOM and reports no problem for valid UTF-8', () => {
    const r = decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x6d, 0x78]));
    expect(r).toEqual({ text: '\uFEFFmx', invalidUtf8At: -1 });
  });

  it('replaces invalid sequences and points at the first one', () => {
    const r = decodeUtf8(new Uint8Array([0x6d, 0x78, 0x3a, 0xff, 0x20, 0xc3]));
    expect(r.text).toBe('mx:\uFFFD \uFFFD');
    expect(r.invalidUtf8At).toBe(3);
  });
});

describe('freshId', () => {
  it('formats the UTC time as YYYYMMDDhhmmss', () => {
    expect(freshId(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)))).toBe('20260102030405');
  });
});
