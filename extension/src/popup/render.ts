// Renders a check into the popup with DOM calls only: every string from DNS or HTTP goes in as textContent, never
// as HTML (design.md §6). Pure apart from the document it writes to.
import type { CheckResult, Diagnostic, DomainSource } from '@sts-lens/shared/check';
import { headline, shownVerdict, tlsrptLine, type ShownVerdict } from '../badge.ts';
import type { StoredCheck } from '../state.ts';
import { OPAQUE_REDIRECT_STATUS } from '../fetch-policy.ts';

/** Where the checked domain came from. */
export type Origin = { readonly kind: 'tab'; readonly url: string } | { readonly kind: 'typed'; readonly input: string; readonly via: DomainSource };

export type PopupView =
  | { readonly kind: 'message'; readonly text: string; readonly error?: boolean }
  | { readonly kind: 'checking'; readonly domain: string }
  | { readonly kind: 'result'; readonly stored: StoredCheck; readonly origin: Origin };

const VERDICT_LABEL: Record<ShownVerdict, string> = {
  enforced: 'Enforced',
  testing: 'Testing',
  none: 'Mode none',
  absent: 'No MTA-STS',
  broken: 'Broken',
  unfetched: 'Record found, policy not fetched',
  unknown: 'Not checked',
};

type Child = Node | string | null | undefined | false;

/** An element with text children; attributes are plain strings set with setAttribute (never event handlers). */
function el(doc: Document, tag: string, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const e = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    e.append(typeof c === 'string' ? doc.createTextNode(c) : c);
  }
  return e;
}

function days(seconds: number): string {
  const d = seconds / 86400;
  return `${seconds} s (${Number.isInteger(d) ? d : d.toFixed(1)} ${d === 1 ? 'day' : 'days'})`;
}

function derivation(origin: Origin): string {
  if (origin.kind === 'tab') return `registrable domain of this tab’s page (${origin.url})`;
  if (origin.via === 'url') return `registrable domain of the URL you typed (${origin.input})`;
  if (origin.via === 'email') return `domain of the address you typed (${origin.input})`;
  return `typed (${origin.input})`;
}

/** The diagnostics worth showing: without the policy fetch, the "could not fetch" findings are the permission's doing. */
export function shownDiagnostics(stored: StoredCheck): Diagnostic[] {
  const ds = stored.result.diagnostics;
  return stored.access === 'fetched' ? [...ds] : ds.filter((d) => d.source !== 'https' && d.source !== 'policy');
}

function problem(doc: Document, d: Diagnostic): HTMLElement {
  const fixes = d.fixes ?? [];
  return el(
    doc,
    'li',
    { class: 'problem' },
    el(doc, 'span', { class: `sev sev-${d.severity}` }, d.severity),
    el(doc, 'span', { class: 'code' }, `${d.code}${d.source ? ` (${d.source})` : ''}`),
    el(doc, 'div', { class: 'message' }, d.message),
    fixes.length > 0 && el(doc, 'div', { class: 'fix' }, `Fix: ${fixes.map((f) => f.title).join(' · ')}`),
  );
}

function statusText(r: CheckResult): string {
  const p = r.policy;
  if (p.error) return p.error.message;
  if (p.status === OPAQUE_REDIRECT_STATUS) return 'a redirect (3xx; the browser does not reveal which)';
  return `HTTP ${p.status ?? '?'}${p.contentType ? ` · ${p.contentType}` : ''} · ${p.bytes} bytes`;
}

/** Render the report of one check (the part between the header and the actions). */
export function renderResult(doc: Document, stored: StoredCheck, origin: Origin): HTMLElement[] {
  const r = stored.result;
  const v = shownVerdict(r, stored.access);
  const out: HTMLElement[] = [];
  out.push(
    el(
      doc,
      'section',
      { class: `verdict v-${v}`, 'aria-label': 'Verdict' },
      el(doc, 'strong', { id: 'verdict', 'data-verdict': v }, VERDICT_LABEL[v]),
      el(doc, 'span', { id: 'score' }, r.score === null ? 'no score' : `score ${r.score}/100`),
    ),
    el(doc, 'p', { id: 'headline' }, headline(v, r)),
  );
  const policy = r.policy;
  const facts = el(
    doc,
    'dl',
    {},
    el(doc, 'dt', {}, 'Domain'),
    el(doc, 'dd', { id: 'domain' }, r.domain),
    el(doc, 'dt', {}, 'Derived from'),
    el(doc, 'dd', { id: 'derived' }, derivation(origin)),
    el(doc, 'dt', {}, 'STS id'),
    el(doc, 'dd', { id: 'sts-id' }, r.sts.id ?? (r.sts.records.length ? 'no valid id' : 'no _mta-sts record')),
    el(doc, 'dt', {}, 'Mode'),
    el(doc, 'dd', { id: 'mode' }, policy.mode ?? '—'),
    el(doc, 'dt', {}, 'max_age'),
    el(doc, 'dd', { id: 'max-age' }, policy.maxAge !== null ? days(policy.maxAge) : '—'),
    el(doc, 'dt', {}, 'Policy'),
    el(doc, 'dd', { id: 'policy-status' }, stored.access === 'fetched' ? statusText(r) : 'not fetched (no permission for this host)'),
    el(doc, 'dt', {}, 'TLS-RPT'),
    el(
      doc,
      'dd',
      { id: 'rua' },
      r.tlsrpt.rua.length > 0 ? el(doc, 'ul', {}, ...r.tlsrpt.rua.map((u) => el(doc, 'li', {}, u))) : tlsrptLine(r).replace(/^TLS-RPT: /, ''),
    ),
    // A browser cannot open SMTP connections: say so, and where the STARTTLS probe is, rather than guess.
    el(doc, 'dt', {}, 'MX TLS'),
    el(doc, 'dd', { id: 'mx-tls' }, 'not checked in the browser — run ', el(doc, 'code', {}, `sts-lens check ${r.domain}`)),
  );
  out.push(facts);

  if (stored.access === 'not-permitted' && r.sts.records.length > 0) {
    out.push(
      el(
        doc,
        'section',
        { class: 'permission', id: 'permission' },
        el(
          doc,
          'p',
          {},
          `To judge the policy itself, STS Lens must fetch https://mta-sts.${r.domain}/.well-known/mta-sts.txt. The browser asks you once for access to that one host; STS Lens reads only that file, without cookies.`,
        ),
        el(doc, 'button', { type: 'button', id: 'grant', 'data-origin': `https://mta-sts.${r.domain}/*` }, `Allow access to mta-sts.${r.domain}`),
      ),
    );
  }

  out.push(el(doc, 'h2', {}, `MX hosts (${r.mx.length})`));
  out.push(
    r.mx.length === 0
      ? el(doc, 'p', { id: 'mx', class: 'muted' }, `no MX hosts (${r.mxStatus})`)
      : el(
          doc,
          'ul',
          { id: 'mx' },
          ...r.mx.map((m) =>
            el(
              doc,
              'li',
              {},
              `${m.preference} ${m.host} `,
              stored.access !== 'fetched' || policy.text === null
                ? el(doc, 'span', { class: 'muted' }, '(policy not read)')
                : m.pattern !== null
                  ? el(doc, 'span', { class: 'covered' }, `✓ ${m.pattern}`)
                  : el(doc, 'span', { class: 'uncovered' }, '✗ not covered'),
              m.tlsa ? el(doc, 'span', { class: 'muted' }, ' · TLSA') : null,
            ),
          ),
        ),
  );

  const ds = shownDiagnostics(stored);
  out.push(el(doc, 'h2', {}, `Problems (${ds.length})`));
  out.push(ds.length === 0 ? el(doc, 'p', { id: 'problems', class: 'muted' }, 'none found') : el(doc, 'ul', { id: 'problems', class: 'problems' }, ...ds.map((d) => problem(doc, d))));

  out.push(el(doc, 'h2', {}, `_mta-sts.${r.domain} TXT`));
  out.push(el(doc, 'pre', { id: 'sts-txt' }, r.sts.records.length ? r.sts.records.map((t) => t.value).join('\n') : `(none: ${r.sts.status})`));
  out.push(el(doc, 'h2', {}, `_smtp._tls.${r.domain} TXT`));
  out.push(el(doc, 'pre', { id: 'tlsrpt-txt' }, r.tlsrpt.records.length ? r.tlsrpt.records.map((t) => t.value).join('\n') : `(none: ${r.tlsrpt.status})`));
  out.push(el(doc, 'h2', {}, 'Policy text'));
  out.push(el(doc, 'pre', { id: 'policy-text' }, policy.text ?? '(not fetched)'));
  out.push(el(doc, 'p', { class: 'muted', id: 'checked-at' }, `checked ${new Date(stored.checkedAt).toLocaleTimeString()} in ${r.timings.totalMs} ms via ${stored.endpoint}`));
  return out;
}

/** Replace the report area with `view`. */
export function render(doc: Document, container: HTMLElement, view: PopupView): void {
  if (view.kind === 'message') container.replaceChildren(el(doc, 'p', { class: view.error ? 'error-text' : 'muted', id: 'message' }, view.text));
  else if (view.kind === 'checking') container.replaceChildren(el(doc, 'p', { class: 'muted', id: 'message' }, `Checking ${view.domain}…`));
  else container.replaceChildren(...renderResult(doc, view.stored, view.origin));
}
