// Runs the BUILT bundle as a user would: `node cli/dist/sts-lens.js …`, in a child process.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const cliDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = resolve(cliDir, '..');
export const bundle = join(cliDir, 'dist', 'sts-lens.js');
export const fixtures = join(cliDir, 'test', 'fixtures');

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly input?: string | Uint8Array;
  readonly env?: Readonly<Record<string, string>>;
  /** Another copy of the bundle to run (e.g. one copied away from node_modules). */
  readonly script?: string;
}

/** Fail with a clear message rather than a spawn error when the bundle was not built. */
export function requireBundle(): void {
  if (!existsSync(bundle)) {
    throw new Error(`${bundle} is missing: build it with \`pnpm --filter @sts-lens/cli build\` (\`pnpm test\` builds first)`);
  }
}

/** Run `sts-lens` with `args`; colour variables of the test runner's environment are not passed on. */
export function stsLens(args: readonly string[], options: RunOptions = {}): Run {
  requireBundle();
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && k !== 'FORCE_COLOR' && k !== 'NO_COLOR' && k !== 'SOURCE_DATE_EPOCH') env[k] = v;
  }
  const child = spawnSync(process.execPath, [options.script ?? bundle, ...args], {
    cwd: options.cwd ?? repoRoot,
    input: options.input ?? '',
    env: { ...env, ...options.env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (child.error) throw child.error;
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}
