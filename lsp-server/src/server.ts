// The language server: wires LSP requests to the core. Every answer comes from @sts-lens/shared; this file only
// keeps per-version analyses, maps offsets to positions, and schedules work (debounce, cancellation).
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  diffEdits,
  formatPolicy,
  formatZone,
  LineIndex,
  mxRecordsCovered,
  parseZone,
  policyMxPatternAt,
  policyCompletions,
  policyHover,
  policySemanticSpans,
  policySymbols,
  reportHover,
  semanticTokenTypes,
  starterPolicy,
  zoneCompletions,
  zoneDefinition,
  zoneFoldingRanges,
  zoneHover,
  zoneMxHosts,
  zoneSemanticSpans,
  zoneSymbols,
  type CommonEnds,
  type CompletionEntry,
  type OutlineSymbol,
  type SemanticTokenType,
  type Span,
  type TextEdit,
} from '@sts-lens/shared';
import {
  CodeActionKind,
  CompletionItemKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  FileChangeType,
  InsertTextFormat,
  LSPErrorCodes,
  MarkupKind,
  ResponseError,
  SymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type CompletionItem,
  type Connection,
  type DocumentSymbol,
  type InitializeParams,
  type InitializeResult,
  type Location,
  type SemanticTokens,
} from 'vscode-languageserver';
import { analyse, refreshCrossFile, type Analysis } from './analysis.ts';
import { OpenDocument } from './document.ts';
import { toLspDiagnostic, toRange, toTextEdit } from './convert.ts';
import { configuredDomain, defaultSettings, readSettings, type Settings } from './settings.ts';
import { indexKind, WorkspaceIndex } from './workspace-index.ts';

export const SERVER_NAME = 'sts-lens-lsp';

/** Start serving on `connection` (stdio, IPC or an in-process stream pair). */
export function startServer(connection: Connection): void {
  /**
   * Where each open document's text agrees with the text of its last analysis (`base`, that version), read off the
   * edits as they arrive: the re-parse of a 100k-record zone need not compare megabytes to find the edit.
   */
  const agreed = new Map<string, { base: number; prefix: number; suffix: number } | null>();
  const documents = new TextDocuments<OpenDocument>({
    create: (uri, languageId, version, content) => OpenDocument.create(uri, languageId, version, content),
    update(doc, changes, version) {
      const ends = agreed.get(doc.uri) ?? null;
      return OpenDocument.update(doc, changes, version, (a, b, length) => {
        if (a < 0) agreed.set(doc.uri, null);
        else if (ends) {
          ends.prefix = Math.min(ends.prefix, a);
          ends.suffix = Math.min(ends.suffix, length - b);
        }
      });
    },
  });
  const index = new WorkspaceIndex();
  const cache = new Map<string, Analysis | null>();
  const timers = new Map<string, NodeJS.Timeout>();
  let settings: Settings = defaultSettings;
  let pullDiagnostics = false;
  let refreshSupport = false;
  let configurationRequests = false;
  let watchRegistration = false;
  let folders: string[] = [];

  /** The analysis of the document's current version (made once per version). */
  function analysisOf(doc: OpenDocument): Analysis | null {
    const cached = cache.get(doc.uri);
    if (cached !== undefined && (cached === null ? false : cached.version === doc.version)) return cached;
    const text = doc.getText();
    const known = agreed.get(doc.uri);
    const previous = cached ?? null;
    const ends = known && previous && known.base === previous.version ? commonEndsWithin(known, previous.text.length, text.length) : undefined;
    const a = analyse(doc.uri, doc.version, doc.languageId, doc.lines, settings, index, previous, ends);
    cache.set(doc.uri, a);
    agreed.set(doc.uri, { base: doc.version, prefix: Infinity, suffix: Infinity });
    if (a?.indexChanged) relintDependents(a);
    return a;
  }

  /** The open document a request names: a JSON-RPC error when the params are malformed or the URI is not open. */
  function requireDoc(params: unknown): { doc: OpenDocument; a: Analysis } | ResponseError<void> {
    const uri = (params as { textDocument?: { uri?: unknown } } | null)?.textDocument?.uri;
    if (typeof uri !== 'string') return new ResponseError(ErrorCodes.InvalidParams, 'textDocument.uri is missing');
    const doc = documents.get(uri);
    if (!doc) return new ResponseError(ErrorCodes.InvalidParams, `unknown document: ${uri} is not open`);
    const a = analysisOf(doc);
    if (!a) return new ResponseError(ErrorCodes.InvalidParams, `${uri} is neither an MTA-STS policy, a zone file nor a TLS-RPT report`);
    return { doc, a };
  }

  const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');

  function positionOffset(a: Analysis, params: unknown): number | ResponseError<void> {
    const pos = (params as { position?: unknown }).position;
    if (!isPosition(pos)) return new ResponseError(ErrorCodes.InvalidParams, 'position is missing');
    return a.lines.offsetAt(pos);
  }

  /**
   * Publish the diagnostics of the document's current version. The work yields to the connection between its steps
   * (the parse, the rules, the conversion): a newer version or the document's closing that arrived meanwhile
   * supersedes it, and its result is never sent.
   */
  async function publish(doc: OpenDocument): Promise<void> {
    const version = doc.version;
    const stale = () => documents.get(doc.uri)?.version !== version;
    const a = analysisOf(doc);
    if (a) {
      await yieldToConnection();
      if (stale()) return;
      a.ownDiagnostics();
      await yieldToConnection();
      if (stale()) return;
    }
    const diagnostics = a ? a.diagnostics().map((d, i) => toLspDiagnostic(a.lines, d, i)) : [];
    // Never publish a result after a newer version arrived (or the document closed).
    if (stale()) return;
    void connection.sendDiagnostics({ uri: doc.uri, version, diagnostics });
  }

  function schedule(doc: OpenDocument): void {
    if (pullDiagnostics) return;
    const prev = timers.get(doc.uri);
    if (prev) clearTimeout(prev);
    timers.set(
      doc.uri,
      setTimeout(() => {
        timers.delete(doc.uri);
        const current = documents.get(doc.uri);
        if (current) void publish(current);
      }, settings.debounceMs),
    );
  }

  /**
   * A policy's cross-file findings read the zones of its domain and a zone's read the policies: after one of them
   * changed the index, the open documents of the other kind are analysed again (their text is unchanged, so this does
   * not cascade).
   */
  function relintDependents(changed: Analysis): void {
    const other = changed.kind === 'policy' ? 'zone' : changed.kind === 'zone' ? 'policy' : null;
    if (!other) return;
    let any = false;
    for (const doc of documents.all()) {
      const c = cache.get(doc.uri);
      if (doc.uri === changed.uri || !c || c.kind !== other) continue;
      // A policy is cheap to analyse again (its fixes read the zones' MX hosts); a zone keeps its own findings.
      if (other === 'zone' && c.version === doc.version) cache.set(doc.uri, refreshCrossFile(c, settings, index));
      else cache.delete(doc.uri);
      any = true;
      schedule(doc);
    }
    if (any && pullDiagnostics && refreshSupport) connection.languages.diagnostics.refresh();
  }

  const noteBaselines = () => index.noteBaselines((p) => WorkspaceIndex.policyDomain(p) ?? configuredDomain(settings, p));

  /** After settings or the workspace changed: every analysis is stale. */
  function relintAll(): void {
    cache.clear();
    if (pullDiagnostics) {
      if (refreshSupport) connection.languages.diagnostics.refresh();
    }
    else for (const doc of documents.all()) schedule(doc);
  }

  async function loadSettings(): Promise<void> {
    if (!configurationRequests) return;
    try {
      settings = readSettings(await connection.workspace.getConfiguration('stsLens'));
    } catch {
      settings = defaultSettings;
    }
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    pullDiagnostics = caps.textDocument?.diagnostic !== undefined;
    refreshSupport = caps.workspace?.diagnostics?.refreshSupport === true;
    configurationRequests = caps.workspace?.configuration === true;
    watchRegistration = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    settings = readSettings((params.initializationOptions as { settings?: unknown } | undefined)?.settings ?? params.initializationOptions);
    const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    folders = uris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: [':', ' ', '$', '_'] },
        hoverProvider: true,
        definitionProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Source, CodeActionKind.SourceFixAll] },
        documentSymbolProvider: true,
        documentFormattingProvider: true,
        foldingRangeProvider: true,
        semanticTokensProvider: { legend: { tokenTypes: [...semanticTokenTypes], tokenModifiers: [] }, full: true, range: true },
        ...(pullDiagnostics ? { diagnosticProvider: { identifier: 'sts-lens', interFileDependencies: true, workspaceDiagnostics: false } } : {}),
        workspace: { workspaceFolders: { supported: true } },
      },
      serverInfo: { name: SERVER_NAME, version: '0.1.0' },
    };
  });

  connection.onInitialized(async () => {
    index.scan(folders);
    noteBaselines();
    if (configurationRequests) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'stsLens' }).catch(() => undefined);
    if (watchRegistration) {
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/{*.zone,db.*,*.db,mta-sts.txt,*.mta-sts,*.mta-sts.txt}' }] })
        .catch(() => undefined);
    }
    await loadSettings();
    relintAll();
  });

  connection.onDidChangeConfiguration(async (change) => {
    if (configurationRequests) await loadSettings();
    else settings = readSettings((change.settings as { stsLens?: unknown } | null)?.stsLens ?? change.settings);
    relintAll();
  });

  connection.onDidChangeWatchedFiles((params) => {
    let changed = false;
    for (const c of params.changes) {
      if (!c.uri.startsWith('file:')) continue;
      const path = fileURLToPath(c.uri);
      if (!indexKind(path) || documents.get(c.uri)) continue; // an open document's text wins over the disk
      if (c.type === FileChangeType.Deleted) index.delete(c.uri);
      else index.update(path);
      changed = true;
    }
    if (changed) {
      noteBaselines();
      relintAll();
    }
  });

  documents.onDidOpen((e) => schedule(e.document));
  documents.onDidChangeContent((e) => schedule(e.document));
  documents.onDidClose((e) => {
    const t = timers.get(e.document.uri);
    if (t) clearTimeout(t);
    timers.delete(e.document.uri);
    cache.delete(e.document.uri);
    agreed.delete(e.document.uri);
    if (e.document.uri.startsWith('file:')) index.update(fileURLToPath(e.document.uri));
    else index.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.languages.diagnostics.on((params, token) => {
    if (token.isCancellationRequested) throw cancelled();
    const r = requireDoc(params);
    if (r instanceof ResponseError) throw r;
    const items = r.a.diagnostics().map((d, i) => toLspDiagnostic(r.a.lines, d, i));
    return { kind: DocumentDiagnosticReportKind.Full, items };
  });

  connection.onCompletion((params, token) => {
    if (token.isCancellationRequested) return cancelled();
    const r = requireDoc(params);
    if (r instanceof ResponseError) return r;
    const offset = positionOffset(r.a, params);
    if (offset instanceof ResponseError) return offset;
    const { a } = r;
    const entries = a.policy
      ? policyCompletions(a.text, offset, { mxHosts: a.domain ? index.mxHostsOf(a.domain) : [] })
      : a.kind === 'zone'
        ? zoneCompletions(a.text, offset)
        : [];
    return entries.map((e) => toCompletionItem(a, e));
  });

  connection.onHover((params, token) => {
    if (token.isCancellationRequested) return cancelled();
    const r = requireDoc(params);
    if (r instanceof ResponseError) return r;
    const offset = positionOffset(r.a, params);
    if (offset instanceof ResponseError) return offset;
    const { a } = r;
    const h = a.policy ? policyHover(a.policy, offset, { mxHosts: a.domain ? index.mxHostsOf(a.domain) : [] }) : a.zone ? zoneHover(a.zone, offset) : a.report ? reportHover(a.report.json, a.text, offset) : null;
    return h ? { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: toRange(a.lines, h.range) } : null;
  });

  connection.onDefinition((params, token) => {
    if (token.isCancellationRequested) return cancelled();
    const r = requireDoc(params);
    if (r instanceof ResponseError) return r;
    const offset = positionOffset(r.a, params);
    if (offset instanceof ResponseError) return offset;
    const { a } = r;
    if (a.zone) return zoneDefinition(a.zone, offset).map((span): Location => ({ uri: a.uri, range: toRange(a.lines, span) }));
    if (!a.policy || !a.domain) return [];
    const at = policyMxPatternAt(a.policy, offset);
    if (!at) return [];
    // The MX records the pattern covers, in every zone of the domain: an open zone's own analysis, else its text on disk.
    const out: Location[] = [];
    for (const f of index.zonesFor(a.domain)) {
      const open = documents.get(f.uri);
      const z = open ? analysisOf(open) : null;
      const zone = z?.zone ?? parseZone(f.text, { path: f.path });
      const lines = z?.lines ?? new LineIndex(f.text);
      for (const span of mxRecordsCovered(zone, a.domain, at.pattern)) out.push({ uri: f.uri, range: toRange(lines, span) });
    }
    return out;
  });

  connection.onCodeAction((params, token) => {
    if (token.isCancellationRequested) return cancelled();
    const r = requireDoc(params);
    if (r instanceof ResponseError) return r;
    const { a } = r;
    const only = params.context?.only;
    const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
    const diagnostics = a.diagnostics();
    const actions: CodeAction[] = [];
    if (wants(CodeActionKind.QuickFix)) {
      const start = a.lines.offsetAt(params.range.start);
      const end = a.lines.offsetAt(params.range.end);
      diagnostics.forEach((d, i) => {
        if (d.fixes.length === 0 || d.range.end < start || d.range.start > end) return;
        const lsp = toLspDiagnostic(a.lines, d, i);
        for (const fix of d.fixes) {
          actions.push({
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [lsp],
            ...(fix.isPreferred ? { isPreferred: true } : {}),
            edit: { changes: { [a.uri]: fix.edits.map((e) => toTextEdit(a.lines, e)) } },
          });
        }
      });
    }
    if (a.zone && wants(CodeActionKind.Source)) {
      const create = createPolicyAction(a);
      if (create) actions.push(create);
    }
    if (wants(CodeActionKind.SourceFixAll)) {
      const edits = fixAllEdits(diagnostics);
      if (edits.length > 0) {
        actions.push({ title: 'Fix all STS Lens problems with an obvious fix', kind: CodeActionKind.SourceFixAll, edit: { changes: { [a.uri]: edits.map((e) => toTextEdit(a.lines, e)) } } });
      }
    }
    return actions;
  });

  /** Whether the workspace index holds a policy file for `domain` (opened or not). */
  function hasPolicyFor(domain: string): boolean {
    return index.policies().some((p) => (WorkspaceIndex.policyDomain(p.path) ?? configuredDomain(settings, p.path)) === domain);
  }

  /**
   * "Create mta-sts.txt from this zone's MX records": offered on a zone with MX records at its apex when the workspace
   * holds no policy for that domain. The file goes beside the zone when that folder is named after the domain, else
   * into a folder named after it beside the zone, so its path tells its domain (and the cross-file checks find it).
   */
  function createPolicyAction(a: Analysis): CodeAction | null {
    if (!a.zone?.apex || !a.uri.startsWith('file:')) return null;
    const domain = a.zone.apex.replace(/\.$/, '');
    const hosts = zoneMxHosts(a.zone).get(domain);
    if (!hosts || hosts.length === 0 || hasPolicyFor(domain)) return null;
    const dir = dirname(fileURLToPath(a.uri));
    const beside = join(dir, 'mta-sts.txt');
    const path = WorkspaceIndex.policyDomain(beside) === domain ? beside : join(dir, domain, 'mta-sts.txt');
    const uri = pathToFileURL(path).href;
    return {
      title: `Create mta-sts.txt from this zone's MX records (${domain}, mode testing)`,
      kind: CodeActionKind.Source,
      edit: {
        documentChanges: [
          { kind: 'create', uri, options: { overwrite: false, ignoreIfExists: true } },
          { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: starterPolicy(hosts) }] },
        ],
      },
    };
  }

  connection.onDocumentSymbol((params, token) => {
    if (token.isCancellationRequested) return cancelled();
    const r = requireDoc(params);
    if (r instanceof ResponseError) return r;
    const { a } = r;
    const symbols = a.policy ? policySymbols(a.policy) : a.zone ? zoneSymbols(a.zone, settings.maxSymbols) : [];
    return symbols.map((s) => toDocumentSymbol(a, s));
  });

  connection.onDocumentFormatting((params, token) => {
    if (token.isCancellationRequested) return cancelled();
    const r = requireDoc(params);
    if (r instanceof ResponseError) return r;
    const { a } = r;
    const formatted = a.policy ? formatPolicy(a.text, a.policy) : a.zone ? formatZone(a.zone) : a.text;
    // The lines that change, not the whole text: the editor keeps cursors and marks, and the response stays small.
    return diffEdits(a.text, formatted).map((e) => toTextEdit(a.lines, e));
  });

  connection.onFoldingRanges((params, token) => {
    if (token.isCancellationRequested) return cancelled();
    const r = requireDoc(params);
    if (r instanceof ResponseError) return r;
    const { a } = r;
    if (!a.zone) return [];
    return zoneFoldingRanges(a.zone).map((s) => ({ startLine: a.lines.positionAt(s.start).line, endLine: a.lines.positionAt(s.end).line }));
  });

  /** Semantic tokens, encoded as LSP wants (deltas of line and start, length, type), added in file order. */
  function tokenEncoder(lines: LineIndex) {
    const starts = lines.lineStarts;
    const data: number[] = [];
    // Spans come in file order: walk the lines along with them instead of searching each one.
    let line = 0;
    let prevLine = 0;
    let prevChar = 0;
    let last = -1;
    return {
      add(spans: readonly { start: number; end: number; type: SemanticTokenType }[], range?: Span): void {
        for (const s of spans) {
          // A span reaching into the previous slice was added with it.
          if (s.start <= last || (range && (s.end <= range.start || s.start >= range.end))) continue;
          last = s.start;
          while (line + 1 < starts.length && starts[line + 1]! <= s.start) line++;
          const char = s.start - starts[line]!;
          data.push(line - prevLine, line === prevLine ? char - prevChar : char, s.end - s.start, semanticTokenTypes.indexOf(s.type), 0);
          prevLine = line;
          prevChar = char;
        }
      },
      result: (): SemanticTokens => ({ data }),
    };
  }

  /** Characters of a large zone whose tokens are computed between two looks at cancellation and newer versions. */
  const TOKEN_SLICE = 256 * 1024;

  connection.languages.semanticTokens.on(async (params, token) => {
    if (token.isCancellationRequested) return cancelled();
    const r = requireDoc(params);
    if (r instanceof ResponseError) return r;
    const { a, doc } = r;
    const encoder = tokenEncoder(a.lines);
    if (!a.zone) {
      encoder.add(a.policy ? policySemanticSpans(a.policy) : []);
      return encoder.result();
    }
    for (let from = 0; from < a.text.length || from === 0; from += TOKEN_SLICE) {
      encoder.add(zoneSemanticSpans(a.zone, { start: from, end: from + TOKEN_SLICE }));
      if (from + TOKEN_SLICE >= a.text.length) break;
      // Between slices the connection reads what came in: a cancellation, or a newer version (whose tokens the editor
      // will ask for; these would be thrown away).
      await new Promise((resolve) => setImmediate(resolve));
      if (token.isCancellationRequested || documents.get(doc.uri)?.version !== a.version) return cancelled();
    }
    return encoder.result();
  });

  connection.languages.semanticTokens.onRange((params, token): SemanticTokens | ResponseError<void> => {
    if (token.isCancellationRequested) return cancelled();
    const r = requireDoc(params);
    if (r instanceof ResponseError) return r;
    const range = (params as { range?: { start?: unknown; end?: unknown } }).range;
    if (!range || !isPosition(range.start) || !isPosition(range.end)) return new ResponseError<void>(ErrorCodes.InvalidParams, 'range is missing');
    const span = { start: r.a.lines.offsetAt(range.start), end: r.a.lines.offsetAt(range.end) };
    const encoder = tokenEncoder(r.a.lines);
    encoder.add(r.a.policy ? policySemanticSpans(r.a.policy) : r.a.zone ? zoneSemanticSpans(r.a.zone, span) : [], span);
    return encoder.result();
  });

  documents.listen(connection);
  connection.listen();
}

/** Let the connection read what came in (a newer version, a cancellation) before going on. */
function yieldToConnection(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Common ends read off the edits, within what two texts of these lengths can share (prefix first). */
function commonEndsWithin(known: { prefix: number; suffix: number }, oldLength: number, newLength: number): CommonEnds {
  const max = Math.min(oldLength, newLength);
  const prefix = Math.min(known.prefix, max);
  return { prefix, suffix: Math.min(known.suffix, max - prefix) };
}

/** A well-formed LSP position in a request's params. */
function isPosition(p: unknown): p is { line: number; character: number } {
  return typeof p === 'object' && p !== null && typeof (p as { line?: unknown }).line === 'number' && typeof (p as { character?: unknown }).character === 'number';
}

const completionKinds: Readonly<Record<CompletionEntry['kind'], CompletionItemKind>> = {
  key: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  keyword: CompletionItemKind.EnumMember,
  snippet: CompletionItemKind.Snippet,
  type: CompletionItemKind.Keyword,
  directive: CompletionItemKind.Keyword,
  host: CompletionItemKind.Reference,
};

function toCompletionItem(a: Analysis, e: CompletionEntry): CompletionItem {
  return {
    label: e.label,
    kind: completionKinds[e.kind],
    ...(e.detail ? { detail: e.detail } : {}),
    ...(e.documentation ? { documentation: { kind: MarkupKind.Markdown, value: e.documentation } } : {}),
    insertTextFormat: e.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: { range: toRange(a.lines, e.range), newText: e.insertText },
    sortText: e.sortText,
  };
}

const symbolKinds: Readonly<Record<OutlineSymbol['kind'], SymbolKind>> = {
  key: SymbolKind.Property,
  owner: SymbolKind.Namespace,
  record: SymbolKind.Field,
  directive: SymbolKind.Constant,
};

function toDocumentSymbol(a: Analysis, s: OutlineSymbol): DocumentSymbol {
  return {
    name: s.name,
    ...(s.detail ? { detail: s.detail } : {}),
    kind: symbolKinds[s.kind],
    range: toRange(a.lines, s.range),
    selectionRange: toRange(a.lines, s.selection),
    ...(s.children.length > 0 ? { children: s.children.map((c) => toDocumentSymbol(a, c)) } : {}),
  };
}

/** The preferred fix of every diagnostic that has one, dropping fixes that overlap one already taken. */
function fixAllEdits(diagnostics: readonly { fixes: readonly { isPreferred?: boolean; edits: readonly TextEdit[] }[] }[]): TextEdit[] {
  const taken: TextEdit[] = [];
  for (const d of diagnostics) {
    const fix = d.fixes.find((f) => f.isPreferred);
    if (!fix) continue;
    const overlaps = fix.edits.some((e) => taken.some((t) => e.range.start < t.range.end && t.range.start < e.range.end || (e.range.start === t.range.start && e.range.end === t.range.end)));
    if (!overlaps) for (const e of fix.edits) taken.push(e);
  }
  return taken.sort((x, y) => x.range.start - y.range.start);
}
