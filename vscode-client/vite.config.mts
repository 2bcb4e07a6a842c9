import { existsSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const serverBundle = resolve(import.meta.dirname, '../lsp-server/dist/server.js');
const serverDir = resolve(import.meta.dirname, 'server');

// The language server travels inside the extension: its one-file bundle is copied to server/server.js. The bundle is
// ESM while this package is CommonJS (VS Code 1.82 loads extensions with require), so a package.json beside it says so.
const copyServer: Plugin = {
  name: 'sts-lens-vscode:copy-server',
  async writeBundle() {
    if (!existsSync(serverBundle)) throw new Error(`${serverBundle} is missing: build @sts-lens/lsp-server first (pnpm -r run build does)`);
    await mkdir(serverDir, { recursive: true });
    await copyFile(serverBundle, resolve(serverDir, 'server.js'));
    await writeFile(resolve(serverDir, 'package.json'), '{ "type": "module" }\n');
  },
};

// One CommonJS file for the extension host: vscode-languageclient and the core are bundled; `vscode` is provided by
// the host and node: builtins stay external.
export default defineConfig({
  root: import.meta.dirname,
  logLevel: 'warn',
  plugins: [copyServer],
  ssr: { noExternal: true, external: ['vscode'], target: 'node' },
  build: {
    ssr: 'src/extension.ts',
    outDir: 'dist',
    emptyOutDir: true,
    target: 'node18',
    minify: true,
    sourcemap: false,
    copyPublicDir: false,
    rolldownOptions: {
      external: ['vscode'],
      output: { format: 'cjs', entryFileNames: 'extension.js', codeSplitting: false },
    },
  },
});
