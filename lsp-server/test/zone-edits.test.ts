// Typing in a large zone: each edit is re-read around the change (reparseZone), and the diagnostics published for
// every version must be those of the whole file read from the top.
import { join } from 'node:path';
import { CancellationTokenSource, type Diagnostic } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession, workspace, type Session } from './lsp-client.ts';

const summary = (d: readonly Diagnostic[]) => d.map((x) => `${x.code} ${x.range.start.line}:${x.range.start.character}-${x.range.end.line}:${x.range.end.character}`);

function zone(records: number): string {
  const out = ['$ORIGIN example.net.', '$TTL 3600', '@ IN SOA ns1 hostmaster 2026010101 3600 1800 1209600 300', '@ IN NS ns1', 'ns1 IN A 192.0.2.1'];
  for (let i = 0; i < records; i++) out.push(i % 2 === 0 ? `host${i} IN A 10.0.${(i >> 8) & 255}.${i & 255}` : `alias${i} IN CNAME host${i - 1}`);
  return `${out.join('\n')}\n`;
}

describe('edits of a large zone', () => {
  let s: Session;
  /** An open zone: its URI, version and text as the client holds them. */
  interface OpenZone {
    uri: string;
    version: number;
    text: string;
  }
  const z: OpenZone = { uri: '', version: 1, text: zone(5000) };
  let copies = 0;
  /** Apply the edit to `doc` (the 5000-record zone unless told); the published findings must be those of the same text opened afresh (read from the top). */
  const change = async (line: number, character: number, length: number, insert: string, doc: OpenZone = z) => {
    doc.version++;
    const pending = s.diagnostics(doc.uri, doc.version);
    await s.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: doc.uri, version: doc.version },
      contentChanges: [{ range: { start: { line, character }, end: { line, character: character + length } }, text: insert }],
    });
    const lines = doc.text.split('\n');
    lines[line] = lines[line]!.slice(0, character) + insert + lines[line]!.slice(character + length);
    doc.text = lines.join('\n');
    const found = summary(await pending);
    const path = join(workspace, '..', `copy${++copies}.example.net.zone`);
    const fresh = s.diagnostics(`file://${path}`);
    await s.open(path, 'dns-zone', doc.text);
    expect(found).toEqual(summary(await fresh));
    return found;
  };

  beforeAll(async () => {
    s = await startSession({});
    // Not under the workspace's example.com: no policy applies, so only the zone's own rules speak.
    const path = join(workspace, '..', 'example.net.zone');
    const pending = s.diagnostics(`file://${path}`);
    z.uri = await s.open(path, 'dns-zone', z.text);
    expect(await pending).toEqual([]);
  });
  afterAll(async () => {
    await s.stop();
  });

  it('reports a broken address typed in the middle, and nothing once it is fixed', async () => {
    // Line 3005 is `host3000 IN A 10.0.11.184`.
    expect(await change(3005, 14, 0, '9')).toEqual(['zone/bad-ipv4 3005:14-3005:26']);
    expect(await change(3005, 14, 1, '')).toEqual([]);
  });

  it('sees a rename make a CNAME owner hold other data, and the next records keep their place', async () => {
    // `alias3001 IN CNAME host3000` takes the owner of the record before it: CNAME and other data.
    expect(await change(3006, 0, 9, 'host3000')).toEqual(['zone/cname-and-other-data 3006:0-3006:26']);
    // A line added above shifts every later finding by one line.
    expect(await change(100, 0, 0, 'extra IN A 192.0.2.7\n')).toEqual(['zone/cname-and-other-data 3007:0-3007:26']);
    expect(await change(3007, 0, 8, 'alias3001')).toEqual([]);
  });

  it('reads a blank-led line after the edit with the owner the edit gave it', async () => {
    // (The line added above is still there.) Turning `host2000 …` into an inherited-owner line: it now belongs to
    // alias1999, a CNAME owner.
    expect(await change(2006, 0, 8, ' ')).toEqual(['zone/cname-and-other-data 2005:0-2005:27']);
    expect(await change(2006, 0, 1, 'host2000')).toEqual([]);
  });

  it('takes the arrays made ahead for a zone of over a megabyte on its first keystrokes, with the same findings', async () => {
    // From 1 MB on, the server makes the first re-parse's arrays while the opened zone is linted, their pages touched
    // by a worker thread (analysis.ts, stockForReparse): the first keystrokes write into them.
    const doc: OpenZone = { uri: '', version: 1, text: zone(50_000) };
    expect(doc.text.length).toBeGreaterThan(1 << 20);
    const path = join(workspace, '..', 'spares.example.net.zone');
    const pending = s.diagnostics(`file://${path}`);
    doc.uri = await s.open(path, 'dns-zone', doc.text);
    expect(await pending).toEqual([]);
    // Line 30005 is `host30000 IN A 10.0.117.48`.
    expect(await change(30005, 15, 0, '9', doc)).toEqual(['zone/bad-ipv4 30005:15-30005:27']);
    expect(await change(30006, 0, 10, 'host30000', doc)).toEqual(['zone/bad-ipv4 30005:15-30005:27', 'zone/cname-and-other-data 30006:0-30006:28']);
    expect(await change(30005, 15, 1, '', doc)).toEqual(['zone/cname-and-other-data 30006:0-30006:28']);
  });

  it('gives the tokens of a large zone in slices equal to one pass, and stops when the request is cancelled', async () => {
    const path = join(workspace, '..', 'big.example.net.zone');
    const big = zone(100_000);
    const bigUri = await s.open(path, 'dns-zone', big);
    const lines = big.split('\n').length;
    const full = (await s.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri: bigUri } })) as { data: number[] };
    const whole = (await s.connection.sendRequest('textDocument/semanticTokens/range', { textDocument: { uri: bigUri }, range: { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } } })) as { data: number[] };
    expect(big.length).toBeGreaterThan(2 * 256 * 1024);
    // Five numbers a token: owner, class and type of each record.
    expect(full.data.length).toBeGreaterThan(100_000 * 3 * 5);
    expect(full.data).toEqual(whole.data);
    const source = new CancellationTokenSource();
    const pending = s.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri: bigUri } }, source.token);
    // Cancelled while the server is at work on it (the whole takes a few hundred milliseconds), not before it starts.
    await new Promise((resolve) => setTimeout(resolve, 30));
    source.cancel();
    await expect(pending).rejects.toMatchObject({ code: -32800 });
  });
});

