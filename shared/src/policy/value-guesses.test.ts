import { describe, expect, it } from 'vitest';
import { editDistance } from './edit-distance.ts';
import { keyNearMiss } from './keys.ts';
import { formatDays, guessMaxAge } from './max-age.ts';
import { closestMode } from './modes.ts';
import { checkMxValue, isMxPatternGrammar } from './mx-pattern.ts';

describe('keyNearMiss', () => {
  it.each([
    ['Mode', 'enforce', 'mode'],
    ['MAX_AGE', '86400', 'max_age'],
    ['max-age', '86400', 'max_age'],
    ['maxage', '86400', 'max_age'],
    ['max_ages', '86400', 'max_age'],
    ['maxAge', '86400', 'max_age'],
    ['modes', 'enforce', 'mode'],
    ['versoin', 'STSv1', 'version'],
    ['vers', 'STSv1', 'version'],
    ['mxs', 'mail.example.com', 'mx'],
    ['max', '86400', 'max_age'],
    ['max', 'mail.example.com', 'mx'],
  ])('%s: %s → %s', (name, value, key) => expect(keyNearMiss(name, value)).toBe(key));

  it.each([
    ['node', 'primary'],
    ['contact', 'postmaster@example.com'],
    ['id', '20260101'],
    ['m', 'mail.example.com'],
    ['x'.repeat(41), 'enforce'],
  ])('%s: %s is an extension, not a typo', (name, value) => expect(keyNearMiss(name, value)).toBeNull());
});

describe('editDistance', () => {
  it('counts an adjacent swap as one edit and stops past the limit', () => {
    expect(editDistance('versoin', 'version', 2)).toBe(1);
    expect(editDistance('maxage', 'max_age', 2)).toBe(1);
    expect(editDistance('abcdef', 'version', 2)).toBe(3);
  });
});

describe('closestMode', () => {
  it.each([
    ['Enforce', 'enforce', 'case'],
    ['ENFORCE', 'enforce', 'case'],
    ['"testing"', 'testing', 'case'],
    ['enforced', 'enforce', 'synonym'],
    ['enforcing', 'enforce', 'synonym'],
    ['test', 'testing', 'synonym'],
    ['testing-mode', 'testing', 'synonym'],
    ['report', 'testing', 'synonym'],
    ['off', 'none', 'synonym'],
    ['disabled', 'none', 'synonym'],
    ['enfroce', 'enforce', 'typo'],
    ['nnoe', 'none', 'typo'],
  ])('%s → %s (%s)', (value, mode, how) => expect(closestMode(value)).toEqual({ mode, how }));

  it.each(['', 'yes', 'on', 'xyz'])('%j has no clear mode', (value) => expect(closestMode(value)).toBeNull());
});

describe('guessMaxAge', () => {
  it.each([
    ['1w', { kind: 'unit', seconds: 604800, capped: false }],
    ['7d', { kind: 'unit', seconds: 604800, capped: false }],
    ['24h', { kind: 'unit', seconds: 86400, capped: false }],
    ['30m', { kind: 'unit', seconds: 1800, capped: false }],
    ['86400s', { kind: 'unit', seconds: 86400, capped: false }],
    ['2 weeks', { kind: 'unit', seconds: 1209600, capped: false }],
    ['1w 2d', { kind: 'unit', seconds: 777600, capped: false }],
    ['1y', { kind: 'unit', seconds: 31557600, capped: false }],
    ['2y', { kind: 'unit', seconds: 31557600, capped: true }],
    ['99999999999', { kind: 'too-many-digits', seconds: 31557600, capped: true }],
    ['000000000086400', { kind: 'too-many-digits', seconds: 86400, capped: false }],
    ['86400.5', { kind: 'decimal', seconds: 86400 }],
    ['86,400', { kind: 'separators', seconds: 86400 }],
    ['+86400', { kind: 'sign', seconds: 86400 }],
    ['604800 # one week', { kind: 'comment', seconds: 604800 }],
    ['-1', { kind: 'negative' }],
    ['', { kind: 'empty' }],
    ['forever', { kind: 'garbage' }],
    ['1 fortnight', { kind: 'garbage' }],
  ])('%j', (value, guess) => expect(guessMaxAge(value)).toEqual(guess));

  it('formats seconds as days', () => {
    expect([86400, 604800, 3600, 31557600, 0].map(formatDays)).toEqual(['1 day', '7 days', '0.04 days', '365.25 days', '0 days']);
  });
});

describe('checkMxValue', () => {
  it.each([
    ['mail.example.com', { kind: 'ok' }],
    ['*.example.com', { kind: 'ok' }],
    ['MAIL.Example.COM', { kind: 'ok' }],
    ['', { kind: 'empty' }],
    ['a.example.com, b.example.com', { kind: 'multiple', hosts: ['a.example.com', 'b.example.com'] }],
    ['a.example.com;b.example.com', { kind: 'multiple', hosts: ['a.example.com', 'b.example.com'] }],
    ['192.0.2.1', { kind: 'ip' }],
    ['2001:db8::1', { kind: 'ip' }],
    ['[2001:db8::1]:25', { kind: 'ip' }],
    ['smtp://192.0.2.1:25', { kind: 'ip' }],
    ['smtp://mail.example.com:25/', { kind: 'not-host', host: 'mail.example.com', hadUser: false }],
    ['mail.example.com:25', { kind: 'not-host', host: 'mail.example.com', hadUser: false }],
    ['postmaster@mail.example.com', { kind: 'not-host', host: 'mail.example.com', hadUser: true }],
    ['mail.example.com.', { kind: 'trailing-dot' }],
    ['*.example.com.', { kind: 'trailing-dot' }],
    ['mail*.example.com', { kind: 'wildcard', reason: 'placement', suggestion: '*.example.com' }],
    ['*mail.example.com', { kind: 'wildcard', reason: 'placement', suggestion: '*.example.com' }],
    ['*.*.example.com', { kind: 'wildcard', reason: 'placement', suggestion: '*.example.com' }],
    ['mail.*.example.com', { kind: 'wildcard', reason: 'placement', suggestion: '*.example.com' }],
    ['*example.com', { kind: 'wildcard', reason: 'placement', suggestion: '*.example.com' }],
    ['*.mail.*.example.com', { kind: 'wildcard', reason: 'placement', suggestion: '*.example.com' }],
    ['*', { kind: 'wildcard', reason: 'alone', suggestion: null }],
    ['*.com', { kind: 'wildcard', reason: 'too-broad', suggestion: null }],
    ['*.co.uk', { kind: 'wildcard', reason: 'too-broad', suggestion: null }],
    ['mail.*.com', { kind: 'wildcard', reason: 'too-broad', suggestion: null }],
    ['localhost', { kind: 'invalid', reason: 'single-label', detail: 'localhost', suggestion: null }],
    ['mail..example.com', { kind: 'invalid', reason: 'empty-label', detail: '..', suggestion: 'mail.example.com' }],
    ['.example.com', { kind: 'invalid', reason: 'leading-dot', detail: '.', suggestion: '*.example.com' }],
    ['mail_1.example.com', { kind: 'invalid', reason: 'bad-char', detail: '_', suggestion: null }],
    ['-mail.example.com', { kind: 'invalid', reason: 'hyphen', detail: '-mail', suggestion: null }],
    ['mäil.example.com', { kind: 'invalid', reason: 'non-ascii', detail: 'ä', suggestion: null }],
    [`${'a'.repeat(64)}.example.com`, { kind: 'invalid', reason: 'label-too-long', detail: 'a'.repeat(64), suggestion: null }],
    ['mail.example.com,', { kind: 'invalid', reason: 'separator', detail: ',', suggestion: 'mail.example.com' }],
  ])('%j', (value, check) => expect(checkMxValue(value)).toEqual(check));

  it('flags a name over 253 characters', () => {
    const name = `${'a'.repeat(60)}.`.repeat(5) + 'com';
    expect(checkMxValue(name)).toMatchObject({ kind: 'invalid', reason: 'too-long' });
  });
});

describe('isMxPatternGrammar', () => {
  it.each([
    ['mail.example.com', true],
    ['*.example.com', true],
    ['MAIL.example.com', true],
    ['localhost', true],
    ['192.0.2.1', true],
    ['mail.example.com.', false],
    ['mail*.example.com', false],
    ['*.', false],
    ['-a.example.com', false],
    ['a_b.example.com', false],
    ['', false],
  ])('%j → %s', (value, ok) => expect(isMxPatternGrammar(value)).toBe(ok));
});
