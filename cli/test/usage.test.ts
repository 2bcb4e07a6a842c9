import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundle, cliDir, stsLens } from './sts-lens.ts';

const version = (JSON.parse(readFileSync(join(cliDir, 'package.json'), 'utf8')) as { version: string }).version;

describe('sts-lens (dispatcher)', () => {
  it('prints the version', () => {
    expect(stsLens(['--version'])).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('prints the overall help listing the commands', () => {
    const r = stsLens(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: sts-lens <command> [options]');
    expect(r.stdout).toMatch(/^ {2}lint +lint policy files, STS \/ TLS-RPT TXT records and zone files/m);
    expect(r.stdout.match(/^ {2}([a-z]+) /gm)!.map((l) => l.trim())).toEqual(['lint', 'check', 'init', 'report', 'rules']);
    expect(stsLens(['-h']).stdout).toBe(r.stdout);
    expect(stsLens(['help']).stdout).toBe(r.stdout);
  });

  it('prints a command help through `help lint` and `lint --help`', () => {
    const r = stsLens(['lint', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Usage: sts-lens lint [--format text|json|sarif] [--kind KIND] [--config FILE] [--origin NAME] [--include-root DIR] [--fix] PATH... | -');
    expect(r.stdout).toContain('Exit status: 0 no errors, 1 errors found, 2 usage or I/O problem.');
    expect(stsLens(['help', 'lint']).stdout).toBe(r.stdout);
    expect(stsLens(['lint', '-h']).stdout).toBe(r.stdout);
  });

  it('without a command prints the usage on stderr and exits 2', () => {
    const r = stsLens([]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Usage: sts-lens <command> [options]');
  });

  it('rejects an unknown command with exit 2', () => {
    expect(stsLens(['lnit', 'x'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'sts-lens: unknown command `lnit`\nUsage: sts-lens <command> [options]\nRun `sts-lens --help` for the commands.\n',
    });
    expect(stsLens(['help', 'nope']).status).toBe(2);
  });

  it('rejects an unknown top-level option with exit 2', () => {
    const r = stsLens(['--verbose']);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('sts-lens: unknown option `--verbose`');
  });

  it('runs with no node_modules beside the bundle', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sts-lens-alone-'));
    try {
      const copy = join(dir, 'sts-lens.js');
      copyFileSync(bundle, copy);
      const r = stsLens(['lint', '--kind', 'sts-txt', '-'], { cwd: dir, script: copy, input: 'v=STSv1; id=20260101000000;' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toBe('no problems in 1 file\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('starts with a shebang so the bin runs directly', () => {
    expect(readFileSync(bundle, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });
});

describe('sts-lens lint: usage errors', () => {
  const usageTail = 'Usage: sts-lens lint [--format text|json|sarif] [--kind KIND] [--config FILE] [--origin NAME] [--include-root DIR] [--fix] PATH... | -\nRun `sts-lens lint --help` for the options.\n';

  it.each([
    [['lint', '--bogus', 'x'], 'unknown option `--bogus`'],
    [['lint', '-x', 'x'], 'unknown option `-x`'],
    [['lint', '--format'], 'option `--format` needs a value'],
    [['lint', '--format', 'xml', 'x'], 'unknown format `xml`; use text, json, sarif'],
    [['lint', '--kind', 'zonefile', 'x'], 'unknown kind `zonefile`; use policy, sts-txt, tlsrpt-txt, zone'],
    [['lint', '--fix=yes', 'x'], 'option `--fix` takes no value'],
    [['lint'], 'no PATH given; name files or directories, or `-` for standard input'],
  ])('%j → exit 2: %s', (args, message) => {
    expect(stsLens(args)).toEqual({ status: 2, stdout: '', stderr: `sts-lens lint: ${message}\n${usageTail}` });
  });
});
