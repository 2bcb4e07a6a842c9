// package.json's contributions hang together: each language has a grammar and a configuration file that exist and
// parse, every setting mirrors one the server reads and says what it does, the command is declared and activates
// the extension, and the languages activate it too.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../lsp-server/src/settings.ts';
import { DEFAULT_CHECK_TIMEOUT_S } from '../src/check-settings.ts';

const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const contributes = pkg.contributes;
const readJson = (rel: string) => JSON.parse(readFileSync(join(pkgDir, rel), 'utf8'));

describe('package.json contributions', () => {
  it('declare the two languages of the server, by the names the issue gives', () => {
    expect(contributes.languages.map((l: { id: string }) => l.id)).toEqual(['mta-sts', 'dns-zone']);
    const [policy, zone] = contributes.languages;
    expect([policy.filenames, policy.extensions]).toEqual([['mta-sts.txt'], ['.mta-sts']]);
    expect([zone.extensions, zone.filenamePatterns]).toEqual([['.zone', '.db'], ['db.*']]);
  });

  it('give every language a grammar and a language configuration that exist and parse', () => {
    for (const lang of contributes.languages) {
      const grammars = contributes.grammars.filter((g: { language: string }) => g.language === lang.id);
      expect(grammars, lang.id).toHaveLength(1);
      const grammar = readJson(grammars[0].path);
      expect(grammar.scopeName).toBe(grammars[0].scopeName);
      expect(grammar.scopeName).toBe(`source.${lang.id}`);
      expect(existsSync(join(pkgDir, lang.configuration)), lang.configuration).toBe(true);
      expect(typeof readJson(lang.configuration)).toBe('object');
    }
    expect(readJson(contributes.languages[1].configuration).comments).toEqual({ lineComment: ';' });
  });

  it('declare a setting with a description for each key the server reads, plus trace.server and the check transports', () => {
    const props = contributes.configuration.properties as Record<string, { markdownDescription?: string; description?: string; default: unknown }>;
    const serverKeys = Object.keys(defaultSettings).map((k) => `stsLens.${k}`);
    const checkKeys = ['resolver', 'caFile', 'httpsPort', 'httpPort', 'smtpPort', 'timeoutSeconds'].map((k) => `stsLens.check.${k}`);
    expect(Object.keys(props).sort()).toEqual([...serverKeys, ...checkKeys, 'stsLens.trace.server'].sort());
    for (const [key, p] of Object.entries(props)) expect((p.markdownDescription ?? p.description ?? '').length, key).toBeGreaterThan(40);
    expect(props['stsLens.debounceMs']!.default).toBe(defaultSettings.debounceMs);
    expect(props['stsLens.maxSymbols']!.default).toBe(defaultSettings.maxSymbols);
    expect(props['stsLens.rules']!.default).toEqual({});
    expect(props['stsLens.check.timeoutSeconds']!.default).toBe(DEFAULT_CHECK_TIMEOUT_S);
  });

  it('declare the check command and activate on it and on both languages', () => {
    expect(contributes.commands).toEqual([{ command: 'stsLens.checkDomain', title: 'Check domain…', category: 'STS Lens' }]);
    const events: string[] = pkg.activationEvents;
    for (const l of contributes.languages) expect(events).toContain(`onLanguage:${l.id}`);
    expect(events).toContain('onCommand:stsLens.checkDomain');
  });

  it('name an entry point and a VS Code version the types match', () => {
    expect(pkg.main).toBe('./dist/extension.js');
    expect(pkg.engines.vscode).toBe('^1.82.0');
    expect(pkg.devDependencies['@types/vscode']).toBe('1.82.0');
  });
});
