// Builds the extension: one source, two targets. Each entry (worker, popup, options) is bundled by vite into one
// self-contained IIFE file (no code splitting: MV3 workers and Firefox background scripts load plain scripts); the
// same files go to dist/chrome and dist/firefox beside a manifest generated for that browser, and each folder is
// zipped to dist/sts-lens-<browser>-<version>.zip. The public suffix list is a file of the package beside them
// (public-suffixes.txt), which the worker reads as it starts: the core's list module is replaced by the extension's
// (src/public-suffix.ts) in every bundle.
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { build } from 'vite';
import { manifestFor } from './manifest.mjs';
import { iconPng } from './icon.mjs';
import { zipFolder } from './zip.mjs';
import { publicSuffixText } from './public-suffixes.mjs';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'dist');
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));

const entries = { background: 'src/background.ts', popup: 'src/popup/popup.ts', options: 'src/options/options.ts' };
const staticFiles = { 'popup.html': 'src/popup/popup.html', 'popup.css': 'src/popup/popup.css', 'options.html': 'src/options/options.html', 'welcome.html': 'src/welcome/welcome.html' };
// Every size the stores and browsers ask for: 16 and 32 toolbar, 48 extensions page, 96 Firefox (2× of 48), 128 Chrome Web Store.
export const ICON_SIZES = [16, 32, 48, 96, 128];

// The core's one door to the public suffix list (tldts-icann), and the extension's module that takes its place.
const coreSuffixes = resolve(root, '../shared/src/public-suffix.ts');
const ownSuffixes = join(root, 'src/public-suffix.ts');
/** @type {import('vite').Plugin} */
const suffixesFromFile = {
  name: 'public-suffixes-from-file',
  enforce: 'pre',
  async resolveId(source, importer, options) {
    if (!source.endsWith('public-suffix.ts')) return null;
    const found = await this.resolve(source, importer, { ...options, skipSelf: true });
    return found?.id === coreSuffixes ? ownSuffixes : null;
  },
};

// A rule's `summary` and `rfc` are its documentation (docs/rules.md, hover, SARIF): the extension never shows them, it
// shows the findings the rules compute. They leave the bundles: the property, when its value is written out as a
// string (constants may be spliced in), is cut from each object literal of the core's rule files, which TypeScript
// parses, so nothing else is touched (test/build.test.ts: no rule summary in any bundle).
const RULE_FILE = /[\\/]shared[\\/]src[\\/][^\\/]+[\\/]rules[\\/][^\\/]+\.ts$/;
const DOC_KEYS = new Set(['summary', 'rfc']);
/** @param {import('typescript').Node} n @returns {boolean} */
const isText = (n) => ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || (ts.isTemplateExpression(n) && n.templateSpans.every((t) => ts.isIdentifier(t.expression) || ts.isLiteralExpression(t.expression))) || (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken && isText(n.left) && isText(n.right)) || (ts.isParenthesizedExpression(n) && isText(n.expression));
/** @type {import('vite').Plugin} */
const ruleDocsOut = {
  name: 'rule-docs-out',
  enforce: 'pre',
  transform(code, id) {
    if (!RULE_FILE.test(id) || id.endsWith('.test.ts')) return null;
    const file = ts.createSourceFile(id, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    /** @type {Array<[number, number]>} */
    const cuts = [];
    /** @param {import('typescript').Node} n */
    const visit = (n) => {
      if (ts.isObjectLiteralExpression(n)) {
        for (const p of n.properties) {
          if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && DOC_KEYS.has(p.name.text) && isText(p.initializer)) {
            const comma = code.indexOf(',', p.getEnd());
            cuts.push([p.getStart(file), comma >= 0 && code.slice(p.getEnd(), comma).trim() === '' ? comma + 1 : p.getEnd()]);
          }
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(file);
    if (cuts.length === 0) return null;
    let out = code;
    for (const [from, to] of cuts.sort((a, b) => b[0] - a[0])) out = out.slice(0, from) + out.slice(to);
    return { code: out, map: null };
  },
};

await rm(dist, { recursive: true, force: true });
const common = join(dist, '.bundle');
for (const [name, entry] of Object.entries(entries)) {
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    plugins: [suffixesFromFile, ruleDocsOut],
    build: {
      outDir: common,
      emptyOutDir: false,
      target: ['chrome116', 'firefox128'],
      minify: true,
      sourcemap: false,
      modulePreload: false,
      rolldownOptions: {
        input: join(root, entry),
        output: { format: 'iife', entryFileNames: `${name}.js`, codeSplitting: false },
      },
    },
  });
}

// Each bundle's size, minified and gzipped, so a dependency that drags in half the core shows in every build.
for (const name of Object.keys(entries)) {
  const bytes = await readFile(join(common, `${name}.js`));
  const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`extension bundle ${`${name}.js`.padEnd(20)} ${kb(bytes.length).padStart(9)} minified, ${kb(gzipSync(bytes).length).padStart(8)} gzip`);
}

/** The file the worker reads the list from (src/public-suffix.ts: PUBLIC_SUFFIX_FILE). */
const PUBLIC_SUFFIX_FILE = 'public-suffixes.txt';
const suffixes = await publicSuffixText();
console.log(`extension file   ${PUBLIC_SUFFIX_FILE.padEnd(20)} ${`${(Buffer.byteLength(suffixes) / 1024).toFixed(1)} KB`.padStart(9)}, read by the worker as it starts`);

for (const target of /** @type {const} */ (['chrome', 'firefox'])) {
  const out = join(dist, target);
  await mkdir(join(out, 'icons'), { recursive: true });
  for (const name of Object.keys(entries)) await copyFile(join(common, `${name}.js`), join(out, `${name}.js`));
  for (const [name, src] of Object.entries(staticFiles)) await copyFile(join(root, src), join(out, name));
  for (const size of ICON_SIZES) await writeFile(join(out, 'icons', `icon-${size}.png`), iconPng(size));
  await writeFile(join(out, PUBLIC_SUFFIX_FILE), suffixes);
  await writeFile(join(out, 'manifest.json'), `${JSON.stringify(manifestFor(target, pkg), null, 2)}\n`);
  await zipFolder(out, join(dist, `sts-lens-${target}-${pkg.version}.zip`));
}
await rm(common, { recursive: true, force: true });
