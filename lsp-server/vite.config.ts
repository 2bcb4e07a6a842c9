import { chmod } from 'node:fs/promises';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

// npm/pnpm set the bin's mode on install, but a freshly built bundle run as `./dist/server.js` needs it too.
const executable: Plugin = {
  name: 'sts-lens-lsp:executable',
  async writeBundle(options, bundle) {
    for (const file of Object.keys(bundle)) if (file.endsWith('.js')) await chmod(resolve(options.dir ?? 'dist', file), 0o755);
  },
};

// One self-contained ESM file: every dependency (the workspace core, tldts, ...) is bundled; only node: builtins stay
// external, so `node dist/server.js --stdio` runs with no node_modules beside it.
export default defineConfig({
  root: import.meta.dirname,
  logLevel: 'warn',
  plugins: [executable],
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: 'src/main.ts',
    outDir: 'dist',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    copyPublicDir: false,
    rolldownOptions: {
      output: { format: 'es', entryFileNames: 'server.js', codeSplitting: false },
    },
  },
});
