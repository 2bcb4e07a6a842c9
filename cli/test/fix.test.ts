import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtures, stsLens } from './sts-lens.ts';

const EPOCH = { SOURCE_DATE_EPOCH: '1767225600' };

const temps: string[] = [];
function tempCopy(...parts: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'sts-lens-fix-'));
  temps.push(dir);
  for (const p of parts) cpSync(join(fixtures, p), join(dir, p), { recursive: true });
  return dir;
}
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('sts-lens lint --fix', () => {
  it('rewrites files in place, says how many fixes it applied, and reports what remains', () => {
    const dir = tempCopy('policy', 'sts');
    const r = stsLens(['lint', '--fix', 'policy', 'sts'], { cwd: dir, env: EPOCH });
    expect(r).toEqual({ status: 0, stdout: 'applied 3 fixes in 2 files\nno problems in 2 files\n', stderr: '' });
    expect(readFileSync(join(dir, 'policy/example.net/mta-sts.txt'), 'utf8')).toBe('version: STSv1\nmode: enforce\nmx: mail.example.net\nmax_age: 604800\n');
    expect(readFileSync(join(dir, 'sts/_mta-sts.txt'), 'utf8')).toBe('v=STSv1; id=20260101000000;\n');
  });

  it('fixes what has a preferred fix and reports the rest', () => {
    const dir = tempCopy('unicode');
    const file = join(dir, 'unicode/example.org/mta-sts.txt');
    const r = stsLens(['lint', '--fix', 'unicode'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      expect.stringMatching(/^unicode\/example\.org\/mta-sts\.txt:5:1 {2}hint {2}policy\/unknown-key /),
      'applied 1 fix in 1 file',
      '1 hint in 1 file',
      '',
    ]);
    expect(readFileSync(file, 'utf8')).toBe('version: STSv1\nmode: testing\nmx: mail.example.org\nmax_age: 1209600\nnote: grüße 😀\n');
  });

  it('converges over several rounds on a badly broken policy', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sts-lens-fix-'));
    temps.push(dir);
    const file = join(dir, 'mta-sts.txt');
    writeFileSync(file, readFileSync(join(fixtures, '../../../examples/broken.example/mta-sts.txt')));
    const r = stsLens(['lint', '--fix', '--format', 'json', 'mta-sts.txt'], { cwd: dir });
    const json = JSON.parse(r.stdout);
    expect(json.summary.fixesApplied).toBeGreaterThan(0);
    expect(json.summary.errors).toBe(0);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`sts-lens: applied ${json.summary.fixesApplied} fixes in 1 file\n`);
    // Linting the written file again finds nothing left to fix.
    const again = stsLens(['lint', '--format', 'json', 'mta-sts.txt'], { cwd: dir });
    expect(JSON.parse(again.stdout).files[0].diagnostics).toEqual(json.files[0].diagnostics);
  });

  it('prints the fixed standard input on stdout and the report on stderr', () => {
    const input = readFileSync(join(fixtures, 'policy/example.net/mta-sts.txt'));
    const r = stsLens(['lint', '--fix', '-'], { input });
    expect(r).toEqual({
      status: 0,
      stdout: 'version: STSv1\nmode: enforce\nmx: mail.example.net\nmax_age: 604800\n',
      stderr: 'applied 2 fixes in 1 file\nno problems in 1 file\n',
    });
  });

  it('echoes standard input unchanged when nothing is fixable', () => {
    const input = 'v=STSv1; id=20260101000000;\n';
    expect(stsLens(['lint', '--fix', '-'], { input })).toEqual({ status: 0, stdout: input, stderr: 'applied 0 fixes in 0 files\nno problems in 1 file\n' });
  });

  it('leaves a file that is not valid UTF-8 as it is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sts-lens-fix-'));
    temps.push(dir);
    const file = join(dir, 'mta-sts.txt');
    const bytes = Buffer.concat([Buffer.from('version: STSv1\nmode: enforce\nmx: mail.example.com.\nmax_age: 604800\nx: '), Buffer.from([0xff, 0xfe]), Buffer.from('\n')]);
    writeFileSync(file, bytes);
    const r = stsLens(['lint', '--fix', 'mta-sts.txt'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('file/invalid-utf8');
    expect(r.stdout).toContain('applied 0 fixes in 0 files');
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });
});
