// A second, independent client: headless Neovim (its own LSP client, vim.lsp.start_client) starts the BUILT server over
// stdio, opens a fixture policy, and writes the diagnostics it received and shows as JSON (neovim-diagnostics.lua).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundle, fixtures, serverDir, uriOf } from './lsp-client.ts';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const haveNvim = nvim.status === 0;
if (!haveNvim) console.warn('neovim.test.ts: skipped, `nvim` is not installed (./setup.sh installs the Debian package neovim)');

const tmp = mkdtempSync(join(tmpdir(), 'sts-lens-nvim-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface NvimResult {
  readonly error?: string;
  readonly client: string;
  readonly uri: string;
  readonly published: readonly { code: string; severity: number; range: { start: { line: number; character: number } }; codeDescription?: { href: string } }[];
  readonly shown: readonly { code: string; lnum: number; col: number; severity: number; source: string; message: string }[];
}

function runNeovim(file: string, filetype: string): NvimResult {
  const out = join(tmp, 'diagnostics.json');
  const r = spawnSync('nvim', ['--headless', '--clean', '-c', `luafile ${join(serverDir, 'test', 'neovim-diagnostics.lua')}`], {
    encoding: 'utf8',
    timeout: 25_000,
    env: { ...process.env, STS_LENS_NODE: process.execPath, STS_LENS_SERVER: bundle, STS_LENS_FILE: file, STS_LENS_FILETYPE: filetype, STS_LENS_OUT: out },
  });
  expect(r.status, `nvim: ${r.stderr}${r.stdout}`).toBe(0);
  const result = JSON.parse(readFileSync(out, 'utf8')) as NvimResult;
  expect(result.error).toBeUndefined();
  return result;
}

describe.skipIf(!haveNvim)('headless Neovim as a client', () => {
  it('receives and shows the diagnostics of a policy fixture, with exact codes, lines and severities', () => {
    const file = join(fixtures, 'broken.mta-sts');
    const r = runNeovim(file, 'mta-sts');
    expect(r.client).toBe('sts-lens');
    expect(r.uri).toBe(uriOf(file));
    expect(r.published.map((d) => [d.code, d.range.start.line, d.range.start.character, d.severity])).toEqual([
      ['policy/blank-line', 2, 0, 2],
      ['policy/key-case', 3, 0, 1],
      ['policy/max-age-too-short', 3, 9, 2],
      ['policy/mx-trailing-dot', 5, 19, 1],
    ]);
    expect(r.published[1]!.codeDescription).toEqual({ href: 'https://www.rfc-editor.org/rfc/rfc8461#section-3.2' });
    // What Neovim's own diagnostic framework holds for the buffer (vim.diagnostic.get): the same four.
    expect(r.shown.map((d) => [d.code, d.lnum, d.col, d.severity, d.source])).toEqual([
      ['policy/blank-line', 2, 0, 2, 'sts-lens'],
      ['policy/key-case', 3, 0, 1, 'sts-lens'],
      ['policy/max-age-too-short', 3, 9, 2, 'sts-lens'],
      ['policy/mx-trailing-dot', 5, 19, 1, 'sts-lens'],
    ]);
    expect(r.shown[1]!.message).toBe('key `Max_age` is not `max_age` (keys are case-sensitive): senders ignore this line, so `max_age` is missing; write `max_age`');
  });
});
