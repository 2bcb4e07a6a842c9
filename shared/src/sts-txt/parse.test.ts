import { describe, expect, it } from 'vitest';
import { parseStsRecord } from './parse.ts';

describe('parseStsRecord', () => {
  it('reads the record as a sender does', () => {
    expect(parseStsRecord('v=STSv1; id=20260417T000000; ext=1; ext=2; ID=x').effective).toEqual({
      version: true,
      id: '20260417T000000',
      extensions: [
        { name: 'ext', value: '1' },
        { name: 'ID', value: 'x' },
      ],
    });
  });

  it('takes the first `id`, as written, and names case-sensitively', () => {
    expect(parseStsRecord('v=STSv1; ID=1; id=2026-06-01; id=3').effective.id).toBe('2026-06-01');
    expect(parseStsRecord('v=STSv1; Id=1').effective.id).toBeNull();
    expect(parseStsRecord('v=STSv1; id 1').effective.id).toBeNull();
  });

  it('sees the version only when the record begins with exactly `v=STSv1`', () => {
    const begins = (text: string) => parseStsRecord(text).effective.version;
    expect(begins('v=STSv1;id=1')).toBe(true);
    expect(begins('v=STSv1')).toBe(true);
    expect(begins('\uFEFFv=STSv1; id=1')).toBe(true);
    expect(begins('v=STSv1; id=1\n')).toBe(true);
    expect(begins(' v=STSv1; id=1')).toBe(false);
    expect(begins('v=stsv1; id=1')).toBe(false);
    expect(begins('v = STSv1; id=1')).toBe(false);
    expect(begins('V=STSv1; id=1')).toBe(false);
    expect(begins('v=STSv10; id=1')).toBe(false);
    expect(begins('id=1; v=STSv1')).toBe(false);
    expect(begins(';v=STSv1; id=1')).toBe(false);
    expect(begins('')).toBe(false);
  });

  it('finds the field meant as the version tag, wherever and however written', () => {
    expect(parseStsRecord('id=1; V = stsv1').versionField?.nameText).toBe('V');
    expect(parseStsRecord('version=STSv1; id=1').versionField?.nameText).toBe('version');
    expect(parseStsRecord('STSv1; id=1').versionField?.nameText).toBe('STSv1');
    expect(parseStsRecord('id=1; foo=2').versionField).toBeNull();
  });
});
