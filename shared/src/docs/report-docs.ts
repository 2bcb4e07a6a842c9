// What an editor says about a TLS-RPT aggregate report (RFC 8460 §4): hovers on `result-type`, `policy-type` and the
// session counts. Every answer reads the one JSON parse of the document.
import type { JsonMember, JsonNode, JsonParse } from '../report/json.ts';
import { RESULT_TYPES } from '../report/result-types.ts';
import type { HoverInfo } from './types.ts';

/** What each `policy-type` value means (RFC 8460 §4.4). */
export const policyTypeDocs: Readonly<Record<string, string>> = {
  sts: 'the sender applied the MTA-STS policy of the domain (RFC 8461)',
  tlsa: 'the sender applied the DANE TLSA records of the MX host (RFC 7672)',
  'no-policy-found': 'the sender found neither an MTA-STS policy nor TLSA records: these sessions used opportunistic TLS',
};

/** What each count field counts (RFC 8460 §4.4). */
export const countFieldDocs: Readonly<Record<string, string>> = {
  'total-successful-session-count': 'sessions in the date range that negotiated TLS as the policy requires',
  'total-failure-session-count': 'sessions in the date range that failed the policy (each failure type is detailed in `failure-details`)',
  'failed-session-count': 'sessions that failed with this `result-type` (for this sending and receiving host pair)',
};

const resultGroups = { negotiation: 'TLS negotiation failure', dane: 'DANE failure', sts: 'MTA-STS failure' } as const;

/** The hover at `offset` of a report: on a `result-type`, `policy-type` or count field (its key or its value). */
export function reportHover(json: JsonParse, text: string, offset: number): HoverInfo | null {
  const m = memberAt(json.root, offset);
  if (!m) return null;
  const v = m.value;
  const onValue = v.start <= offset && offset <= v.end;
  const range = onValue ? { start: v.start, end: v.end } : m.keySpan;
  if (m.key === 'result-type') {
    if (v.kind !== 'string') return null;
    const t = RESULT_TYPES[v.value];
    const markdown = t
      ? `**result-type** \`${v.value}\` (${resultGroups[t.group]}): ${t.meaning}. (RFC 8460 §4.3)`
      : `**result-type** \`${v.value}\`: not a registered result type, so no reader can explain it. (RFC 8460 §4.3)`;
    return { range, markdown };
  }
  if (m.key === 'policy-type') {
    if (v.kind !== 'string') return null;
    const d = policyTypeDocs[v.value];
    return { range, markdown: d ? `**policy-type** \`${v.value}\`: ${d}. (RFC 8460 §4.4)` : `**policy-type** \`${v.value}\`: not one of \`sts\`, \`tlsa\`, \`no-policy-found\`. (RFC 8460 §4.4)` };
  }
  const count = countFieldDocs[m.key];
  if (count) {
    const n = v.kind === 'number' ? text.slice(v.start, v.end) : null;
    return { range, markdown: `**${m.key}**${n !== null ? ` ${n}` : ''}: ${count}. (RFC 8460 §4.4)` };
  }
  return null;
}

/** The innermost object member whose key or value holds `offset`. */
function memberAt(root: JsonNode | null, offset: number): JsonMember | null {
  let node: JsonNode | null = root;
  let found: JsonMember | null = null;
  while (node && node.start <= offset && offset <= node.end) {
    let next: JsonNode | null = null;
    if (node.kind === 'object') {
      for (const m of node.members) {
        if (m.keySpan.start <= offset && offset <= m.keySpan.end) return m;
        if (m.value.start <= offset && offset <= m.value.end) {
          found = m;
          next = m.value;
          break;
        }
      }
    } else if (node.kind === 'array') {
      next = node.items.find((i) => i.start <= offset && offset <= i.end) ?? null;
    }
    if (!next) break;
    node = next;
  }
  return found;
}
