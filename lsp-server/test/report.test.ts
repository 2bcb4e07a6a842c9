import { join } from 'node:path';
import type { CodeAction, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyLspEdits, fixtures, fixtureText, startSession, uriOf, type Session } from './lsp-client.ts';

const reportPath = join(fixtures, 'reports', 'broken.tlsrpt.json');
const pos = (line: number, character: number) => ({ line, character });
const summary = (d: readonly Diagnostic[]) => d.map((x) => [x.code, x.severity, x.range.start.line, x.range.start.character, x.range.end.line, x.range.end.character]);

describe('TLS-RPT reports in the language server', () => {
  let s: Session;
  let uri: string;
  let diagnostics: Diagnostic[];
  const request = <T>(method: string, params: unknown) => s.connection.sendRequest(method, params) as Promise<T>;
  const hover = async (line: number, character: number) => {
    const h = await request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: pos(line, character) });
    return h ? [(h.contents as { value: string }).value, h.range] : null;
  };

  beforeAll(async () => {
    s = await startSession();
    const pending = s.diagnostics(uriOf(reportPath));
    uri = await s.open(reportPath, 'json');
    diagnostics = await pending;
  });
  afterAll(async () => {
    await s.stop();
  });

  it('publishes the report/* diagnostics of a *.tlsrpt.json file at exact ranges', () => {
    expect(summary(diagnostics)).toEqual([
      ['report/count-invalid', 1, 18, 39, 18, 42],
      ['report/result-type-unknown', 2, 22, 25, 22, 46],
    ]);
    expect(diagnostics[1]!.message).toBe('`result-type` `certificate-expierd` is not a registered result type; did you mean `certificate-expired`?');
    expect(diagnostics[1]!.codeDescription).toEqual({ href: 'https://www.rfc-editor.org/rfc/rfc8460#section-4.3' });
  });

  it('offers the core fix as a quick fix; the fixed report hovers with the meaning of its result-type', async () => {
    const actions = await request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: pos(22, 30), end: pos(22, 30) }, context: { diagnostics: [] } });
    expect(actions.map((a) => [a.title, a.kind, a.isPreferred ?? false])).toEqual([
      ['Change to `certificate-expired`', 'quickfix', true],
      ['Fix all STS Lens problems with an obvious fix', 'source.fixAll', false],
    ]);
    const fixed = applyLspEdits(fixtureText(reportPath), actions[0]!.edit!.changes![uri]!);
    expect(fixed.split('\n')[22]).toBe('          "result-type": "certificate-expired",');
    const after = s.diagnostics(uri, 2);
    await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    expect(summary(await after)).toEqual([['report/count-invalid', 1, 18, 39, 18, 42]]);
    expect(await hover(22, 30)).toEqual([
      "**result-type** `certificate-expired` (TLS negotiation failure): the MX host's certificate has expired. (RFC 8460 §4.3)",
      { start: pos(22, 25), end: pos(22, 46) },
    ]);
    await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: fixtureText(reportPath) }] });
  });

  it('reads JSON with the report shape as a report whatever its name, and leaves other JSON alone', async () => {
    const path = join(fixtures, 'reports', 'mailed-report.json');
    const pending = s.diagnostics(uriOf(path));
    const other = await s.open(path, 'json', fixtureText(reportPath));
    expect(summary(await pending).map((d) => d[0])).toEqual(['report/count-invalid', 'report/result-type-unknown']);
    await s.connection.sendNotification('textDocument/didClose', { textDocument: { uri: other } });
    const plain = await s.open(join(fixtures, 'reports', 'package.json'), 'json', '{"name": "x"}');
    await expect(request('textDocument/hover', { textDocument: { uri: plain }, position: pos(0, 2) })).rejects.toMatchObject({
      code: -32602,
      message: `${plain} is neither an MTA-STS policy, a zone file nor a TLS-RPT report`,
    });
  });

  it('hovers result-type, policy-type and counts', async () => {
    expect(await hover(22, 28)).toEqual([
      '**result-type** `certificate-expierd`: not a registered result type, so no reader can explain it. (RFC 8460 §4.3)',
      { start: pos(22, 25), end: pos(22, 46) },
    ]);
    expect(await hover(11, 10)).toEqual(['**policy-type** `sts`: the sender applied the MTA-STS policy of the domain (RFC 8461). (RFC 8460 §4.4)', { start: pos(11, 8), end: pos(11, 21) }]);
    expect(await hover(17, 45)).toEqual([
      '**total-successful-session-count** 120: sessions in the date range that negotiated TLS as the policy requires. (RFC 8460 §4.4)',
      { start: pos(17, 42), end: pos(17, 45) },
    ]);
    expect((await hover(25, 35))![0]).toBe('**failed-session-count** 4: sessions that failed with this `result-type` (for this sending and receiving host pair). (RFC 8460 §4.4)');
    expect(await hover(2, 5)).toBeNull();
  });
});
