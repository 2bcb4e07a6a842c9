// Builds the extension: one source, two targets. Each entry (worker, popup, options) is bundled by vite into one
// self-contained IIFE file (no code splitting: MV3 workers and Firefox background scripts load plain scripts); the
// same files go to dist/chrome and dist/firefox beside a manifest generated for that browser, and each folder is
// zipped to dist/sts-lens-<browser>-<version>.zip.
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { manifestFor } from './manifest.mjs';
import { iconPng } from './icon.mjs';
import { zipFolder } from './zip.mjs';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'dist');
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));

const entries = { background: 'src/background.ts', popup: 'src/popup/popup.ts', options: 'src/options/options.ts' };
const staticFiles = { 'popup.html': 'src/popup/popup.html', 'popup.css': 'src/popup/popup.css', 'options.html': 'src/options/options.html', 'welcome.html': 'src/welcome/welcome.html' };
// Every size the stores and browsers ask for: 16 and 32 toolbar, 48 extensions page, 96 Firefox (2× of 48), 128 Chrome Web Store.
export const ICON_SIZES = [16, 32, 48, 96, 128];

await rm(dist, { recursive: true, force: true });
const common = join(dist, '.bundle');
for (const [name, entry] of Object.entries(entries)) {
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    build: {
      outDir: common,
      emptyOutDir: false,
      target: ['chrome116', 'firefox128'],
      minify: true,
      sourcemap: false,
      modulePreload: false,
      rolldownOptions: {
        input: join(root, entry),
        // No constant inlining: it copies tldts' 41 KB label string into each of its three readers.
        optimization: { inlineConst: false },
        output: { format: 'iife', entryFileNames: `${name}.js`, codeSplitting: false },
      },
    },
  });
}

// Each bundle's size, minified and gzipped, so a dependency that drags in half the core shows in every build.
for (const name of Object.keys(entries)) {
  const bytes = await readFile(join(common, `${name}.js`));
  const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`extension bundle ${`${name}.js`.padEnd(14)} ${kb(bytes.length).padStart(9)} minified, ${kb(gzipSync(bytes).length).padStart(8)} gzip`);
}

for (const target of /** @type {const} */ (['chrome', 'firefox'])) {
  const out = join(dist, target);
  await mkdir(join(out, 'icons'), { recursive: true });
  for (const name of Object.keys(entries)) await copyFile(join(common, `${name}.js`), join(out, `${name}.js`));
  for (const [name, src] of Object.entries(staticFiles)) await copyFile(join(root, src), join(out, name));
  for (const size of ICON_SIZES) await writeFile(join(out, 'icons', `icon-${size}.png`), iconPng(size));
  await writeFile(join(out, 'manifest.json'), `${JSON.stringify(manifestFor(target, pkg), null, 2)}\n`);
  await zipFolder(out, join(dist, `sts-lens-${target}-${pkg.version}.zip`));
}
await rm(common, { recursive: true, force: true });
