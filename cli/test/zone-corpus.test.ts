// A sample of the zone corpus through the CLI as a process: the built bundle must reach the verdict the core does
// (shared/src/zone/corpus.test.ts compares the core with named-checkzone and kzonecheck on every zone).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintBytes } from '@sts-lens/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusCases } from '../../shared/test/zone-corpus.ts';
import { stsLens } from './sts-lens.ts';

const dir = mkdtempSync(join(tmpdir(), 'zone-corpus-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sts-lens lint on zones of the corpus', () => {
  it('gives the exit status and error codes the core gives, on every 12th zone', () => {
    const cases = corpusCases().filter((_, k) => k % 12 === 0);
    expect(cases.length).toBeGreaterThan(30);
    const mismatches: string[] = [];
    let refused = 0;
    cases.forEach((c, k) => {
      const file = join(dir, `case-${k}.zone`);
      writeFileSync(file, c.bytes);
      const origin = c.origin === '.' ? '.' : c.origin;
      const core = lintBytes(c.bytes, 'zone', { origin, path: file }).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
      const r = stsLens(['lint', '--format', 'json', '--kind', 'zone', '--origin', origin, file]);
      const cli = (JSON.parse(r.stdout).files[0].diagnostics as { code: string; severity: string }[]).filter((d) => d.severity === 'error').map((d) => d.code);
      if (core.length > 0) refused++;
      if (r.status !== (core.length > 0 ? 1 : 0) || cli.join() !== core.join()) mismatches.push(`${c.id}: exit ${r.status}, CLI ${cli.join()} / core ${core.join()}`);
    });
    expect(mismatches).toEqual([]);
    expect(refused).toBeGreaterThan(5);
    expect(refused).toBeLessThan(cases.length);
  });
});
