// One analysis per (uri, version): the document's kind, its one parse, its line index and its diagnostics. Every
// feature of that version reads this; a new version replaces it.
import {
  commonEnds,
  crossFileDiagnostics,
  compareDiagnostics,
  detectKind,
  type LineIndex,
  lintReport,
  lintText,
  looksLikeReport,
  parsePolicy,
  parseZoneFor,
  stockForReparse,
  zoneMxHosts,
  zoneStsIds,
  type CommonEnds,
  type Diagnostic,
  type DocumentKind,
  type LintOptions,
  type ParsedPolicy,
  type ReportLint,
  type WorkspaceFile,
  type Zone,
} from '@sts-lens/shared';
import { startPageWorker } from '@sts-lens/shared/node';
import { configuredDomain, type Settings } from './settings.ts';
import { WorkspaceIndex } from './workspace-index.ts';

/** Zones from this size on (about 30k records) get arrays made ahead for their first keystroke (`stockForReparse`). */
const SPARES_MIN_CHARS = 1 << 20;

/** What the server reads: the core's document kinds, plus TLS-RPT aggregate reports (JSON). */
export type ServedKind = DocumentKind | 'report';

export interface Analysis {
  readonly uri: string;
  readonly version: number;
  readonly path: string;
  readonly kind: ServedKind;
  readonly text: string;
  readonly lines: LineIndex;
  readonly policy: ParsedPolicy | null;
  readonly zone: Zone | null;
  /** The parse `zone` was re-read from (the version before), held until the next version reuses its arrays. */
  readonly basis: Zone | null;
  /** TLS-RPT reports: the JSON parse and the `report/*` findings. */
  readonly report: ReportLint | null;
  /** The policy's domain (path, then settings); null for other kinds or when unknown. */
  readonly domain: string | null;
  readonly options: LintOptions;
  /** Whether this version changed what other files read of it in the workspace index (MX hosts, `_mta-sts` ids). */
  readonly indexChanged: boolean;
  /** The document's own findings (its rules, no other file), computed on first use. */
  ownDiagnostics(): readonly Diagnostic[];
  /** Its own and its cross-file findings, sorted; computed on first use (a hover need not wait for the rules). */
  diagnostics(): readonly Diagnostic[];
}

/** The kind of an open document: by language id, else by name, else by content. */
export function kindOf(languageId: string, path: string, text: string): ServedKind | null {
  if (languageId === 'mta-sts') return 'policy';
  if (languageId === 'dns-zone') return 'zone';
  if (languageId === 'tlsrpt-json' || /\.tlsrpt\.json$/i.test(path)) return 'report';
  if ((languageId === 'json' || /\.json$/i.test(path)) && looksLikeReport(text)) return 'report';
  return detectKind(path, text);
}

/** Path of a `file:` URI (else the URI's path part), for names and domains. */
export function pathOf(uri: string): string {
  try {
    const u = new URL(uri);
    return decodeURIComponent(u.pathname);
  } catch {
    return uri;
  }
}

/**
 * Analyse one version of a document, its text and line index (`lines`, the open document's own). `previous`, the
 * analysis of an earlier version, lets a zone be re-read only around the edit; `knownEnds`, where its text and this
 * one agree, when the caller read it off the edits.
 */
export function analyse(uri: string, version: number, languageId: string, lines: LineIndex, settings: Settings, index: WorkspaceIndex, previous: Analysis | null = null, knownEnds?: CommonEnds): Analysis | null {
  const text = lines.text;
  const path = pathOf(uri);
  const kind = kindOf(languageId, path, text);
  if (!kind) return null;
  const domain = kind === 'policy' ? (WorkspaceIndex.policyDomain(path) ?? configuredDomain(settings, path)) : null;
  const options: LintOptions = {
    overrides: settings.rules,
    path,
    ...(domain ? { domain, mxHosts: index.mxHostsOf(domain) } : {}),
  };
  const policy = kind === 'policy' ? parsePolicy(text, { frontMatter: true }) : null;
  // An earlier version of the same document: where the two texts agree is found once, for the parse and the lines.
  const same = previous && previous.uri === uri ? previous : null;
  const ends = same ? (knownEnds ?? commonEnds(same.text, text)) : undefined;
  const earlier = same?.zone && same.path === path && same.options.origin === options.origin ? same.zone : null;
  // The server keeps one analysis per document: the parse two versions back is read by no one, its arrays are reused.
  // A large zone just opened: the arrays its first re-parse will write are made now and their pages touched on the
  // other core while this version is linted, so the first keystroke does not wait for fresh memory (`stockForReparse`).
  const pages = kind === 'zone' && !earlier && text.length >= SPARES_MIN_CHARS ? startPageWorker(text.length, process.env, SPARES_MIN_CHARS) : null;
  const zone = kind === 'zone' ? parseZoneFor(text, options, earlier, ends, earlier ? same!.basis : null) : null;
  if (pages && zone) stockForReparse(zone, pages.allocate);
  // A document just opened finds its line starts now, not in its first keystroke's update (document.ts).
  if (!same) void lines.lineCount;
  const basis = zone && earlier && zone !== earlier ? earlier : null;
  const report = kind === 'report' ? lintReport(text, { overrides: settings.rules, path }) : null;
  const indexChanged = zone ? index.set(uri, path, 'zone', text, zone) : kind === 'policy' ? index.set(uri, path, 'policy', text) : false;
  if (indexChanged) index.noteBaselines((p) => WorkspaceIndex.policyDomain(p) ?? configuredDomain(settings, p));
  return withDiagnostics({ uri, version, path, kind, text, lines, policy, zone, basis, report, domain, options, indexChanged }, null, settings, index);
}

type AnalysisFacts = Omit<Analysis, 'diagnostics' | 'ownDiagnostics'>;

/** The facts with lazily computed diagnostics: the document's own (given when already known), then its cross-file ones. */
function withDiagnostics(facts: AnalysisFacts, knownOwn: readonly Diagnostic[] | null, settings: Settings, index: WorkspaceIndex): Analysis {
  let own: readonly Diagnostic[] | null = knownOwn;
  let diagnostics: Diagnostic[] | null = null;
  const a: Analysis = {
    ...facts,
    ownDiagnostics() {
      if (own) return own;
      if (facts.report) return (own = facts.report.diagnostics);
      // lintText reads the zone parse made in analyse (parseZoneFor keeps the last one for the same text and options).
      return (own = lintText(facts.text, facts.kind as DocumentKind, facts.options));
    },
    diagnostics() {
      if (diagnostics) return diagnostics;
      const all = [...a.ownDiagnostics()];
      for (const d of crossFile(a, index, settings)) all.push(d);
      diagnostics = all.sort(compareDiagnostics);
      return diagnostics;
    },
  };
  return a;
}

/**
 * The same version of a zone after another file changed the index: its parse and own diagnostics are kept (a 100k-record
 * zone is not linted again), only the cross-file findings are computed anew.
 */
export function refreshCrossFile(a: Analysis, settings: Settings, index: WorkspaceIndex): Analysis {
  const { diagnostics: _d, ownDiagnostics: _o, ...facts } = a;
  return withDiagnostics({ ...facts, indexChanged: false }, a.ownDiagnostics(), settings, index);
}

/** The cross-file findings of this document: its policy against the zones of its domain, or its zone against the policies. */
function crossFile(a: Analysis, index: WorkspaceIndex, settings: Settings): Diagnostic[] {
  if (a.kind === 'report') return [];
  const me: WorkspaceFile = { path: a.path, text: a.text, kind: a.kind, ...(a.domain ? { domain: a.domain } : {}) };
  const others: WorkspaceFile[] = [];
  if (a.kind === 'policy' && a.domain) {
    for (const z of index.zonesFor(a.domain)) if (z.uri !== a.uri) others.push({ path: z.path, text: z.text, kind: 'zone' });
  } else if (a.kind === 'zone' && a.zone) {
    // Without a policy in the workspace there is nothing to compare, and a large zone's domains are not worth listing.
    const policies = index.policies().filter((p) => p.uri !== a.uri);
    if (policies.length === 0) return [];
    const domains = new Set(zoneMxHosts(a.zone).keys());
    for (const s of zoneStsIds(a.zone)) domains.add(s.domain);
    for (const p of policies) {
      const d = WorkspaceIndex.policyDomain(p.path) ?? configuredDomain(settings, p.path);
      if (d && domains.has(d)) others.push({ path: p.path, text: p.text, kind: 'policy', domain: d });
    }
  }
  if (others.length === 0) return [];
  // The document goes last, so the zone parse cached by parseZoneFor for it is the one the rules read.
  const results = crossFileDiagnostics([...others, me], { ...a.options, overrides: settings.rules }, index.baselines);
  return results[results.length - 1] ?? [];
}
