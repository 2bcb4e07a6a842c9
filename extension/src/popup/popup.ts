// The popup: shows the check of the active tab's domain (or `?tab=<id>`), re-checks, copies the JSON, checks another
// domain, and asks for the policy host permission when the user clicks for it.
import { api as browser } from '../browser-api.ts';
import { resultKey, tabKey, type CheckReply, type Request, type StoredCheck, type TabState } from '../state.ts';
import { render, type Origin, type PopupView } from './render.ts';

const report = document.getElementById('report')!;
const recheck = document.getElementById('recheck') as HTMLButtonElement;
const copy = document.getElementById('copy-json') as HTMLButtonElement;
const status = document.getElementById('action-status')!;
const form = document.getElementById('check-another') as HTMLFormElement;
const other = document.getElementById('other-domain') as HTMLInputElement;
const otherError = document.getElementById('other-error')!;

/** What the popup shows now: the tab's domain, or one typed in. */
let current: { domain: string; origin: Origin; stored?: StoredCheck } | null = null;
let tabId: number | undefined;

function show(view: PopupView): void {
  render(document, report, view);
  if (view.kind === 'result') {
    current = { domain: view.stored.domain, origin: view.origin, stored: view.stored };
    document.getElementById('grant')?.addEventListener('click', (e) => void grant((e.currentTarget as HTMLElement).dataset.origin!));
  }
  recheck.disabled = !current;
  copy.disabled = !current?.stored;
}

async function check(domain: string, origin: Origin, force: boolean): Promise<void> {
  current = { domain, origin };
  show({ kind: 'checking', domain });
  const req: Request = { type: 'check', domain, force, ...(origin.kind === 'tab' && tabId !== undefined ? { tabId } : {}) };
  const reply = (await browser.runtime.sendMessage(req)) as CheckReply | undefined;
  if (!reply) show({ kind: 'message', text: 'the extension’s worker did not answer; try again', error: true });
  else if (!reply.ok) show({ kind: 'message', text: reply.error, error: true });
  else show({ kind: 'result', stored: reply.stored, origin: origin.kind === 'typed' ? { ...origin, via: reply.via } : origin });
}

async function grant(origin: string): Promise<void> {
  // Must run in the click's turn: the browser asks only in response to a user action.
  const granted = await browser.permissions.request({ origins: [origin] });
  status.textContent = granted ? 'Access granted; fetching the policy…' : 'Access not granted: the badge keeps showing what DNS alone tells.';
  if (granted && current) await check(current.domain, current.origin, true);
}

async function showTab(id: number): Promise<void> {
  const key = tabKey(id);
  const state = (await browser.storage.session.get(key))[key] as TabState | undefined;
  if (!state) return show({ kind: 'message', text: 'No web page checked in this tab yet. Type a domain below.' });
  if (state.kind === 'unsupported') return show({ kind: 'message', text: `Nothing to check here (${state.reason}). Type a domain below.` });
  const origin: Origin = { kind: 'tab', url: state.url };
  current = { domain: state.domain, origin };
  if (state.kind === 'excluded') return show({ kind: 'message', text: `${state.domain} is excluded in the options; Re-check to check it anyway.` });
  if (state.kind === 'done') {
    const rk = resultKey(state.domain);
    const stored = (await browser.storage.session.get(rk))[rk] as StoredCheck | undefined;
    if (stored) return show({ kind: 'result', stored, origin });
  }
  if (state.kind === 'error') return show({ kind: 'message', text: `Could not check ${state.domain}: ${state.message}`, error: true });
  // idle (check on click), checking, or a result evicted from the cache: ask the worker (it joins a running check).
  await check(state.domain, origin, false);
}

recheck.addEventListener('click', () => {
  if (current) void check(current.domain, current.origin, true);
});

copy.addEventListener('click', () => {
  if (!current?.stored) return;
  const json = JSON.stringify(current.stored.result, null, 2);
  navigator.clipboard.writeText(json).then(
    () => (status.textContent = 'Copied the check as JSON.'),
    () => (status.textContent = 'Could not write to the clipboard.'),
  );
});

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const value = other.value.trim();
  otherError.textContent = value === '' ? 'Type a domain, a URL or an e-mail address.' : '';
  if (value !== '') void check(value, { kind: 'typed', input: value, via: 'domain' }, false);
});

async function main(): Promise<void> {
  const param = new URLSearchParams(location.search).get('tab');
  if (param !== null && /^\d+$/.test(param)) tabId = Number(param);
  else {
    document.body.classList.toggle('page', false);
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    tabId = tab?.id;
  }
  if (tabId === undefined) show({ kind: 'message', text: 'No tab. Type a domain below.' });
  else await showTab(tabId);
}

void main();
