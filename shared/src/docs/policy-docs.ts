// What an editor says about an mta-sts.txt policy (RFC 8461 §3.2): hover texts, completions, outline, highlighting
// and the canonical layout. Every answer reads the one parse of the document.
import type { Span } from '../diagnostic.ts';
import { mxPatternMatches } from '../mx/match.ts';
import type { PolicyKey } from '../policy/keys.ts';
import type { PolicyMode } from '../policy/modes.ts';
import type { ParsedPolicy, PolicyFieldLine, PolicyLine } from '../policy/parse.ts';
import { describeSeconds, type CompletionEntry, type EditorContext, type HoverInfo, type OutlineSymbol, type SemanticSpan } from './types.ts';

/** What each key means to a sender, with its RFC section. */
export const policyKeyDocs: Readonly<Record<PolicyKey, string>> = {
  version: 'The policy format version. Must be `STSv1`; senders discard a policy with any other version. (RFC 8461 §3.2)',
  mode:
    'What senders do when a TLS connection to an MX host fails or the host is not listed: `enforce` (do not deliver), `testing` (deliver, and report through TLS-RPT) or `none` (no policy). (RFC 8461 §3.2, §5)',
  max_age:
    'How long, in seconds, senders may cache this policy (at most 31557600, one year). Senders refetch it when the `_mta-sts` id changes, or when it expires. (RFC 8461 §3.2)',
  mx: 'One MX host pattern per line: `mail.example.com` or `*.example.com` (a wildcard covers exactly one leftmost label). Senders deliver only to MX hosts a pattern covers. (RFC 8461 §3.2, §4.1)',
};

/** What each mode makes a sender do. */
export const policyModeDocs: Readonly<Record<PolicyMode, string>> = {
  enforce: '`enforce`: senders deliver only over validated TLS to MX hosts a pattern covers; otherwise the mail is not delivered. (RFC 8461 §5)',
  testing: '`testing`: senders deliver as usual and report failures through TLS-RPT (RFC 8460). Start here. (RFC 8461 §5)',
  none: '`none`: senders treat the domain as having no policy; publish it to retire a policy safely. (RFC 8461 §5)',
};

/** `max_age` presets offered by completion, shortest first. */
export const maxAgePresets: readonly { readonly seconds: number; readonly label: string }[] = [
  { seconds: 604800, label: '1 week' },
  { seconds: 1209600, label: '2 weeks' },
  { seconds: 2592000, label: '30 days' },
  { seconds: 31557600, label: '1 year' },
];

const keySnippets: readonly { key: PolicyKey; snippet: string }[] = [
  { key: 'version', snippet: 'version: STSv1' },
  { key: 'mode', snippet: 'mode: ${1|testing,enforce,none|}' },
  { key: 'mx', snippet: 'mx: ${1:mail.example.com}' },
  { key: 'max_age', snippet: 'max_age: ${1|604800,1209600,2592000,31557600|}' },
];

/** The line holding `offset` (its content span), from the parse. */
function lineAt(policy: ParsedPolicy, offset: number): PolicyLine | undefined {
  const { lines } = policy;
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines.at(mid)!.span.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lines.at(lo);
}

const within = (s: Span, offset: number) => s.start <= offset && offset <= s.end;

/** Completions at `offset`: keys (as snippets) at the start of a line, a key's values after its colon. */
export function policyCompletions(text: string, offset: number, ctx: EditorContext = {}): CompletionEntry[] {
  // From the text, not the parse: the empty last line after a final newline is a place to type too.
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  const before = text.slice(lineStart, offset);
  const colon = before.indexOf(':');
  if (colon < 0) {
    const range = { start: lineStart + (before.length - before.trimStart().length), end: offset };
    const out: CompletionEntry[] = keySnippets.map((k, i) => ({
      label: k.key,
      kind: 'key',
      detail: k.snippet.replace(/\$\{1\|([^,|]+)[^}]*\}|\$\{1:([^}]*)\}/, (_m, a: string, b: string) => a ?? b),
      documentation: policyKeyDocs[k.key],
      insertText: k.snippet,
      snippet: true,
      range,
      sortText: `0${i}`,
    }));
    (ctx.mxHosts ?? []).forEach((host, i) =>
      out.push({ label: `mx: ${host}`, kind: 'host', detail: 'MX host of this domain in the workspace zone files', insertText: `mx: ${host}`, snippet: false, range, sortText: `1${String(i).padStart(4, '0')}` }),
    );
    return out;
  }
  const key = before.slice(0, colon).trim();
  const valueStart = lineStart + colon + 1 + (before.slice(colon + 1).length - before.slice(colon + 1).trimStart().length);
  const range = { start: valueStart, end: offset };
  const value = (label: string, insertText: string, kind: CompletionEntry['kind'], detail: string, documentation: string | undefined, i: number): CompletionEntry => ({
    label,
    kind,
    detail,
    ...(documentation ? { documentation } : {}),
    insertText,
    snippet: false,
    range,
    sortText: `0${i}`,
  });
  switch (key) {
    case 'version':
      return [value('STSv1', 'STSv1', 'keyword', 'the only policy version', policyKeyDocs.version, 0)];
    case 'mode':
      return (['testing', 'enforce', 'none'] as const).map((m, i) => value(m, m, 'keyword', `mode ${m}`, policyModeDocs[m], i));
    case 'max_age':
      return maxAgePresets.map((p, i) => value(`${p.seconds} (${p.label})`, String(p.seconds), 'value', p.label, `${p.seconds} seconds: ${describeSeconds(p.seconds)}`, i));
    case 'mx':
      return (ctx.mxHosts ?? []).map((h, i) => value(h, h, 'host', 'MX host in the workspace zone files', undefined, i));
    default:
      return [];
  }
}

/** Hover at `offset`: a key's meaning, a value's meaning (mode, max_age in days, the MX hosts a pattern covers). */
export function policyHover(policy: ParsedPolicy, offset: number, ctx: EditorContext = {}): HoverInfo | null {
  const line = lineAt(policy, offset);
  if (!line || line.kind !== 'field') return null;
  const key = line.sends ?? (isKnown(line.keyText) ? line.keyText : null);
  if (within(line.key, offset)) {
    if (key) return { range: line.key, markdown: `**${key}**\n\n${policyKeyDocs[key]}` };
    return { range: line.key, markdown: `**${line.keyText}**: not a policy key; senders ignore this line (RFC 8461 §3.2: unknown keys are ignored).` };
  }
  if (!within(line.value, offset) || !key) return null;
  const v = line.valueText;
  switch (key) {
    case 'version':
      return { range: line.value, markdown: v === 'STSv1' ? policyKeyDocs.version : `\`${v}\` is not \`STSv1\`: senders discard this policy. (RFC 8461 §3.2)` };
    case 'mode':
      return { range: line.value, markdown: v === 'enforce' || v === 'testing' || v === 'none' ? policyModeDocs[v] : `\`${v}\` is not a mode: use \`enforce\`, \`testing\` or \`none\`. (RFC 8461 §3.2)` };
    case 'max_age': {
      if (!/^\d{1,10}$/.test(v)) return { range: line.value, markdown: `\`${v}\` is not a number of seconds (1 to 10 digits). (RFC 8461 §3.2)` };
      const s = Number(v);
      const note = s > 31557600 ? ' More than the maximum, 31557600 (one year).' : s < 604800 ? ' Less than a week defeats caching: senders refetch the policy often.' : '';
      return { range: line.value, markdown: `**max_age** ${s} seconds = ${describeSeconds(s)}.${note} (RFC 8461 §3.2)` };
    }
    case 'mx': {
      const hosts = ctx.mxHosts;
      let md = `**mx** pattern \`${v}\`${v.startsWith('*.') ? ': covers any host one label below `' + v.slice(2) + '`' : ''}. (RFC 8461 §4.1)`;
      if (hosts && hosts.length > 0) {
        const covered = hosts.filter((h) => mxPatternMatches(v, h));
        md += covered.length > 0 ? `\n\nCovers the workspace MX host${covered.length > 1 ? 's' : ''} ${covered.map((h) => `\`${h}\``).join(', ')}.` : '\n\nCovers none of the MX hosts in the workspace zone files.';
      }
      return { range: line.value, markdown: md };
    }
  }
}

function isKnown(k: string): k is PolicyKey {
  return k === 'version' || k === 'mode' || k === 'max_age' || k === 'mx';
}

/** Outline: one entry per field line. */
export function policySymbols(policy: ParsedPolicy): OutlineSymbol[] {
  const out: OutlineSymbol[] = [];
  for (const line of policy.lines) {
    if (line.kind !== 'field') continue;
    out.push({ name: line.keyText || '(empty key)', detail: line.valueText, kind: 'key', range: line.span, selection: line.key, children: [] });
  }
  return out;
}

/** Highlighting: keys, colons and values (modes as enum members, max_age as a number). */
export function policySemanticSpans(policy: ParsedPolicy): SemanticSpan[] {
  const out: SemanticSpan[] = [];
  for (const line of policy.lines) {
    if (line.kind !== 'field') continue;
    if (line.key.end > line.key.start) out.push({ ...line.key, type: 'property' });
    out.push({ ...line.colon, type: 'operator' });
    if (line.value.end > line.value.start) {
      const key = (line as PolicyFieldLine).sends;
      out.push({ ...line.value, type: key === 'mode' || key === 'version' ? 'enumMember' : key === 'max_age' ? 'number' : 'string' });
    }
  }
  return out;
}

const order: Readonly<Record<string, number>> = { version: 0, mode: 1, mx: 2, max_age: 3 };

/**
 * The policy in canonical layout: `key: value` with one space, keys in the order version, mode, mx, max_age (other
 * lines after them, in their order), no blank lines, LF endings, one final newline. Repeated keys keep their
 * relative order, so what senders read does not change.
 */
export function formatPolicy(text: string, policy: ParsedPolicy): string {
  const groups: string[][] = [[], [], [], [], []];
  for (const line of policy.lines) {
    if (line.kind === 'blank') continue;
    const raw = text.slice(line.span.start, line.span.end);
    if (line.kind === 'field' && line.sends) {
      groups[order[line.sends]!]!.push(`${line.keyText}: ${line.valueText}`);
    } else if (line.kind === 'field' && !line.hasControl && line.intended === null && line.beforeColon.end === line.beforeColon.start) {
      groups[4]!.push(`${line.keyText}: ${line.valueText}`.replace(/^\uFEFF/, ''));
    } else {
      groups[4]!.push(raw.replace(/^\uFEFF/, '').trim());
    }
  }
  const body = groups.flat().join('\n');
  // A front matter stays as written: the site generator reads it, senders never see it.
  const head = policy.frontMatter ? text.slice(0, policy.frontMatter.span.end) : '';
  return head + (policy.bom ? '\uFEFF' : '') + (body ? `${body}\n` : '');
}

/** A starting policy for a domain's MX hosts: mode testing, one `mx:` line per host, max_age one week, LF. */
export function starterPolicy(mxHosts: readonly string[]): string {
  return ['version: STSv1', 'mode: testing', ...mxHosts.map((h) => `mx: ${h}`), 'max_age: 604800', ''].join('\n');
}
