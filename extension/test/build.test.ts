// The built artifacts (run after `pnpm run build`): both manifests as generated, both zips, and `web-ext lint` clean
// on the Firefox build.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

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
    expect(m.browser_specific_settings.gecko.strict_min_version).toBe('142.0');
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

  it('web-ext lint finds nothing in the Firefox build', () => {
    const bin = join(root, 'node_modules/.bin/web-ext');
    const r = spawnSync(bin, ['lint', '--source-dir', join(dist, 'firefox'), '--output', 'json', '--no-input'], { encoding: 'utf8', timeout: 60_000 });
    const report = JSON.parse(r.stdout) as { summary: { errors: number; warnings: number; notices: number }; errors: unknown[]; warnings: unknown[]; notices: unknown[] };
    expect({ errors: report.errors, warnings: report.warnings }).toEqual({ errors: [], warnings: [] });
  }, 60_000);
});
