import type { Span } from '../diagnostic.ts';

/** What a completion offers, for an editor's icon. */
export type CompletionKind = 'key' | 'value' | 'keyword' | 'snippet' | 'type' | 'directive' | 'host';

/** One completion: `insertText` replaces `range` (a snippet when `snippet` is set, with `${1:…}` placeholders). */
export interface CompletionEntry {
  readonly label: string;
  readonly kind: CompletionKind;
  readonly detail?: string;
  /** Markdown. */
  readonly documentation?: string;
  readonly insertText: string;
  readonly snippet: boolean;
  readonly range: Span;
  /** Sorts the entries in the order given (`00`, `01`, ...) rather than alphabetically. */
  readonly sortText: string;
}

/** A hover: markdown over `range`. */
export interface HoverInfo {
  readonly range: Span;
  readonly markdown: string;
}

/** What the workspace knows beyond the document: MX hosts of the domain (from zone files), the clock. */
export interface EditorContext {
  /** MX hosts of the policy's domain found in the workspace's zone files, without trailing dot. */
  readonly mxHosts?: readonly string[];
  readonly now?: () => Date;
}

/** A document outline entry. */
export interface OutlineSymbol {
  readonly name: string;
  readonly detail: string;
  readonly kind: 'key' | 'owner' | 'record' | 'directive';
  readonly range: Span;
  readonly selection: Span;
  readonly children: readonly OutlineSymbol[];
}

/** Semantic token types, in the order of the legend editors receive. */
export const semanticTokenTypes = ['property', 'keyword', 'string', 'number', 'enumMember', 'comment', 'macro', 'variable', 'operator'] as const;
export type SemanticTokenType = (typeof semanticTokenTypes)[number];

/** One highlighted span (never crossing a line break). */
export interface SemanticSpan {
  readonly start: number;
  readonly end: number;
  readonly type: SemanticTokenType;
}

/** Days as people say them: `604800` → `7 days (1 week)`. */
export function describeSeconds(seconds: number): string {
  const days = seconds / 86400;
  const d = Number.isInteger(days) ? String(days) : days.toFixed(2).replace(/\.?0+$/, '');
  const named = namedDurations.find((n) => n.seconds === seconds);
  return `${d} day${days === 1 ? '' : 's'}${named ? ` (${named.label})` : ''}`;
}

const namedDurations = [
  { seconds: 86400, label: '1 day' },
  { seconds: 604800, label: '1 week' },
  { seconds: 1209600, label: '2 weeks' },
  { seconds: 31557600, label: '1 year, the maximum' },
];
