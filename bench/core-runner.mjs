// A script over the workspace core (TypeScript source), bundled by vite into one Node file the benchmarks run: the
// core measured on its own, without the CLI.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The import line for the core, for the top of a runner's `source`. */
export const coreImport = (names) => `import { ${names.join(', ')} } from ${JSON.stringify(join(root, 'shared/src/index.ts'))};`;

/** Bundle `source` (TypeScript) in `dir`; returns the path of the runnable file. */
export async function buildCoreRunner(dir, source) {
  const entry = join(dir, 'runner.ts');
  writeFileSync(entry, source);
  const { build } = await import(join(root, 'node_modules/vite/dist/node/index.js'));
  await build({ root: dir, logLevel: 'warn', configFile: false, build: { ssr: entry, outDir: join(dir, 'dist'), target: 'node20', minify: false, rolldownOptions: { output: { format: 'es', entryFileNames: 'runner.mjs' } } }, ssr: { noExternal: true, target: 'node' } });
  return join(dir, 'dist/runner.mjs');
}
