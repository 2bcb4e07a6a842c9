// The Firefox builds the Firefox suite runs in: Debian's installed Firefox ESR, and the oldest ESR the package
// archive offers when it is older (setup.sh unpacks that one's package into /opt, beside the installed one). What the
// archive offers is read from apt's local lists, so a machine whose setup did not unpack it fails here, loudly.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const FIREFOX_ESR = '/usr/bin/firefox-esr';

/** Where setup.sh unpacks the Debian package of Firefox ESR `version` (upstream version, e.g. 140.12.0esr). */
export function unpackedFirefox(version: string): string {
  return `/opt/sts-lens-firefox-esr-${version}/usr/lib/firefox-esr/firefox-esr`;
}

function versionOf(binary: string): string {
  return execFileSync(binary, ['--version'], { encoding: 'utf8', timeout: 30_000 }).trim().replace(/^Mozilla Firefox /, '');
}

const major = (v: string) => Number(v.split('.')[0]);

/** Each Firefox to test, with its version: the installed ESR first. */
export function firefoxes(): { path: string; version: string }[] {
  if (!existsSync(FIREFOX_ESR)) throw new Error(`${FIREFOX_ESR} is missing: run ./setup.sh (it installs firefox-esr)`);
  const installed = { path: FIREFOX_ESR, version: versionOf(FIREFOX_ESR) };
  let offered: string[] = [];
  try {
    offered = execFileSync('apt-cache', ['madison', 'firefox-esr'], { encoding: 'utf8', timeout: 30_000 })
      .split('\n')
      .map((l) => l.split('|')[1]?.trim().replace(/-[^-]*$/, '') ?? '')
      .filter((v) => /^\d+\./.test(v));
  } catch {
    // No apt: only the installed Firefox is known.
  }
  const oldest = offered.sort((a, b) => major(a) - major(b))[0];
  if (!oldest || major(oldest) >= major(installed.version)) return [installed];
  const path = unpackedFirefox(oldest);
  if (!existsSync(path)) throw new Error(`Firefox ESR ${oldest}, the oldest the archive offers, is not unpacked at ${path}: run ./setup.sh`);
  return [installed, { path, version: versionOf(path) }];
}
