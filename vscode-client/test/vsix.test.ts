// The packaged extension (built by `pnpm -r run build`: vite, then `vsce package --no-dependencies`) holds exactly the
// files that run, the language server among them, and its entry point loads as a CommonJS module.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const vsix = join(pkgDir, 'dist', 'sts-lens.vsix');
const vsce = join(dirname(createRequire(import.meta.url).resolve('@vscode/vsce/package.json')), 'vsce');

/** The names in a zip's central directory (a .vsix is a zip). */
function zipEntries(zip: Buffer): string[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip: no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry at ${at}`);
    const nameLen = zip.readUInt16LE(at + 28);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLen));
    at += 46 + nameLen + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return names.sort();
}

const INTENDED = [
  'LICENSE.txt',
  'changelog.md',
  'dist/extension.js',
  'images/icon.png',
  'language-configuration/dns-zone.json',
  'language-configuration/mta-sts.json',
  'package.json',
  'readme.md',
  'server/package.json',
  'server/server.js',
  'syntaxes/dns-zone.tmLanguage.json',
  'syntaxes/mta-sts.tmLanguage.json',
];

describe('the .vsix', () => {
  it('exists after the build', () => {
    expect(existsSync(vsix), `${vsix} is missing: run \`pnpm -r run build\``).toBe(true);
  });

  it('holds exactly the extension, the server bundle, grammars, configurations, manifest, icon, README, CHANGELOG and LICENSE', () => {
    const names = zipEntries(readFileSync(vsix));
    expect(names).toEqual(['[Content_Types].xml', 'extension.vsixmanifest', ...INTENDED.map((n) => `extension/${n}`)].sort());
  });

  it('stays small: under 1 MiB packed', () => {
    expect(statSync(vsix).size).toBeLessThan(1024 * 1024);
  });

  it('carries the same server bundle lsp-server builds, byte for byte', () => {
    expect(readFileSync(join(pkgDir, 'server', 'server.js')).equals(readFileSync(join(pkgDir, '..', 'lsp-server', 'dist', 'server.js')))).toBe(true);
    expect(JSON.parse(readFileSync(join(pkgDir, 'server', 'package.json'), 'utf8'))).toEqual({ type: 'module' });
  });

  it('is what `vsce ls` says the folder packages', () => {
    const r = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: pkgDir, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const listed = r.stdout.split('\n').map((l) => l.trim()).filter(Boolean).sort();
    expect(listed).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', ...INTENDED.filter((n) => !['LICENSE.txt', 'readme.md', 'changelog.md'].includes(n))].sort());
    // No sources, tests, source maps or screenshots.
    expect(listed.filter((n) => /^(src|test|scripts)\/|\.map$|\.ts$|^images\/(?!icon\.png$)/.test(n))).toEqual([]);
  });

  it('has an entry point that loads as CommonJS and exports activate and deactivate (with a stub for `vscode`)', () => {
    const script = `
      const Module = require('node:module');
      const load = Module._load;
      // Any member of the stub is a class, enough for vscode-languageclient's top-level \`class extends code.X\`.
      const vscode = new Proxy({}, { get: (_, key) => (key === '__esModule' ? false : class {}) });
      Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : load.call(this, request, ...rest); };
      const ext = require(${JSON.stringify(join(pkgDir, 'dist', 'extension.js'))});
      process.stdout.write(JSON.stringify({ activate: typeof ext.activate, deactivate: typeof ext.deactivate }));`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ activate: 'function', deactivate: 'function' });
  });
});
