#!/usr/bin/env node
// `pnpm bench`: run every bench/*.mjs (except this runner) one after another, each in its own process so one
// benchmark's heap and JIT state do not colour the next one's figures.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const self = basename(fileURLToPath(import.meta.url));
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.mjs') && f !== self)
  .sort();

const failed = [];
for (const bench of benches) {
  process.stdout.write(`\n== bench/${bench}\n`);
  const { status, signal } = spawnSync(process.execPath, [join(here, bench), ...process.argv.slice(2)], { stdio: 'inherit' });
  if (status !== 0) failed.push(`${bench} (${signal ?? `exit ${status}`})`);
}
// Figures are never judged here; only a benchmark that could not run makes this fail.
if (failed.length > 0) {
  process.stderr.write(`\nbench: could not run: ${failed.join(', ')}\n`);
  process.exitCode = 1;
}
