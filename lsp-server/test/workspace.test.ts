// The workspace index over the real protocol: files on disk that are never opened, changes announced with
// workspace/didChangeWatchedFiles, and the actions that read the index (create a policy from a zone).
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeAction, CreateFile, Diagnostic, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { applyLspEdits, fixtures, fixtureText, startSession, uriOf, type Session } from './lsp-client.ts';

const live = join(fixtures, 'live');
const pos = (line: number, character: number) => ({ line, character });
const summary = (d: readonly Diagnostic[]) => d.map((x) => [x.code, x.severity, x.range.start.line, x.range.start.character, x.range.end.line, x.range.end.character]);
const FILE_CREATED = 1;
const FILE_CHANGED = 2;

describe('workspace index', () => {
  let s: Session | undefined;
  let dir: string;
  const request = <T>(method: string, params: unknown) => s!.connection.sendRequest(method, params) as Promise<T>;
  const notifyWatched = (path: string, type: number) => s!.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(path), type }] });

  /** A session on `dir` with the zone and the policy open, both without findings. */
  const openClean = async (zonePath: string, policyPath: string) => {
    s = await startSession({}, undefined, dir);
    const zoneUri = uriOf(zonePath);
    const policyUri = uriOf(policyPath);
    const opened = [s.diagnostics(zoneUri), s.diagnostics(policyUri)];
    await s.open(zonePath, 'dns-zone');
    await s.open(policyPath, 'mta-sts');
    expect(await Promise.all(opened)).toEqual([[], []]);
    return { zoneUri, policyUri };
  };

  afterEach(async () => {
    await s?.stop();
    s = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('checks an open policy against a zone never opened, and again after the zone changes on disk', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sts-lens-lsp-'));
    mkdirSync(join(dir, 'example.org'));
    const policyPath = join(dir, 'example.org', 'mta-sts.txt');
    const zonePath = join(dir, 'example.org.zone');
    copyFileSync(join(live, 'mta-sts.txt'), policyPath);
    copyFileSync(join(live, 'example.org.mx2-only.zone.txt'), zonePath);
    s = await startSession({ workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } }, undefined, dir);
    const policyUri = uriOf(policyPath);
    const first = s.diagnostics(policyUri);
    await s.open(policyPath, 'mta-sts');
    // The zone on disk (never opened) lists only mx2: the policy's `mx: mx1.example.org` matches none of its MX hosts.
    const unused = await first;
    expect(summary(unused)).toEqual([['workspace/mx-pattern-unused', 3, 2, 4, 2, 19]]);
    expect(unused[0]!.message).toBe('`mx: mx1.example.org` matches none of the MX hosts of `example.org` in the zone files (`mx2.example.org`); remove it or fix the name');

    // The zone is rewritten on disk with mx1 and mx2: the watched-files notification makes the finding go away.
    const second = s.diagnostics(policyUri);
    copyFileSync(join(live, 'example.org.zone'), zonePath);
    await notifyWatched(zonePath, FILE_CHANGED);
    expect(await second).toEqual([]);

    // A second zone file appears with a host the enforce policy does not cover: opening it shows the error there.
    const other = join(dir, 'db.example.org');
    writeFileSync(other, '$ORIGIN example.org.\n@ 3600 IN MX 30 backup.example.net.\n');
    const third = s.diagnostics(policyUri);
    await notifyWatched(other, FILE_CREATED);
    expect(await third).toEqual([]);
    const zoneDiagnostics = s.diagnostics(uriOf(other));
    await s.open(other, 'dns-zone');
    expect(summary(await zoneDiagnostics).filter((d) => String(d[0]).startsWith('workspace/'))).toEqual([['workspace/mx-not-covered', 1, 1, 16, 1, 35]]);
  });

  it('offers to create mta-sts.txt from the zone MX records only while no policy exists for the domain', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sts-lens-lsp-'));
    const zonePath = join(dir, 'example.org.zone');
    copyFileSync(join(live, 'example.org.zone'), zonePath);
    s = await startSession({ workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } }, undefined, dir);
    const zoneUri = uriOf(zonePath);
    const opened = s.diagnostics(zoneUri);
    await s.open(zonePath, 'dns-zone');
    expect(await opened).toEqual([]);
    const actionsAt = (only?: string[]) =>
      request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: zoneUri }, range: { start: pos(4, 0), end: pos(4, 0) }, context: { diagnostics: [], ...(only ? { only } : {}) } });
    const actions = await actionsAt();
    expect(actions.map((a) => [a.title, a.kind])).toEqual([["Create mta-sts.txt from this zone's MX records (example.org, mode testing)", 'source']]);
    const policyPath = join(dir, 'example.org', 'mta-sts.txt');
    const [create, edit] = actions[0]!.edit!.documentChanges! as [CreateFile, TextDocumentEdit];
    expect(create).toEqual({ kind: 'create', uri: uriOf(policyPath), options: { overwrite: false, ignoreIfExists: true } });
    expect(edit).toEqual({
      textDocument: { uri: uriOf(policyPath), version: null },
      edits: [{ range: { start: pos(0, 0), end: pos(0, 0) }, newText: 'version: STSv1\nmode: testing\nmx: mx1.example.org\nmx: mx2.example.org\nmax_age: 604800\n' }],
    });
    expect(await actionsAt(['quickfix'])).toEqual([]);

    // The editor applies the edit; the file watcher reports it; the zone's MX hosts are all covered and the action is gone.
    mkdirSync(join(dir, 'example.org'));
    writeFileSync(policyPath, edit.edits[0]!.newText);
    const after = s.diagnostics(zoneUri);
    await notifyWatched(policyPath, FILE_CREATED);
    expect(await after).toEqual([]);
    expect(await actionsAt()).toEqual([]);
  });

  it('warns on the _mta-sts id once the policy changed while the id stayed, and offers the bump', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sts-lens-lsp-'));
    mkdirSync(join(dir, 'example.org'));
    const policyPath = join(dir, 'example.org', 'mta-sts.txt');
    const zonePath = join(dir, 'example.org.zone');
    copyFileSync(join(live, 'policy-testing.txt'), policyPath);
    copyFileSync(join(live, 'example.org.zone'), zonePath);
    const { zoneUri, policyUri } = await openClean(zonePath, policyPath);
    const policy = fixtureText(policyPath);
    let version = 1;
    const editPolicy = async (text: string) => {
      const zone = s!.diagnostics(zoneUri);
      await s!.connection.sendNotification('textDocument/didChange', { textDocument: { uri: policyUri, version: ++version }, contentChanges: [{ text }] });
      return zone;
    };

    // mode testing → enforce with the same id: senders that cached the testing policy would keep it.
    const changed = await editPolicy(policy.replace('mode: testing', 'mode: enforce'));
    expect(summary(changed)).toEqual([['workspace/id-not-bumped', 2, 9, 29, 9, 43]]);
    expect(changed[0]!.message).toMatch(
      new RegExp('^the policy in `' + policyPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '` changed while the `_mta-sts` id of `example.org` stayed `20260101000000`: senders that cached the old policy keep using it until its max_age runs out; change the id \\(e\\.g\\. to `20\\d{12}`\\) when you publish the new policy$'),
    );
    // Reordering the mx lines changes nothing senders read: no finding.
    expect(await editPolicy('version: STSv1\nmode: testing\nmx: mx2.example.org\nmx: mx1.example.org\nmax_age: 604800\n')).toEqual([]);
    expect(summary(await editPolicy(policy.replace('max_age: 604800', 'max_age: 1209600')))).toEqual([['workspace/id-not-bumped', 2, 9, 29, 9, 43]]);

    const actions = await request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: zoneUri }, range: { start: pos(9, 35), end: pos(9, 35) }, context: { diagnostics: [] } });
    expect(actions.map((a) => [a.title.replace(/\d{14}/, 'ID'), a.kind, a.diagnostics?.map((d) => d.code)])).toEqual([['Bump the _mta-sts id to ID', 'quickfix', ['workspace/id-not-bumped']]]);
    const bumped = applyLspEdits(fixtureText(zonePath), actions[0]!.edit!.changes![zoneUri]!);
    expect(bumped.split('\n')[9]).toMatch(/^_mta-sts\tIN\tTXT\t"v=STSv1; id=20\d{12}"$/);
    // The new id is seen with the policy as it is now: nothing left to bump.
    const after = s!.diagnostics(zoneUri, 2);
    await s!.connection.sendNotification('textDocument/didChange', { textDocument: { uri: zoneUri, version: 2 }, contentChanges: [{ text: bumped }] });
    expect(await after).toEqual([]);
  });

  it('follows an edit of an MX record deep in a large open zone into the policy, and ignores edits of other records', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sts-lens-lsp-'));
    mkdirSync(join(dir, 'example.org'));
    const policyPath = join(dir, 'example.org', 'mta-sts.txt');
    const zonePath = join(dir, 'example.org.zone');
    copyFileSync(join(live, 'policy-testing.txt'), policyPath);
    // The MX records after 300 others: an edit there is re-read around it, not from the top.
    const filler = Array.from({ length: 300 }, (_, i) => `h${i}\tIN\tA\t192.0.2.${i % 250}`).join('\n');
    const zoneText = `$ORIGIN example.org.\n$TTL 3600\n@\tIN\tSOA\tns1 hostmaster 1 3600 1800 1209600 300\n\tIN\tNS\tns1\nns1\tIN\tA\t192.0.2.1\n${filler}\n@\tIN\tMX\t10 mx1\n@\tIN\tMX\t20 mx2\n`;
    writeFileSync(zonePath, zoneText);
    const { zoneUri, policyUri } = await openClean(zonePath, policyPath);
    let version = 1;
    const editZone = async (line: number, from: number, to: number, text: string) => {
      const zone = s!.diagnostics(zoneUri, ++version);
      await s!.connection.sendNotification('textDocument/didChange', { textDocument: { uri: zoneUri, version }, contentChanges: [{ range: { start: pos(line, from), end: pos(line, to) }, text }] });
      return zone;
    };
    // mx2 → mx3: the zone's MX is not covered (a warning in testing) and the policy's `mx2` pattern matches no MX.
    const policyAfter = s!.diagnostics(policyUri, 1);
    expect(summary(await editZone(306, 11, 14, 'mx3'))).toEqual([['workspace/mx-not-covered', 2, 306, 11, 306, 14]]);
    expect((await policyAfter).map((d) => [d.code, d.range.start.line])).toEqual([['workspace/mx-pattern-unused', 3]]);
    // An A record edited: nothing changes, the zone's findings stay.
    expect(summary(await editZone(200, 20, 21, '7'))).toEqual([['workspace/mx-not-covered', 2, 306, 11, 306, 14]]);
    // And back: all clear on both sides.
    const policyClear = s!.diagnostics(policyUri, 1);
    expect(await editZone(306, 11, 14, 'mx2')).toEqual([]);
    expect(await policyClear).toEqual([]);
  });
});

