import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintText, type DocumentKind } from '@sts-lens/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { bundle, fixtures, stsLens } from './sts-lens.ts';

/** A fixed clock (2026-01-01T00:00:00Z) for fixes that mint a policy id. */
const EPOCH = { SOURCE_DATE_EPOCH: '1767225600' };

/** The core's message for a code in a fixture: the CLI must pass messages through unchanged. */
function coreMessage(file: string, kind: DocumentKind, code: string, domain?: string): string {
  const text = readFileSync(join(fixtures, file), 'utf8');
  const d = lintText(text, kind, { now: () => new Date(Date.UTC(2026, 0, 1)), ...(domain ? { domain } : {}) }).find((x) => x.code === code);
  if (!d) throw new Error(`the core reports no ${code} in ${file}`);
  return d.message;
}

const range = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });

const temps: string[] = [];
function tempCopy(...parts: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'sts-lens-cli-'));
  temps.push(dir);
  for (const p of parts) cpSync(join(fixtures, p), join(dir, p), { recursive: true });
  return dir;
}
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('sts-lens lint --format json', () => {
  it('prints exact codes, severities, LSP ranges and fixes for a policy', () => {
    const r = stsLens(['lint', '--format', 'json', 'policy/example.net/mta-sts.txt'], { cwd: fixtures });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      files: [
        {
          path: 'policy/example.net/mta-sts.txt',
          kind: 'policy',
          diagnostics: [
            {
              code: 'policy/mx-trailing-dot',
              severity: 'error',
              message: coreMessage('policy/example.net/mta-sts.txt', 'policy', 'policy/mx-trailing-dot'),
              range: range(2, 20, 2, 21),
              fixes: [{ title: 'Remove the trailing dot', edits: [{ range: range(2, 20, 2, 21), newText: '' }] }],
            },
            {
              code: 'policy/max-age-too-short',
              severity: 'warning',
              message: coreMessage('policy/example.net/mta-sts.txt', 'policy', 'policy/max-age-too-short'),
              range: range(3, 9, 3, 14),
              fixes: [{ title: 'Set max_age to `604800` (1 week)', edits: [{ range: range(3, 9, 3, 14), newText: '604800' }] }],
            },
          ],
        },
      ],
      summary: { errors: 1, warnings: 1, infos: 0, hints: 0, files: 1 },
    });
  });

  it('keeps the key order of the contract', () => {
    const r = stsLens(['lint', '--format', 'json', 'policy/example.net/mta-sts.txt'], { cwd: fixtures });
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['files', 'summary']);
    expect(Object.keys(json.files[0])).toEqual(['path', 'kind', 'diagnostics']);
    expect(Object.keys(json.files[0].diagnostics[0])).toEqual(['code', 'severity', 'message', 'range', 'fixes']);
    expect(Object.keys(json.files[0].diagnostics[0].fixes[0])).toEqual(['title', 'edits']);
    expect(Object.keys(json.files[0].diagnostics[0].fixes[0].edits[0])).toEqual(['range', 'newText']);
    expect(Object.keys(json.summary)).toEqual(['errors', 'warnings', 'infos', 'hints', 'files']);
  });

  it('counts characters in UTF-16 code units after `ü` and an emoji', () => {
    // Line 5 is `note: grüße 😀 `: the trailing space is UTF-16 unit 14 (code point 13, byte 18).
    const r = stsLens(['lint', '--format', 'json', 'unicode'], { cwd: fixtures });
    expect(r.status).toBe(0);
    const [file] = JSON.parse(r.stdout).files;
    expect(file.path).toBe(join('unicode', 'example.org', 'mta-sts.txt'));
    expect(file.diagnostics.map((d: { code: string; severity: string; range: unknown }) => [d.code, d.severity, d.range])).toEqual([
      ['policy/unknown-key', 'hint', range(4, 0, 4, 4)],
      ['policy/trailing-whitespace', 'warning', range(4, 14, 4, 15)],
    ]);
    expect(file.diagnostics[1].fixes).toEqual([{ title: 'Remove the trailing whitespace', edits: [{ range: range(4, 14, 4, 15), newText: '' }] }]);
  });

  it('mints fresh ids from SOURCE_DATE_EPOCH, so output is reproducible', () => {
    const r = stsLens(['lint', '--format', 'json', 'sts/_mta-sts.txt'], { cwd: fixtures, env: EPOCH });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).files).toEqual([
      {
        path: 'sts/_mta-sts.txt',
        kind: 'sts-txt',
        diagnostics: [
          {
            code: 'sts-txt/id-invalid',
            severity: 'error',
            message: coreMessage('sts/_mta-sts.txt', 'sts-txt', 'sts-txt/id-invalid'),
            range: range(0, 12, 0, 22),
            fixes: [{ title: 'Replace the id with `20260101000000`', edits: [{ range: range(0, 12, 0, 22), newText: '20260101000000' }] }],
          },
        ],
      },
    ]);
  });
});

describe('sts-lens lint (text)', () => {
  it('prints compiler-style lines with 1-based positions, fixes and a summary', () => {
    const r = stsLens(['lint', 'policy/example.net/mta-sts.txt'], { cwd: fixtures });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    const f = 'policy/example.net/mta-sts.txt';
    expect(r.stdout.split('\n')).toEqual([
      `${f}:3:21  error  policy/mx-trailing-dot  ${coreMessage(f, 'policy', 'policy/mx-trailing-dot')}`,
      '  fix: Remove the trailing dot',
      `${f}:4:10  warning  policy/max-age-too-short  ${coreMessage(f, 'policy', 'policy/max-age-too-short')}`,
      '  fix: Set max_age to `604800` (1 week)',
      '1 error, 1 warning in 1 file',
      '',
    ]);
  });

  it('prints 1-based UTF-16 columns after non-ASCII text', () => {
    const r = stsLens(['lint', 'unicode/example.org/mta-sts.txt'], { cwd: fixtures });
    expect(r.stdout).toMatch(/^unicode\/example\.org\/mta-sts\.txt:5:15 {2}warning {2}policy\/trailing-whitespace {2}/m);
    expect(r.stdout.trimEnd().split('\n').pop()).toBe('1 warning, 1 hint in 1 file');
  });

  it('exits 0 with `no problems` when everything is valid', () => {
    expect(stsLens(['lint', 'tree'], { cwd: fixtures })).toEqual({ status: 0, stdout: 'no problems in 3 files\n', stderr: '' });
  });

  it.skipIf(!existsSync('/usr/bin/script'))('uses colour on a terminal unless NO_COLOR is set', () => {
    // script(1) gives the child a pseudo-terminal as stdout.
    const onTty = (env: Record<string, string>) =>
      spawnSync('/usr/bin/script', ['-qec', `"${process.execPath}" "${bundle}" lint policy/example.net/mta-sts.txt`, '/dev/null'], {
        cwd: fixtures,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', TERM: 'xterm', ...env },
      }).stdout;
    expect(onTty({})).toContain('\x1b[31merror\x1b[39m');
    expect(onTty({ NO_COLOR: '1' })).not.toContain('\x1b[');
  });

  it('uses no colour when stdout is piped, and colour when FORCE_COLOR asks', () => {
    const piped = stsLens(['lint', 'policy/example.net/mta-sts.txt'], { cwd: fixtures });
    expect(piped.stdout).not.toContain('\x1b[');
    const forced = stsLens(['lint', 'policy/example.net/mta-sts.txt'], { cwd: fixtures, env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain('\x1b[31merror\x1b[39m');
    expect(forced.stdout.replace(/\x1b\[\d+m/g, '')).toBe(piped.stdout);
    expect(stsLens(['lint', 'policy/example.net/mta-sts.txt'], { cwd: fixtures, env: { FORCE_COLOR: '0' } }).stdout).not.toContain('\x1b[');
    expect(stsLens(['lint', 'policy/example.net/mta-sts.txt'], { cwd: fixtures, env: { NO_COLOR: '1' } }).stdout).not.toContain('\x1b[');
  });
});

describe('sts-lens lint inputs', () => {
  it('reads standard input with `-`, telling the kind from the content', () => {
    const r = stsLens(['lint', '--format', 'json', '-'], { input: 'v=STSv1; id=2026-06-01;', env: EPOCH });
    expect(r.status).toBe(1);
    const [file] = JSON.parse(r.stdout).files;
    expect(file).toMatchObject({ path: '<stdin>', kind: 'sts-txt' });
    expect(file.diagnostics.map((d: { code: string; range: unknown }) => [d.code, d.range])).toEqual([['sts-txt/id-invalid', range(0, 12, 0, 22)]]);
  });

  it('reads standard input as the kind `--kind` names', () => {
    const policy = readFileSync(join(fixtures, 'policy/example.net/mta-sts.txt'));
    const r = stsLens(['lint', '--kind', 'policy', '-'], { input: policy });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^<stdin>:3:21 {2}error {2}policy\/mx-trailing-dot /m);
  });

  it('asks for --kind when neither name nor content tells the kind', () => {
    const r = stsLens(['lint', 'unknown/settings.conf', 'sts/_mta-sts.txt'], { cwd: fixtures });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'sts-lens: unknown/settings.conf: cannot tell which kind of document this is from its name or content; pass --kind policy|sts-txt|tlsrpt-txt|zone\n',
    );
    // The other file is still linted and printed.
    expect(r.stdout).toMatch(/^sts\/_mta-sts\.txt:1:13 {2}error {2}sts-txt\/id-invalid /m);
    expect(stsLens(['lint', '-'], { input: 'hello = world\n' }).stderr).toContain('sts-lens: <stdin>: cannot tell which kind');
  });

  it('walks a directory for known file names, in sorted order', () => {
    const r = stsLens(['lint', '--format', 'json', 'tree'], { cwd: fixtures });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).files.map((f: { path: string; kind: string }) => [f.path, f.kind])).toEqual([
      ['tree/example.com/_mta-sts.txt', 'sts-txt'],
      ['tree/example.com/_smtp._tls.txt', 'tlsrpt-txt'],
      ['tree/mta-sts.example.com/.well-known/mta-sts.txt', 'policy'],
    ]);
  });

  it('skips node_modules and .git, and with --kind only takes that kind', () => {
    const dir = tempCopy('tree');
    for (const skipped of ['node_modules/pkg', '.git/x']) {
      mkdirSync(join(dir, 'tree', skipped), { recursive: true });
      writeFileSync(join(dir, 'tree', skipped, 'mta-sts.txt'), 'Mode: broken\n');
    }
    expect(stsLens(['lint', 'tree'], { cwd: dir })).toEqual({ status: 0, stdout: 'no problems in 3 files\n', stderr: '' });
    const onlyPolicies = stsLens(['lint', '--format', 'json', '--kind', 'policy', 'tree'], { cwd: dir });
    expect(JSON.parse(onlyPolicies.stdout).files.map((f: { path: string }) => f.path)).toEqual(['tree/mta-sts.example.com/.well-known/mta-sts.txt']);
  });

  it('lints a file named twice (or also found in a named directory) once', () => {
    const r = stsLens(['lint', '--format', 'json', 'tree', 'tree/example.com/_mta-sts.txt', './tree/example.com/_mta-sts.txt'], { cwd: fixtures });
    expect(JSON.parse(r.stdout).summary.files).toBe(3);
  });

  it('reports a missing path in one line, exits 2, and still lints the rest', () => {
    const r = stsLens(['lint', 'nope/mta-sts.txt', 'policy/example.net/mta-sts.txt'], { cwd: fixtures });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('sts-lens: nope/mta-sts.txt: no such file or directory\n');
    expect(r.stdout).toContain('policy/example.net/mta-sts.txt:3:21  error  policy/mx-trailing-dot');
    expect(r.stdout.trimEnd().split('\n').pop()).toBe('1 error, 1 warning in 1 file; 1 path failed, see above');
  });

  it('reports a file it cannot read (a dangling link) and exits 2', () => {
    const dir = tempCopy('tree');
    symlinkSync(join(dir, 'gone'), join(dir, 'tree', 'example.com', 'example.com.mta-sts'));
    const r = stsLens(['lint', 'tree'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('sts-lens: tree/example.com/example.com.mta-sts: no such file or directory\n');
    expect(r.stdout).toBe('no problems in 3 files; 1 path failed, see above\n');
  });

  it.skipIf(process.getuid?.() === 0)('reports a file without read permission and exits 2', () => {
    const dir = tempCopy('policy');
    const file = join(dir, 'policy/example.net/mta-sts.txt');
    chmodSync(file, 0o000);
    const r = stsLens(['lint', 'policy/example.net/mta-sts.txt'], { cwd: dir });
    expect(r).toEqual({ status: 2, stdout: '', stderr: 'sts-lens: policy/example.net/mta-sts.txt: permission denied\n' });
  });

  it('says so when a directory holds nothing to lint', () => {
    const r = stsLens(['lint', 'unknown'], { cwd: fixtures });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^sts-lens: unknown: no files to lint found \(known names: mta-sts\.txt, /);
    expect(r.stdout).toBe('');
  });
});

describe('sts-lens lint: the policy domain', () => {
  const file = 'domain/mta-sts.example.io/.well-known/mta-sts.txt';
  const insertedMx = (args: readonly string[]) => {
    const r = stsLens(['lint', '--format', 'json', ...args, file], { cwd: fixtures });
    const missing = JSON.parse(r.stdout).files[0].diagnostics.find((d: { code: string }) => d.code === 'policy/mx-missing');
    return missing.fixes[0].edits[0].newText as string;
  };

  it('comes from the path (mta-sts.<domain>/.well-known/mta-sts.txt)', () => {
    expect(insertedMx([])).toBe('mx: mail.example.io\n');
  });

  it('comes from the config when it sets `domain`', () => {
    expect(insertedMx(['--config', 'config/domain.json'])).toBe('mx: mail.example.net\n');
  });
});

describe('sts-lens lint --config', () => {
  it('turns rules off and changes severities', () => {
    const r = stsLens(['lint', '--config', 'config/relax.json', 'policy/example.net/mta-sts.txt'], { cwd: fixtures });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^policy\/example\.net\/mta-sts\.txt:3:21 {2}warning {2}policy\/mx-trailing-dot /m);
    expect(r.stdout).not.toContain('max-age-too-short');
    expect(r.stdout.trimEnd().split('\n').pop()).toBe('1 warning in 1 file');
  });

  it.each([
    ['config/bad-json.json', /^sts-lens: config `config\/bad-json\.json`: not valid JSON \(.+\)\n$/],
    ['config/unknown-rule.json', /^sts-lens: config `config\/unknown-rule\.json`: unknown rule `policy\/mx-trailing-dots`; did you mean `policy\/mx-trailing-dot`\?\n$/],
    ['config/bad-level.json', /^sts-lens: config `config\/bad-level\.json`: rule `policy\/mx-trailing-dot`: `"warn"` is not one of off, error, warning, info, hint\n$/],
    ['config/unknown-key.json', /^sts-lens: config `config\/unknown-key\.json`: unknown key `rule`; expected `rules` or `domain`\n$/],
    ['config/not-object.json', /^sts-lens: config `config\/not-object\.json`: expected a JSON object like /],
    ['config/bad-domain.json', /^sts-lens: config `config\/bad-domain\.json`: `domain` must be a domain name such as `example\.com`/],
    ['config/missing.json', /^sts-lens: config `config\/missing\.json`: no such file or directory\n$/],
  ])('rejects %s with a clear error and exit 2', (config, stderr) => {
    const r = stsLens(['lint', '--config', config, 'policy/example.net/mta-sts.txt'], { cwd: fixtures });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(stderr);
  });
});

describe('sts-lens lint, zone files', () => {
  it('reads $INCLUDEs relative to the zone file and checks MX hosts against the policy beside it', () => {
    // Run from the fixtures root: `parts/backup-mx.inc` resolves against zones/, not the working directory.
    const r = stsLens(['lint', '--format', 'json', 'zones'], { cwd: fixtures });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const files = JSON.parse(r.stdout).files as { path: string; kind: string; diagnostics: { code: string; severity: string; range: unknown }[] }[];
    expect(files.map((f) => [f.path, f.kind])).toEqual([
      ['zones/db.example.com', 'zone'],
      ['zones/example.com/mta-sts.txt', 'policy'],
    ]);
    expect(files[0]!.diagnostics.map((d) => [d.code, d.severity, d.range])).toEqual([['workspace/mx-not-covered', 'error', range(11, 0, 11, 28)]]);
    expect(files[1]!.diagnostics).toEqual([]);
  });

  it('takes --kind zone and --origin for a file that has no $ORIGIN', () => {
    const r = stsLens(['lint', '--format', 'json', '--kind', 'zone', '--origin', 'example.com', 'zones/parts/backup-mx.inc'], { cwd: fixtures });
    const [file] = JSON.parse(r.stdout).files;
    expect(file.kind).toBe('zone');
    expect(file.diagnostics.map((d: { code: string }) => d.code)).not.toContain('zone/unknown-origin');
    expect(stsLens(['lint', '--origin', 'not a name', 'zones'], { cwd: fixtures }).status).toBe(2);
  });

  it('takes an RFC 2317 origin with `/` and refuses one with an empty label', () => {
    const ok = stsLens(['lint', '--format', 'json', '--kind', 'zone', '--origin', '0/25.2.0.192.in-addr.arpa', 'classless/zone.txt'], { cwd: fixtures });
    expect([ok.status, ok.stderr]).toEqual([0, '']);
    expect(JSON.parse(ok.stdout).files[0].diagnostics).toEqual([]);
    const bad = stsLens(['lint', '--kind', 'zone', '--origin', 'a..example', 'classless/zone.txt'], { cwd: fixtures });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('`--origin` `a..example` is not a domain name (it has an empty label');
  });

  it('reads $INCLUDE relative to the including file, or to --include-root DIR as BIND does', () => {
    const cwd = join(fixtures, 'include-root');
    const relative = stsLens(['lint', '--format', 'json', 'zones/db.example.org'], { cwd });
    expect(relative.status).toBe(1);
    const found = JSON.parse(relative.stdout).files[0].diagnostics;
    expect(found.map((d: { code: string; message: string }) => [d.code, d.message])).toEqual([
      ['zone/include-failed', 'cannot read the included file `hosts/www.inc`; check the path (relative to this file)'],
    ]);
    const rooted = stsLens(['lint', '--format', 'json', '--include-root', '.', 'zones/db.example.org'], { cwd });
    expect([rooted.status, JSON.parse(rooted.stdout).files[0].diagnostics]).toEqual([0, []]);
  });
});

describe('sts-lens lint on hostile input', () => {
  it.each([
    ['empty input', ''],
    ['binary bytes', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256))],
    ['NUL bytes', 'version: STSv1\0\nmode: enforce\0\n'],
    ['CR-only line endings', 'version: STSv1\rmode: enforce\rmx: mail.example.com\rmax_age: 604800\r'],
    ['a BOM', '\uFEFFversion: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: 604800\n'],
  ])('%s on standard input: findings, never a crash', (_, input) => {
    for (const format of ['text', 'json', 'sarif']) {
      const r = stsLens(['lint', '--kind', 'policy', '--format', format, '-'], { input });
      expect(r.stderr).toBe('');
      expect([0, 1]).toContain(r.status);
      if (format !== 'text') expect(() => JSON.parse(r.stdout)).not.toThrow();
    }
  });

  it('stops quietly when the reader closes the pipe early', () => {
    const dir = tempCopy('policy');
    const big = 'version: STSv1\nmode: enforce\nmax_age: 604800\n' + 'mx: mail.example.net.\n'.repeat(20_000);
    writeFileSync(join(dir, 'big.mta-sts'), big);
    const child = spawnSync('sh', ['-c', `"${process.execPath}" "${bundle}" lint big.mta-sts | head -c 100 >/dev/null`], { cwd: dir, encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
  });
});
