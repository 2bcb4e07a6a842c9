import { join } from 'node:path';
import type { CodeAction, CompletionItem, Diagnostic, DocumentSymbol, Hover, Location, TextEdit } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyLspEdits, fixtures, fixtureText, startSession, uriOf, workspace, type Session } from './lsp-client.ts';

const brokenPath = join(fixtures, 'broken.mta-sts');
const policyPath = join(workspace, 'example.com', 'mta-sts.txt');
const zonePath = join(workspace, 'example.com.zone');
const pos = (line: number, character: number) => ({ line, character });
const summary = (d: readonly Diagnostic[]) => d.map((x) => [x.code, x.severity, x.range.start.line, x.range.start.character, x.range.end.line, x.range.end.character]);

describe('language server over stdio (push diagnostics)', () => {
  let s: Session;
  let brokenUri: string;
  let policyUri: string;
  let zoneUri: string;
  let zoneDiagnostics: Diagnostic[];
  let policyDiagnostics: Diagnostic[];
  const request = <T>(method: string, params: unknown) => s.connection.sendRequest(method, params) as Promise<T>;

  beforeAll(async () => {
    s = await startSession({ textDocument: { completion: { completionItem: { snippetSupport: true } } } });
    const z = s.diagnostics(uriOf(zonePath));
    const p = s.diagnostics(uriOf(policyPath));
    zoneUri = await s.open(zonePath, 'dns-zone');
    policyUri = await s.open(policyPath, 'mta-sts');
    [zoneDiagnostics, policyDiagnostics] = await Promise.all([z, p]);
  });
  afterAll(async () => {
    await s.stop();
  });

  it('publishes the exact diagnostics of a broken policy, with RFC links', async () => {
    const pending = s.diagnostics(uriOf(brokenPath));
    brokenUri = await s.open(brokenPath, 'mta-sts');
    const d = await pending;
    expect(summary(d)).toEqual([
      ['policy/blank-line', 2, 2, 0, 3, 0],
      ['policy/key-case', 1, 3, 0, 3, 7],
      ['policy/max-age-too-short', 2, 3, 9, 3, 14],
      ['policy/mx-trailing-dot', 1, 5, 19, 5, 20],
    ]);
    expect(d[1]!.codeDescription).toEqual({ href: 'https://www.rfc-editor.org/rfc/rfc8461#section-3.2' });
    expect(d[1]!.message).toBe('key `Max_age` is not `max_age` (keys are case-sensitive): senders ignore this line, so `max_age` is missing; write `max_age`');
  });

  it('checks the zone MX set against the workspace policy (an unopened file would do as well)', () => {
    expect(policyDiagnostics).toEqual([]);
    expect(summary(zoneDiagnostics)).toEqual([['workspace/mx-not-covered', 1, 7, 10, 7, 26]]);
    expect(zoneDiagnostics[0]!.codeDescription).toEqual({ href: 'https://www.rfc-editor.org/rfc/rfc8461#section-4.1' });
  });

  it('republishes after an edit, for the new version only', async () => {
    const text = fixtureText(policyPath);
    const pending = s.diagnostics(policyUri, 3);
    // Two edits in a row: version 2 is superseded before the debounce ends, only version 3 is published.
    await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri: policyUri, version: 2 }, contentChanges: [{ range: { start: pos(1, 6), end: pos(1, 13) }, text: 'enforc' }] });
    await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri: policyUri, version: 3 }, contentChanges: [{ range: { start: pos(1, 6), end: pos(1, 12) }, text: 'Testing' }] });
    expect(summary(await pending)).toEqual([['policy/mode-invalid', 1, 1, 6, 1, 13]]);
    const back = s.diagnostics(policyUri, 4);
    await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri: policyUri, version: 4 }, contentChanges: [{ text }] });
    expect(await back).toEqual([]);
  });

  it('completes keys as snippets at the start of a line, with workspace MX hosts', async () => {
    const items = await request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: policyUri }, position: pos(4, 0) });
    expect(items.map((i) => [i.label, i.insertTextFormat, i.textEdit && 'newText' in i.textEdit ? i.textEdit.newText : null])).toEqual([
      ['version', 2, 'version: STSv1'],
      ['mode', 2, 'mode: ${1|testing,enforce,none|}'],
      ['mx', 2, 'mx: ${1:mail.example.com}'],
      ['max_age', 2, 'max_age: ${1|604800,1209600,2592000,31557600|}'],
      ['mx: mx1.example.com', 1, 'mx: mx1.example.com'],
      ['mx: mx2.example.com', 1, 'mx: mx2.example.com'],
    ]);
  });

  it('completes values: modes, max_age presets with human labels, mx hosts', async () => {
    const at = (line: number, character: number) => request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: policyUri }, position: pos(line, character) });
    expect((await at(1, 6)).map((i) => i.label)).toEqual(['testing', 'enforce', 'none']);
    expect((await at(3, 9)).map((i) => i.label)).toEqual(['604800 (1 week)', '1209600 (2 weeks)', '2592000 (30 days)', '31557600 (1 year)']);
    const mx = await at(2, 4);
    expect(mx.map((i) => i.label)).toEqual(['mx1.example.com', 'mx2.example.com']);
    expect(mx[0]!.textEdit).toEqual({ range: { start: pos(2, 4), end: pos(2, 4) }, newText: 'mx1.example.com' });
    expect((await at(0, 9)).map((i) => i.label)).toEqual(['STSv1']);
  });

  it('completes zone directives, record templates with a fresh id, and types', async () => {
    const items = await request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: zoneUri }, position: pos(14, 0) });
    expect(items.map((i) => i.label)).toEqual(['$ORIGIN', '$TTL', '$INCLUDE', '$GENERATE', '_mta-sts TXT', '_smtp._tls TXT', 'mta-sts CNAME', 'A', 'AAAA', 'MX', 'TXT', 'CNAME', 'NS', 'SOA', 'TLSA', 'CAA', 'SRV', 'PTR']);
    const sts = items[4]!.textEdit as TextEdit;
    expect(sts.newText).toMatch(/^_mta-sts\tIN\tTXT\t"v=STSv1; id=20\d{12}"$/);
    const afterOwner = await request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: zoneUri }, position: pos(8, 7) });
    expect(afterOwner.map((i) => i.label)).toEqual(['A', 'AAAA', 'MX', 'TXT', 'CNAME', 'NS', 'SOA', 'TLSA', 'CAA', 'SRV', 'PTR']);
  });

  it('hovers keys, values, mx patterns and zone records', async () => {
    const hover = async (uri: string, line: number, character: number) => {
      const h = await request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: pos(line, character) });
      return h ? [(h.contents as { value: string }).value, h.range] : null;
    };
    expect(await hover(policyUri, 3, 10)).toEqual(['**max_age** 604800 seconds = 7 days (1 week). (RFC 8461 §3.2)', { start: pos(3, 9), end: pos(3, 15) }]);
    expect(await hover(policyUri, 2, 6)).toEqual(['**mx** pattern `mx1.example.com`. (RFC 8461 §4.1)\n\nCovers the workspace MX host `mx1.example.com`.', { start: pos(2, 4), end: pos(2, 19) }]);
    expect((await hover(policyUri, 1, 1))![0]).toBe(
      '**mode**\n\nWhat senders do when a TLS connection to an MX host fails or the host is not listed: `enforce` (do not deliver), `testing` (deliver, and report through TLS-RPT) or `none` (no policy). (RFC 8461 §3.2, §5)',
    );
    expect(await hover(zoneUri, 12, 20)).toEqual([
      '**MTA-STS record** for `example.com` (RFC 8461 §3.1)\n\n- version: STSv1\n- id: `20260101000000` (senders refetch the policy when it changes)\n\nPolicy: https://mta-sts.example.com/.well-known/mta-sts.txt',
      { start: pos(12, 0), end: pos(12, 44) },
    ]);
    expect((await hover(zoneUri, 13, 20))![0]).toBe('**TLS-RPT record** for `example.com` (RFC 8460 §3)\n\n- version: TLSRPTv1\n- reports go to `mailto:tlsrpt@example.com`');
    expect((await hover(zoneUri, 6, 5))![1]).toEqual({ start: pos(6, 4), end: pos(6, 6) });
    expect(await hover(policyUri, 4, 0)).toBeNull();
  });

  it('offers every core fix as a quick fix, and a fix-all whose edits leave no error', async () => {
    const actions = await request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: brokenUri }, range: { start: pos(0, 0), end: pos(9, 0) }, context: { diagnostics: [] } });
    expect(actions.map((a) => [a.title, a.kind, a.isPreferred ?? false])).toEqual([
      ['Remove the blank line', 'quickfix', true],
      ['Write `max_age`', 'quickfix', true],
      ['Set max_age to `604800` (1 week)', 'quickfix', true],
      ['Remove the trailing dot', 'quickfix', true],
      ['Fix all STS Lens problems with an obvious fix', 'source.fixAll', false],
    ]);
    expect(actions[1]!.diagnostics!.map((d) => d.code)).toEqual(['policy/key-case']);
    const fixed = applyLspEdits(fixtureText(brokenPath), actions[4]!.edit!.changes![brokenUri]!);
    expect(fixed).toBe('version: STSv1\nmode:enforce\nmax_age: 604800\nmx: mx1.example.com\nmx: MX2.example.com\n');
    const after = s.diagnostics(brokenUri, 2);
    await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri: brokenUri, version: 2 }, contentChanges: [{ text: fixed }] });
    expect((await after).filter((d) => d.severity === 1)).toEqual([]);
    const only = await request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: brokenUri }, range: { start: pos(0, 0), end: pos(0, 0) }, context: { diagnostics: [], only: ['source.fixAll'] } });
    expect(only.every((a) => a.kind === 'source.fixAll')).toBe(true);
    await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri: brokenUri, version: 3 }, contentChanges: [{ text: fixtureText(brokenPath) }] });
  });

  it('offers no id bump while the policy is the one first seen with that id', async () => {
    const actions = await request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: zoneUri }, range: { start: pos(12, 0), end: pos(12, 0) }, context: { diagnostics: [] } });
    expect(actions).toEqual([]);
  });

  it('goes from RDATA names to their owners in the zone, and from an mx: pattern to the MX records it covers', async () => {
    const definition = (uri: string, line: number, character: number) => request<Location[]>('textDocument/definition', { textDocument: { uri }, position: pos(line, character) });
    const where = (ls: Location[]) => ls.map((l) => [l.uri, l.range.start.line, l.range.start.character, l.range.end.line, l.range.end.character]);
    expect(where(await definition(zoneUri, 6, 12))).toEqual([[zoneUri, 9, 0, 9, 19]]);
    expect(where(await definition(zoneUri, 5, 8))).toEqual([[zoneUri, 8, 0, 8, 18]]);
    expect(await definition(zoneUri, 6, 5)).toEqual([]);
    expect(where(await definition(policyUri, 2, 6))).toEqual([[zoneUri, 6, 10, 6, 26]]);
    expect(await definition(policyUri, 1, 7)).toEqual([]);
    // Relative names resolve against $ORIGIN; the apex `@` owns the SOA, NS and MX records.
    const livePath = join(fixtures, 'live', 'example.org.zone');
    const opened = s.diagnostics(uriOf(livePath));
    const liveUri = await s.open(livePath, 'dns-zone');
    await opened;
    expect(where(await definition(liveUri, 4, 11))).toEqual([[liveUri, 7, 0, 7, 19]]);
    expect(where(await definition(liveUri, 3, 8))).toEqual([[liveUri, 6, 0, 6, 18]]);
    await s.connection.sendNotification('textDocument/didClose', { textDocument: { uri: liveUri } });
  });

  it('formats a policy (spacing, key order, LF) and a zone (aligned columns, comments and parentheses kept)', async () => {
    const text = 'max_age:   604800\r\nmx:mx1.example.com\r\n\r\nmode:  testing  \r\nversion: STSv1\r\nmx: mx2.example.com';
    const uri = uriOf(join(fixtures, 'unformatted.mta-sts'));
    const d = s.diagnostics(uri);
    await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'mta-sts', version: 1, text } });
    await d;
    const edits = await request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    expect(applyLspEdits(text.replace(/\r\n/g, '\n'), edits.map((e) => e))).toBe('version: STSv1\nmode: testing\nmx: mx1.example.com\nmx: mx2.example.com\nmax_age: 604800\n');
    expect(await request<TextEdit[]>('textDocument/formatting', { textDocument: { uri: policyUri }, options: { tabSize: 2, insertSpaces: true } })).toEqual([]);
    const zoneEdits = await request<TextEdit[]>('textDocument/formatting', { textDocument: { uri: zoneUri }, options: { tabSize: 2, insertSpaces: true } });
    expect(applyLspEdits(fixtureText(zonePath), zoneEdits)).toBe(
      [
        '$ORIGIN example.com.',
        '$TTL 3600',
        '@\tIN\tSOA\tns1.example.com. hostmaster.example.com. (',
        '\t\t2026010101 ; serial',
        '\t\t3600 1800 1209600 300 )',
        '           IN NS  ns1.example.com.',
        '           IN MX  10 mx1.example.com.',
        '           IN MX  20 mx2.example.com.',
        'ns1        IN A   192.0.2.1',
        'mx1        IN A   192.0.2.10',
        'mx2        IN A   192.0.2.11',
        'mta-sts    IN A   192.0.2.20',
        '_mta-sts   IN TXT "v=STSv1; id=20260101000000"',
        '_smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"',
        '',
      ].join('\n'),
    );
  });

  it('lints what a site serves below a front matter, with ranges in the file, says so, and formats below it', async () => {
    const text = '---\nlayout: null\npermalink: /.well-known/mta-sts.txt\n---\nversion: STSv1\nmode: testing\nmx:  mx1.example.com\nmax_age: 604800\nmx: MX1.example.com\n';
    const uri = uriOf(join(fixtures, 'site/.well-known/mta-sts.txt'));
    const d = s.diagnostics(uri);
    await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'mta-sts', version: 1, text } });
    const found = await d;
    expect(found.map((x) => [x.code, x.severity, x.range.start.line, x.range.start.character, x.range.end.line, x.range.end.character])).toEqual([
      ['policy/front-matter', 3, 0, 0, 0, 3],
      ['policy/mx-duplicate', 2, 8, 4, 8, 19],
    ]);
    expect(found[1]!.message).toBe('mx pattern `MX1.example.com` repeats line 7 (`mx1.example.com`; patterns ignore case); remove this line');
    const edits = await request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    expect(applyLspEdits(text, edits)).toBe('---\nlayout: null\npermalink: /.well-known/mta-sts.txt\n---\nversion: STSv1\nmode: testing\nmx: mx1.example.com\nmx: MX1.example.com\nmax_age: 604800\n');
    await s.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  it('lists symbols, folding ranges and semantic tokens', async () => {
    const ps = await request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: policyUri } });
    expect(ps.map((x) => [x.name, x.detail, x.kind])).toEqual([
      ['version', 'STSv1', 7],
      ['mode', 'enforce', 7],
      ['mx', 'mx1.example.com', 7],
      ['max_age', '604800', 7],
    ]);
    const zs = await request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: zoneUri } });
    expect(zs.map((x) => x.name)).toEqual(['$ORIGIN', '$TTL', 'example.com.', 'ns1.example.com.', 'mx1.example.com.', 'mx2.example.com.', 'mta-sts.example.com.', '_mta-sts.example.com.', '_smtp._tls.example.com.']);
    expect(zs[2]!.children!.map((c) => `${c.name} ${c.detail}`)).toEqual([
      'SOA ns1.example.com. hostmaster.example.com. ( 2026010101 ; serial 3600 1800 1209...',
      'NS ns1.example.com.',
      'MX 10 mx1.example.com.',
      'MX 20 mx2.example.com.',
    ]);
    expect(await request('textDocument/foldingRange', { textDocument: { uri: zoneUri } })).toEqual([{ startLine: 2, endLine: 4 }]);
    // A range asks for the tokens of those lines only (what an editor shows of a large zone): the same as in full.
    const decode = (data: number[]) => {
      const out: string[] = [];
      let line = 0;
      let char = 0;
      for (let i = 0; i < data.length; i += 5) {
        line += data[i]!;
        char = data[i] === 0 ? char + data[i + 1]! : data[i + 1]!;
        out.push(`${line}:${char}+${data[i + 2]} ${data[i + 3]}`);
      }
      return out;
    };
    const full = decode((await request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri: zoneUri } })).data);
    const ranged = decode((await request<{ data: number[] }>('textDocument/semanticTokens/range', { textDocument: { uri: zoneUri }, range: { start: pos(8, 0), end: pos(11, 0) } })).data);
    expect(ranged).toEqual(full.filter((t) => [8, 9, 10].includes(Number(t.split(':')[0]))));
    // ns1 IN A 192.0.2.1: owner (variable 7), class and type (keyword 1); the address is not highlighted.
    expect(ranged.slice(0, 3)).toEqual(['8:0+3 7', '8:4+2 1', '8:7+1 1']);
    const tokens = await request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri: policyUri } });
    // line delta, start delta, length, type (0 property, 8 operator, 4 enumMember, 2 string, 3 number), modifiers
    expect(tokens.data).toEqual([
      0, 0, 7, 0, 0, 0, 7, 1, 8, 0, 0, 2, 5, 4, 0,
      1, 0, 4, 0, 0, 0, 4, 1, 8, 0, 0, 2, 7, 4, 0,
      1, 0, 2, 0, 0, 0, 2, 1, 8, 0, 0, 2, 15, 2, 0,
      1, 0, 7, 0, 0, 0, 7, 1, 8, 0, 0, 2, 6, 3, 0,
    ]);
  });

  it('answers malformed requests and unknown documents with JSON-RPC errors, and stays up', async () => {
    await expect(request('textDocument/hover', { textDocument: { uri: 'file:///nowhere/db.example.org' }, position: pos(0, 0) })).rejects.toMatchObject({
      code: -32602,
      message: 'unknown document: file:///nowhere/db.example.org is not open',
    });
    await expect(request('textDocument/hover', { position: 3 })).rejects.toMatchObject({ code: -32602, message: 'textDocument.uri is missing' });
    await expect(request('textDocument/completion', { textDocument: { uri: policyUri } })).rejects.toMatchObject({ code: -32602, message: 'position is missing' });
    await expect(request('sts/nonsense', {})).rejects.toMatchObject({ code: -32601 });
    const symbols = await request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: policyUri } });
    expect(symbols).toHaveLength(4);
    expect(s.child.exitCode).toBeNull();
  });
});

describe('language server with pull diagnostics and settings', () => {
  it('lists at most maxSymbols outline entries, then says how many owners are left out', async () => {
    const s = await startSession({}, { settings: { debounceMs: 0, maxSymbols: 4 } });
    try {
      const uri = await s.open(zonePath, 'dns-zone');
      const symbols = (await s.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
      expect(symbols.map((x) => x.name)).toEqual(['$ORIGIN', '$TTL', 'example.com.', 'ns1.example.com.', '5 more owners not listed']);
      expect(symbols[4]!.detail).toBe('the outline lists the first 4 entries; owners first seen from `mx1.example.com.` on are left out');
      expect(symbols[4]!.range).toEqual({ start: pos(9, 0), end: pos(9, 19) });
    } finally {
      await s.stop();
    }
  });

  it('answers textDocument/diagnostic, applies per-code severity and disabled rules', async () => {
    const s = await startSession({ textDocument: { diagnostic: { dynamicRegistration: false } } }, { settings: { debounceMs: 0, rules: { 'policy/blank-line': 'off', 'policy/key-case': 'warning' } } });
    try {
      const uri = await s.open(brokenPath, 'mta-sts');
      const report = (await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { kind: string; items: Diagnostic[] };
      expect(report.kind).toBe('full');
      expect(summary(report.items)).toEqual([
        ['policy/key-case', 2, 3, 0, 3, 7],
        ['policy/max-age-too-short', 2, 3, 9, 3, 14],
        ['policy/mx-trailing-dot', 1, 5, 19, 5, 20],
      ]);
    } finally {
      await s.stop();
    }
  });
});
