// One analysis per (uri, version): the document's kind, its one parse, its line index and its diagnostics. Every
// feature of that version reads this; a new version replaces it.
import {
  crossFileDiagnostics,
  compareDiagnostics,
  detectKind,
  LineIndex,
  lintText,
  parsePolicy,
  parseZoneFor,
  zoneMxHosts,
  type Diagnostic,
  type DocumentKind,
  type LintOptions,
  type ParsedPolicy,
  type WorkspaceFile,
  type Zone,
} from '@sts-lens/shared';
import { configuredDomain, type Settings } from './settings.ts';
import { WorkspaceIndex } from './workspace-index.ts';

export interface Analysis {
  readonly uri: string;
  readonly version: number;
  readonly path: string;
  readonly kind: DocumentKind;
  readonly text: string;
  readonly lines: LineIndex;
  readonly policy: ParsedPolicy | null;
  readonly zone: Zone | null;
  /** The policy's domain (path, then settings); null for other kinds or when unknown. */
  readonly domain: string | null;
  readonly options: LintOptions;
  /** Computed on first use (a hover need not wait for the rules). */
  diagnostics(): readonly Diagnostic[];
}

/** The kind of an open document: by language id, else by name, else by content. */
export function kindOf(languageId: string, path: string, text: string): DocumentKind | null {
  if (languageId === 'mta-sts') return 'policy';
  if (languageId === 'dns-zone') return 'zone';
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

export function analyse(uri: string, version: number, languageId: string, text: string, settings: Settings, index: WorkspaceIndex): Analysis | null {
  const path = pathOf(uri);
  const kind = kindOf(languageId, path, text);
  if (!kind) return null;
  const domain = kind === 'policy' ? (WorkspaceIndex.policyDomain(path) ?? configuredDomain(settings, path)) : null;
  const options: LintOptions = {
    overrides: settings.rules,
    path,
    ...(domain ? { domain, mxHosts: index.mxHostsOf(domain) } : {}),
  };
  const policy = kind === 'policy' ? parsePolicy(text) : null;
  const zone = kind === 'zone' ? parseZoneFor(text, options) : null;
  if (zone) index.set(uri, path, 'zone', text, zoneMxHosts(zone));
  else if (kind === 'policy') index.set(uri, path, 'policy', text);
  let diagnostics: Diagnostic[] | null = null;
  return {
    uri,
    version,
    path,
    kind,
    text,
    lines: new LineIndex(text),
    policy,
    zone,
    domain,
    options,
    diagnostics() {
      if (diagnostics) return diagnostics;
      // lintText reads the zone parse made above (parseZoneFor keeps the last one for the same text and options).
      const own = lintText(text, kind, options);
      for (const d of crossFile(this, index, settings)) own.push(d);
      diagnostics = own.sort(compareDiagnostics);
      return diagnostics;
    },
  };
}

/** The cross-file findings of this document: its policy against the zones of its domain, or its zone against the policies. */
function crossFile(a: Analysis, index: WorkspaceIndex, settings: Settings): Diagnostic[] {
  const me: WorkspaceFile = { path: a.path, text: a.text, kind: a.kind, ...(a.domain ? { domain: a.domain } : {}) };
  const others: WorkspaceFile[] = [];
  if (a.kind === 'policy' && a.domain) {
    for (const z of index.zonesFor(a.domain)) if (z.uri !== a.uri) others.push({ path: z.path, text: z.text, kind: 'zone' });
  } else if (a.kind === 'zone' && a.zone) {
    const domains = new Set(zoneMxHosts(a.zone).keys());
    for (const p of index.policies()) {
      if (p.uri === a.uri) continue;
      const d = WorkspaceIndex.policyDomain(p.path) ?? configuredDomain(settings, p.path);
      if (d && domains.has(d)) others.push({ path: p.path, text: p.text, kind: 'policy', domain: d });
    }
  }
  if (others.length === 0) return [];
  // The document goes last, so the zone parse cached by parseZoneFor for it is the one the rules read.
  const results = crossFileDiagnostics([...others, me], { ...a.options, overrides: settings.rules });
  return results[results.length - 1] ?? [];
}
