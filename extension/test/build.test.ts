// The built artifacts (run after `pnpm run build`): both manifests as generated, both zips, and `web-ext lint` clean
// on the Firefox build.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleCatalog } from '../../shared/src/catalog.ts';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'dist');
const manifest = (t: string) => JSON.parse(readFileSync(join(dist, t, 'manifest.json'), 'utf8'));

describe('build', () => {
  it('generates a Chrome manifest with a service worker and the least permissions', () => {
    const m = manifest('chrome');
    expect(m.manifest_version).toBe(3);
    expect(m.background).toEqual({ service_worker: 'background.js' });
    expect(m.permissions).toEqual(['storage', 'webNavigation']);
    expect(m.host_permissions).toEqual(['https://cloudflare-dns.com/*', 'https://dns.google/*', 'https://dns.quad9.net/*']);
    expect(m.optional_host_permissions).toEqual(['https://*/*']);
    expect(m.browser_specific_settings).toBeUndefined();
  });

  it('generates a Firefox manifest with background scripts, a gecko id and strict_min_version', () => {
    const m = manifest('firefox');
    expect(m.background).toEqual({ scripts: ['background.js'] });
    expect(m.browser_specific_settings.gecko.id).toBe('sts-lens@sts-lens.dev');
    expect(m.browser_specific_settings.gecko.strict_min_version).toBe('140.0');
  });

  it('zips each build', () => {
    for (const t of ['chrome', 'firefox']) {
      const zip = readFileSync(join(dist, `sts-lens-${t}-0.1.0.zip`));
      expect(zip.readUInt32LE(0)).toBe(0x04034b50);
      expect(zip.includes(Buffer.from('manifest.json'))).toBe(true);
    }
    // The bundles stay small enough to review: no framework, one file per entry.
    expect(statSync(join(dist, 'chrome/popup.js')).size).toBeLessThan(64 * 1024);
  });

  // The extension runs the domain check only: the zone linter, its docs and the TLS-RPT report code must stay out of
  // every bundle. Each of those rules' codes is a string literal of its module, so one in a bundle means the module is.
  it('keeps zone-file and report code out of every bundle, and background.js within its budget', () => {
    const foreign = ruleCatalog.filter((r) => r.kind === 'zone' || r.kind === 'report' || r.kind === 'workspace').map((r) => r.code);
    expect(foreign.length).toBeGreaterThan(20);
    const wanted = ruleCatalog.filter((r) => r.kind === 'check' || r.kind === 'policy' || r.kind === 'sts-txt').map((r) => r.code);
    for (const t of ['chrome', 'firefox']) {
      for (const bundle of ['background.js', 'popup.js', 'options.js']) {
        const code = readFileSync(join(dist, t, bundle), 'utf8');
        expect({ bundle, found: foreign.filter((c) => code.includes(`\`${c}\``) || code.includes(`"${c}"`) || code.includes(`'${c}'`)) }).toEqual({ bundle, found: [] });
      }
      // The check itself is there (a test that could not fail otherwise).
      const bg = readFileSync(join(dist, t, 'background.js'), 'utf8');
      expect(wanted.filter((c) => !bg.includes(c))).toEqual([]);
    }
    // The worker: the check with its record, policy and MX TLS rules and DoH; 142 KB now (498 KB through the core's full
    // entry, 243 KB with tldts-icann, the polyfill and the rules' docs inside).
    expect(statSync(join(dist, 'chrome/background.js')).size).toBeLessThan(150 * 1024);
  });

  // The public suffix list is a file of the package (public-suffix.test.ts holds its lookup to tldts-icann's), not code:
  // no bundle carries tldts, its list or webextension-polyfill, and no bundle carries the rules' docs (`summary`, `rfc`).
  it('keeps the suffix list, the polyfill and the rules’ docs out of every bundle, and ships the list as a file', () => {
    const docs = ruleCatalog.filter((r) => r.kind === 'check' || r.kind === 'policy' || r.kind === 'sts-txt' || r.kind === 'tlsrpt-txt' || r.kind === 'file').map((r) => r.summary);
    expect(docs.length).toBeGreaterThan(60);
    for (const t of ['chrome', 'firefox']) {
      const list = readFileSync(join(dist, t, 'public-suffixes.txt'), 'utf8').split('\n');
      expect(list).toContain('co.uk');
      expect(list).toContain('!city.kobe.jp');
      expect(zipNames(readFileSync(join(dist, `sts-lens-${t}-0.1.0.zip`)))).toContain('public-suffixes.txt');
      for (const bundle of ['background.js', 'popup.js', 'options.js']) {
        const code = readFileSync(join(dist, t, bundle), 'utf8');
        // tldts' list holds these labels as one string, the polyfill names itself in its errors.
        expect({ bundle, tldts: code.includes('kawasaki'), polyfill: code.includes('webextension-polyfill') || code.includes('browser-polyfill') }).toEqual({ bundle, tldts: false, polyfill: false });
        expect({ bundle, docs: docs.filter((d) => code.includes(d)) }).toEqual({ bundle, docs: [] });
      }
    }
  });

  // What the Chrome Web Store and addons.mozilla.org check of a package before review, offline: limits on the listing
  // texts, a version they accept, every file the manifest names present in the zip, icons of the sizes declared, and
  // no remote code (every script a file of the package).
  it.each(['chrome', 'firefox'])('the %s zip passes the stores’ package checks', (t) => {
    const m = manifest(t);
    expect(m.name.length).toBeLessThanOrEqual(45);
    expect(m.description.length).toBeLessThanOrEqual(132);
    expect(m.version).toMatch(/^\d{1,5}(\.\d{1,5}){0,3}$/);
    const zip = readFileSync(join(dist, `sts-lens-${t}-0.1.0.zip`));
    const inZip = zipNames(zip);
    const named = [
      ...Object.values(m.icons as Record<string, string>),
      ...Object.values(m.action.default_icon as Record<string, string>),
      m.action.default_popup,
      m.options_ui.page,
      ...(t === 'chrome' ? [m.background.service_worker] : m.background.scripts),
    ];
    expect(named.filter((f: string) => !inZip.includes(f))).toEqual([]);
    expect(Object.keys(m.icons)).toEqual(['16', '32', '48', '96', '128']);
    for (const [size, file] of Object.entries(m.icons as Record<string, string>)) {
      const png = readFileSync(join(dist, t, file));
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([Number(size), Number(size)]);
    }
    for (const html of inZip.filter((f) => f.endsWith('.html'))) {
      const text = readFileSync(join(dist, t, html), 'utf8');
      const srcs = [...text.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((x) => x[1]!);
      expect(srcs.filter((src) => !inZip.includes(src))).toEqual([]);
      expect(text).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    }
    expect(m.content_security_policy.extension_pages).toBe("script-src 'self'; object-src 'none'");
  });

  it('web-ext lint finds nothing in the Firefox build', () => {
    const bin = join(root, 'node_modules/.bin/web-ext');
    const r = spawnSync(bin, ['lint', '--source-dir', join(dist, 'firefox'), '--output', 'json', '--no-input'], { encoding: 'utf8', timeout: 60_000 });
    const report = JSON.parse(r.stdout) as { summary: { errors: number; warnings: number; notices: number }; errors: unknown[]; warnings: unknown[]; notices: unknown[] };
    expect({ errors: report.errors, warnings: report.warnings }).toEqual({ errors: [], warnings: [] });
  }, 60_000);
});

/** The file names of a zip, from its central directory. */
function zipNames(zip: Buffer): string[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const nameLen = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    names.push(zip.subarray(at + 46, at + 46 + nameLen).toString('utf8'));
    at += 46 + nameLen + extra + comment;
  }
  return names;
}
