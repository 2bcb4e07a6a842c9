import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintWorkspace, type WorkspaceFile } from './lint-workspace.ts';

const DIR = resolve(import.meta.dirname, '../../fixtures/zone/workspace');

function file(path: string, kind: WorkspaceFile['kind']): WorkspaceFile {
  return { path: join(DIR, path), text: readFileSync(join(DIR, path), 'utf8'), kind };
}

function crossFile(results: ReturnType<typeof lintWorkspace>, files: readonly WorkspaceFile[]) {
  return results.map((r, i) => ({
    path: r.path.slice(DIR.length + 1),
    found: r.diagnostics.filter((d) => d.code.startsWith('workspace/')).map((d) => {
      const text = files[i]!.text;
      return [d.code, d.severity, d.range.start, d.range.end, text.slice(d.range.start, d.range.end)];
    }),
  }));
}

describe('lintWorkspace', () => {
  it('reports MX hosts an enforce policy does not cover (error) and patterns no MX matches (info)', () => {
    const files = [file('mta-sts.example.com/.well-known/mta-sts.txt', 'policy'), file('db.example.com', 'zone')];
    const results = lintWorkspace(files);
    expect(crossFile(results, files)).toEqual([
      { path: 'mta-sts.example.com/.well-known/mta-sts.txt', found: [['workspace/mx-pattern-unused', 'info', 76, 91, 'old.example.com']] },
      { path: 'db.example.com', found: [['workspace/mx-not-covered', 'error', 135, 154, 'backup.example.net.']] },
    ]);
    const zoneDiag = results[1]!.diagnostics.find((d) => d.code === 'workspace/mx-not-covered')!;
    expect(zoneDiag.message).toBe('MX host `backup.example.net` matches no `mx:` pattern of the enforce policy in `' + join(DIR, 'mta-sts.example.com/.well-known/mta-sts.txt') + '`, so MTA-STS senders will not deliver mail to it; add `mx: backup.example.net` to the policy (and change its `id`)');
  });

  it('makes an uncovered MX a warning in testing mode, with the domain from a folder named after it', () => {
    const files = [file('testing.example/mta-sts.txt', 'policy'), file('testing.example.zone', 'zone')];
    expect(crossFile(lintWorkspace(files), files)).toEqual([
      { path: 'testing.example/mta-sts.txt', found: [['workspace/mx-pattern-unused', 'info', 33, 51, 'mx.testing.example']] },
      { path: 'testing.example.zone', found: [['workspace/mx-not-covered', 'warning', 81, 85, 'mail']] },
    ]);
  });

  it('takes the domain from the file entry or the options when the path does not tell it', () => {
    const policy = { ...file('testing.example/mta-sts.txt', 'policy'), path: join(DIR, 'policy.txt') };
    const zone = file('testing.example.zone', 'zone');
    const count = (files: WorkspaceFile[], options = {}) => crossFile(lintWorkspace(files, options), files).flatMap((r) => r.found).length;
    expect(count([policy, zone])).toBe(0);
    expect(count([{ ...policy, domain: 'testing.example' }, zone])).toBe(2);
    expect(count([policy, zone], { domain: 'testing.example' })).toBe(2);
  });

  it('keeps each file’s own diagnostics', () => {
    const results = lintWorkspace([file('db.example.com', 'zone')]);
    expect(results[0]!.diagnostics).toEqual([]);
  });
});
