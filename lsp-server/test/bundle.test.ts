import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { bundle } from './lsp-client.ts';

it('runs as one file with no node_modules beside it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sts-lens-lsp-'));
  try {
    const copy = join(dir, 'server.js');
    copyFileSync(bundle, copy);
    const version = spawnSync(process.execPath, [copy, '--version'], { encoding: 'utf8' });
    expect([version.status, version.stdout]).toEqual([0, 'sts-lens-lsp 0.1.0\n']);
    const usage = spawnSync(process.execPath, [copy], { encoding: 'utf8' });
    expect([usage.status, usage.stderr]).toEqual([2, 'usage: sts-lens-lsp --stdio   (the STS Lens language server; an editor starts it)\n']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
