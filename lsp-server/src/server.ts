// The language server: wires LSP requests to the core. Every answer comes from @sts-lens/shared; this file only
// keeps per-version analyses, maps offsets to positions, and schedules work (debounce, cancellation).
import { fileURLToPath } from 'node:url';
import {
  formatPolicy,
  freshId,
  parseStsRecord,
  policyCompletions,
  policyHover,
  policySemanticSpans,
  policySymbols,
  semanticTokenTypes,
  zoneCompletions,
  zoneFoldingRanges,
  zoneHover,
  zoneSemanticSpans,
  zoneSymbols,
  type CompletionEntry,
  type OutlineSymbol,
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
  SemanticTokensBuilder,
  SymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type CompletionItem,
  type Connection,
  type DocumentSymbol,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyse, type Analysis } from './analysis.ts';
import { toLspDiagnostic, toRange, toTextEdit } from './convert.ts';
import { defaultSettings, readSettings, type Settings } from './settings.ts';
import { indexKind, WorkspaceIndex } from './workspace-index.ts';

export const SERVER_NAME = 'sts-lens-lsp';

/** Start serving on `connection` (stdio, IPC or an in-process stream pair). */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
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
  function analysisOf(doc: TextDocument): Analysis | null {
    const cached = cache.get(doc.uri);
    if (cached !== undefined && (cached === null ? false : cached.version === doc.version)) return cached;
    const a = analyse(doc.uri, doc.version, doc.languageId, doc.getText(), settings, index);
    cache.set(doc.uri, a);
    return a;
  }

  /** The open document a request names: a JSON-RPC error when the params are malformed or the URI is not open. */
  function requireDoc(params: unknown): { doc: TextDocument; a: Analysis } | ResponseError<void> {
    const uri = (params as { textDocument?: { uri?: unknown } } | null)?.textDocument?.uri;
    if (typeof uri !== 'string') return new ResponseError(ErrorCodes.InvalidParams, 'textDocument.uri is missing');
    const doc = documents.get(uri);
    if (!doc) return new ResponseError(ErrorCodes.InvalidParams, `unknown document: ${uri} is not open`);
    const a = analysisOf(doc);
    if (!a) return new ResponseError(ErrorCodes.InvalidParams, `${uri} is neither an MTA-STS policy nor a zone file`);
    return { doc, a };
  }

  const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');

  function positionOffset(a: Analysis, params: unknown): number | ResponseError<void> {
    const pos = (params as { position?: { line?: unknown; character?: unknown } }).position;
    if (!pos || typeof pos.line !== 'number' || typeof pos.character !== 'number') return new ResponseError(ErrorCodes.InvalidParams, 'position is missing');
    return a.lines.offsetAt({ line: pos.line, character: pos.character });
  }

  function publish(doc: TextDocument): void {
    const a = analysisOf(doc);
    const version = doc.version;
    const diagnostics = a ? a.diagnostics().map((d, i) => toLspDiagnostic(a.lines, d, i)) : [];
    // Never publish a result after a newer version arrived (or the document closed).
    if (documents.get(doc.uri)?.version !== version) return;
    void connection.sendDiagnostics({ uri: doc.uri, version, diagnostics });
  }

  function schedule(doc: TextDocument): void {
    if (pullDiagnostics) return;
    const prev = timers.get(doc.uri);
    if (prev) clearTimeout(prev);
    timers.set(
      doc.uri,
      setTimeout(() => {
        timers.delete(doc.uri);
        const current = documents.get(doc.uri);
        if (current) publish(current);
      }, settings.debounceMs),
    );
  }

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
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll] },
        documentSymbolProvider: true,
        documentFormattingProvider: true,
        foldingRangeProvider: true,
        semanticTokensProvider: { legend: { tokenTypes: [...semanticTokenTypes], tokenModifiers: [] }, full: true },
        ...(pullDiagnostics ? { diagnosticProvider: { identifier: 'sts-lens', interFileDependencies: true, workspaceDiagnostics: false } } : {}),
        workspace: { workspaceFolders: { supported: true } },
      },
      serverInfo: { name: SERVER_NAME, version: '0.1.0' },
    };
  });

  connection.onInitialized(async () => {
    index.scan(folders);
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
    if (changed) relintAll();
  });

  documents.onDidOpen((e) => schedule(e.document));
  documents.onDidChangeContent((e) => schedule(e.document));
  documents.onDidClose((e) => {
    const t = timers.get(e.document.uri);
    if (t) clearTimeout(t);
    timers.delete(e.document.uri);
    cache.delete(e.document.uri);
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
    const h = a.policy ? policyHover(a.policy, offset, { mxHosts: a.domain ? index.mxHostsOf(a.domain) : [] }) : a.zone ? zoneHover(a.zone, offset) : null;
    return h ? { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: toRange(a.lines, h.range) } : null;
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
      if (a.zone) for (const bump of bumpIdActions(a, start, end)) actions.push(bump);
    }
    if (wants(CodeActionKind.SourceFixAll)) {
      const edits = fixAllEdits(diagnostics);
      if (edits.length > 0) {
        actions.push({ title: 'Fix all STS Lens problems with an obvious fix', kind: CodeActionKind.SourceFixAll, edit: { changes: { [a.uri]: edits.map((e) => toTextEdit(a.lines, e)) } } });
      }
    }
    return actions;
  });

  connection.onDocumentSymbol((params, token) => {
    if (token.isCancellationRequested) return cancelled();
    const r = requireDoc(params);
    if (r instanceof ResponseError) return r;
    const { a } = r;
    const symbols = a.policy ? policySymbols(a.policy) : a.zone ? zoneSymbols(a.zone) : [];
    return symbols.map((s) => toDocumentSymbol(a, s));
  });

  connection.onDocumentFormatting((params, token) => {
    if (token.isCancellationRequested) return cancelled();
    const r = requireDoc(params);
    if (r instanceof ResponseError) return r;
    const { a } = r;
    if (!a.policy) return [];
    const formatted = formatPolicy(a.text, a.policy);
    if (formatted === a.text) return [];
    return [toTextEdit(a.lines, { range: { start: 0, end: a.text.length }, newText: formatted })];
  });

  connection.onFoldingRanges((params, token) => {
    if (token.isCancellationRequested) return cancelled();
    const r = requireDoc(params);
    if (r instanceof ResponseError) return r;
    const { a } = r;
    if (!a.zone) return [];
    return zoneFoldingRanges(a.zone).map((s) => ({ startLine: a.lines.positionAt(s.start).line, endLine: a.lines.positionAt(s.end).line }));
  });

  connection.languages.semanticTokens.on((params, token) => {
    if (token.isCancellationRequested) return cancelled();
    const r = requireDoc(params);
    if (r instanceof ResponseError) return r;
    const { a } = r;
    const spans = a.policy ? policySemanticSpans(a.policy) : a.zone ? zoneSemanticSpans(a.zone) : [];
    const builder = new SemanticTokensBuilder();
    for (const s of spans) {
      const p = a.lines.positionAt(s.start);
      builder.push(p.line, p.character, s.end - s.start, semanticTokenTypes.indexOf(s.type), 0);
    }
    return builder.build();
  });

  documents.listen(connection);
  connection.listen();
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

/** "Bump the `_mta-sts` id": on an `_mta-sts` TXT record, a fresh id in place of the old one (after a policy change). */
function bumpIdActions(a: Analysis, start: number, end: number): CodeAction[] {
  const out: CodeAction[] = [];
  const text = a.text;
  const idRe = /(v=STSv1;[^"]*?\bid=)([A-Za-z0-9]*)/g;
  // The record's text holds the id in one quoted string in practice; the core's parser decides it is an STS record.
  for (let line = a.lines.positionAt(start).line; line <= a.lines.positionAt(end).line; line++) {
    const ls = a.lines.lineStarts[line]!;
    const le = a.lines.lineStarts[line + 1] ?? text.length;
    const body = text.slice(ls, le);
    if (!/^_mta-sts\b/i.test(body) && !/\b_mta-sts\./i.test(body)) continue;
    idRe.lastIndex = 0;
    const m = idRe.exec(body);
    if (!m || !parseStsRecord(m[0]).effective.version) continue;
    const idStart = ls + m.index + m[1]!.length;
    const id = freshId(new Date());
    if (m[2] === id) continue;
    out.push({
      title: `Bump the _mta-sts id to ${id} (after changing the policy)`,
      kind: CodeActionKind.QuickFix,
      edit: { changes: { [a.uri]: [toTextEdit(a.lines, { range: { start: idStart, end: idStart + m[2]!.length }, newText: id })] } },
    });
  }
  return out;
}

