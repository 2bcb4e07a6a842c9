import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ruleCatalog } from '@sts-lens/shared';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { describe, expect, it } from 'vitest';
import { fixtures, stsLens } from './sts-lens.ts';

const LEVELS = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;

function sarif(args: readonly string[], cwd = fixtures): { status: number | null; log: Log } {
  const r = stsLens(['lint', '--format', 'sarif', ...args], { cwd });
  expect(r.stderr).toBe('');
  return { status: r.status, log: JSON.parse(r.stdout) as Log };
}

describe('sts-lens lint --format sarif', () => {
  it('writes a SARIF 2.1.0 log with the fields GitHub code scanning requires', () => {
    const { status, log } = sarif(['policy/example.net/mta-sts.txt', 'unicode']);
    expect(status).toBe(1);
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0]!;
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: `${pathToFileURL(fixtures).href}/` } });
    expect(run.invocations).toEqual([{ executionSuccessful: true }]);

    const driver = run.tool.driver;
    expect(driver).toMatchObject({ name: 'sts-lens', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    const rules = driver.rules!;
    expect(rules.map((r) => r.id)).toEqual(ruleCatalog.map((r) => r.code));
    for (const rule of rules) {
      const meta = ruleCatalog.find((m) => m.code === rule.id)!;
      expect(rule).toEqual({
        id: meta.code,
        name: expect.stringMatching(/^[A-Z][A-Za-z0-9]*$/),
        shortDescription: { text: meta.summary },
        fullDescription: { text: expect.stringContaining(meta.rfc) },
        help: { text: expect.stringContaining(meta.summary) },
        helpUri: expect.stringMatching(/^https:\/\/www\.rfc-editor\.org\/rfc\/rfc\d+(#section-[\d.]+)?$/),
        defaultConfiguration: { level: LEVELS[meta.severity] },
        properties: { tags: [meta.kind, expect.stringMatching(/^RFC \d+$/)] },
      } satisfies ReportingDescriptor);
    }
    expect(rules.find((r) => r.id === 'policy/mx-trailing-dot')!.name).toBe('PolicyMxTrailingDot');

    const results = run.results!;
    expect(results.map((r) => [r.ruleId, r.level])).toEqual([
      ['policy/mx-trailing-dot', 'error'],
      ['policy/max-age-too-short', 'warning'],
      ['policy/unknown-key', 'note'],
      ['policy/trailing-whitespace', 'warning'],
    ]);
    for (const result of results) {
      expect(rules[result.ruleIndex!]!.id).toBe(result.ruleId);
      expect(result.message.text).toMatch(/\S/);
      expect(result.locations).toHaveLength(1);
      expect(Object.keys(result.partialFingerprints!)).toEqual(['stsLens/v1']);
    }
  });

  it('gives regions 1-based with UTF-16 columns, relative URIs under %SRCROOT%, and fixes', () => {
    const { log } = sarif(['policy/example.net/mta-sts.txt', 'unicode']);
    const [trailingDot, , , trailingSpace] = log.runs[0]!.results! as [Result, Result, Result, Result];
    expect(trailingDot.locations![0]).toEqual({
      physicalLocation: {
        artifactLocation: { uri: 'policy/example.net/mta-sts.txt', uriBaseId: '%SRCROOT%' },
        region: { startLine: 3, startColumn: 21, endLine: 3, endColumn: 22 },
      },
    });
    expect(trailingDot.fixes).toEqual([
      {
        description: { text: 'Remove the trailing dot' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'policy/example.net/mta-sts.txt', uriBaseId: '%SRCROOT%' },
            replacements: [{ deletedRegion: { startLine: 3, startColumn: 21, endLine: 3, endColumn: 22 }, insertedContent: { text: '' } }],
          },
        ],
      },
    ]);
    // `note: grüße 😀 `: the space after the emoji starts at UTF-16 column 15.
    expect(trailingSpace.locations![0]!.physicalLocation!).toEqual({
      artifactLocation: { uri: 'unicode/example.org/mta-sts.txt', uriBaseId: '%SRCROOT%' },
      region: { startLine: 5, startColumn: 15, endLine: 5, endColumn: 16 },
    });
  });

  it('keeps fingerprints when lines are inserted above a finding', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sts-lens-sarif-'));
    try {
      cpSync(join(fixtures, 'policy'), join(dir, 'policy'), { recursive: true });
      const file = join(dir, 'policy/example.net/mta-sts.txt');
      const fingerprint = () => {
        const { log } = sarif(['policy/example.net/mta-sts.txt'], dir);
        return log.runs[0]!.results!.find((r) => r.ruleId === 'policy/mx-trailing-dot')!.partialFingerprints!['stsLens/v1'];
      };
      const before = fingerprint();
      writeFileSync(file, readFileSync(file, 'utf8').replace('mx: mail', 'mx: backup.example.net\nmx: mail'));
      expect(fingerprint()).toBe(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('records paths it could not lint as tool notifications', () => {
    const r = stsLens(['lint', '--format', 'sarif', 'nope.txt', 'sts/_mta-sts.txt'], { cwd: fixtures });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('sts-lens: nope.txt: no such file or directory\n');
    const log = JSON.parse(r.stdout) as Log;
    expect(log.runs[0]!.invocations).toEqual([
      { executionSuccessful: false, toolExecutionNotifications: [{ level: 'error', message: { text: 'nope.txt: no such file or directory' } }] },
    ]);
    expect(log.runs[0]!.results!.map((x) => x.ruleId)).toEqual(['sts-txt/id-invalid']);
  });
});
