import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../policy/parse.ts';
import { baselineKey } from '../context.ts';
import { crossFileDiagnostics, policyContent, type WorkspaceFile } from '../lint-workspace.ts';

const DIR = resolve(import.meta.dirname, '../../../fixtures/zone/workspace');
const zone: WorkspaceFile = { path: join(DIR, 'db.example.com'), text: readFileSync(join(DIR, 'db.example.com'), 'utf8'), kind: 'zone' };
const policyPath = join(DIR, 'mta-sts.example.com/.well-known/mta-sts.txt');
const policyText = readFileSync(policyPath, 'utf8');
const now = () => new Date(Date.UTC(2026, 6, 1, 12, 0, 0));

function idFindings(policy: string, baselines: ReadonlyMap<string, string>) {
  const files: WorkspaceFile[] = [{ path: policyPath, text: policy, kind: 'policy' }, zone];
  return crossFileDiagnostics(files, { now }, baselines)[1]!
    .filter((d) => d.code === 'workspace/id-not-bumped')
    .map((d) => [d.severity, zone.text.slice(d.range.start, d.range.end), d.fixes.map((f) => [f.title, f.edits.map((e) => [zone.text.slice(e.range.start, e.range.end), e.newText])])]);
}

describe('workspace/id-not-bumped', () => {
  const seen = new Map([[baselineKey('example.com', '20260601000000'), policyContent(parsePolicy(policyText).effective)]]);

  it('stays quiet while the policy is the one first seen with the id, or nobody remembers one', () => {
    expect(idFindings(policyText, seen)).toEqual([]);
    expect(idFindings(policyText.replace('604800', '1209600'), new Map())).toEqual([]);
    expect(idFindings(policyText.replace(/\n$/, '\n# a comment\n'), seen)).toEqual([]);
  });

  it('reports the id, with a fresh one as the fix, once what senders read changed', () => {
    expect(idFindings(policyText.replace('604800', '1209600'), seen)).toEqual([
      ['warning', '20260601000000', [['Bump the _mta-sts id to 20260701120000', [['20260601000000', '20260701120000']]]]],
    ]);
  });
});
