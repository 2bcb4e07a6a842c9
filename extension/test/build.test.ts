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
    // The worker: the check, the record and policy rules, DoH, and the ICANN suffix list (about 85 KB of it).
    expect(statSync(join(dist, 'chrome/background.js')).size).toBeLessThan(240 * 1024);
  });

  it('web-ext lint finds nothing in the Firefox build', () => {
    const bin = join(root, 'node_modules/.bin/web-ext');
    const r = spawnSync(bin, ['lint', '--source-dir', join(dist, 'firefox'), '--output', 'json', '--no-input'], { encoding: 'utf8', timeout: 60_000 });
    const report = JSON.parse(r.stdout) as { summary: { errors: number; warnings: number; notices: number }; errors: unknown[]; warnings: unknown[]; notices: unknown[] };
    expect({ errors: report.errors, warnings: report.warnings }).toEqual({ errors: [], warnings: [] });
  }, 60_000);
});
