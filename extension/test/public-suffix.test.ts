// The worker's public suffix list (src/public-suffix.ts, read from the package's file) against the core's (tldts-icann):
// the same answers for every rule of the list, for names one and two labels under each, under each wildcard and
// exception, and for names the list has no rule for or that are no host names at all.
import { describe, expect, it } from 'vitest';
import * as core from '../../shared/src/public-suffix.ts';
import * as own from '../src/public-suffix.ts';
import { publicSuffixText } from '../scripts/public-suffixes.mjs';

const text = (await publicSuffixText()) as string;
const rules = text.split('\n').filter((l) => l !== '' && !l.startsWith('//'));

/** Host names around every rule: the rule's own name (a wildcard's label filled in), one and two labels under it. */
function namesAround(rule: string): string[] {
  const name = rule.replace(/^!/, '').replace(/^\*\./, 'w.');
  const parent = name.slice(name.indexOf('.') + 1);
  return [name, `a.${name}`, `b.a.${name}`, parent];
}

describe('the worker’s public suffix list', () => {
  it('refuses a lookup before the list is installed, rather than guess', () => {
    expect(own.publicSuffixesInstalled()).toBe(false);
    expect(() => own.registrableDomain('www.example.co.uk')).toThrow('not installed');
  });

  it('holds the ICANN section as tldts-icann does, wildcards and exceptions included', () => {
    own.installPublicSuffixes(text);
    expect(own.publicSuffixesInstalled()).toBe(true);
    expect(rules.length).toBeGreaterThan(7000);
    expect(rules).toContain('co.uk');
    expect(rules).toContain('*.kobe.jp');
    expect(rules).toContain('!city.kobe.jp');
    expect(rules.filter((r) => r.startsWith('!'))).toHaveLength(8);
  });

  it('gives the core’s registrable domain for every host name around every rule', () => {
    own.installPublicSuffixes(text);
    const hosts = [...new Set(rules.flatMap(namesAround))].filter((h) => /^[a-z0-9_.-]+$/.test(h) && core.isLdhName(h));
    expect(hosts.length).toBeGreaterThan(20_000);
    const differ = hosts.filter((h) => own.registrableDomain(h) !== core.registrableDomain(h)).map((h) => [h, own.registrableDomain(h), core.registrableDomain(h)]);
    expect(differ).toEqual([]);
  });

  it('says which names are public suffixes as the core does, for every rule and for names that are no host names', () => {
    own.installPublicSuffixes(text);
    const odd = ['*.ck', 'w.ck', 'www.ck', 'a.www.ck', '.co.uk', 'co.uk.', 'a..uk', '-co.uk', 'co-.uk', 'co_x.uk', '個人.香港', '香港', 'xn--j6w193g', '1.bg', '12.34', '1.2.3.4', 'a.b', 'com', 'x.com', 'de', 'unknown-tld', 'a.unknown-tld', '', 'a'.repeat(64) + '.uk'];
    const names = [...new Set([...rules.flatMap(namesAround), ...odd])];
    const differ = names.filter((n) => own.isPublicSuffix(n) !== core.isPublicSuffix(n)).map((n) => [n, own.isPublicSuffix(n), core.isPublicSuffix(n)]);
    expect(differ).toEqual([]);
    expect(names.filter((n) => own.isPublicSuffix(n)).length).toBeGreaterThan(7000);
  });

  it('answers the cases the list is known for', () => {
    own.installPublicSuffixes(text);
    expect(own.registrableDomain('www.example.co.uk')).toBe('example.co.uk');
    expect(own.registrableDomain('mail.example.com')).toBe('example.com');
    expect(own.registrableDomain('co.uk')).toBe(null);
    expect(own.registrableDomain('a.b.kobe.jp')).toBe('a.b.kobe.jp');
    expect(own.registrableDomain('www.city.kobe.jp')).toBe('city.kobe.jp');
    expect(own.registrableDomain('www.ck')).toBe('www.ck');
    expect(own.registrableDomain('www.mail.unknown-tld')).toBe('mail.unknown-tld');
    expect(own.isPublicSuffix('anything.ck')).toBe(true);
    expect(own.isPublicSuffix('www.ck')).toBe(false);
  });

  it('reads any text without throwing: blank lines, comments, CRLF', () => {
    expect(() => own.installPublicSuffixes('// x\r\n\r\nuk\r\nco.uk\r\n!www.co.uk\n\u0000\n...')).not.toThrow();
    expect(own.registrableDomain('a.b.co.uk')).toBe('b.co.uk');
    expect(own.registrableDomain('www.co.uk')).toBe('www.co.uk');
    own.installPublicSuffixes(text);
  });
});
