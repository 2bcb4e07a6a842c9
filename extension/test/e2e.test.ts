// End to end: the built Chrome extension in the system Chromium (playwright-core, no browser download) against the
// test world (unbound DoH + nginx HTTPS with a test CA, loopback only). The world's CA is trusted through an NSS db
// in the browser's own HOME; --host-resolver-rules sends the world's names to nginx. The extension's DoH provider is
// set to the world's through its options storage. Host access is granted the way a user's per-host grant leaves it:
// a copy of the manifest lists the world's DoH origin and the mta-sts host of every case but one, which stays
// without access and so exercises the DNS-only path.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases as allCases } from '../../cli/world/cases.mjs';
import { startWorld, type World } from '../../cli/world/world.mjs';
import { BADGE_STYLE } from '../src/badge.ts';
import type { StoredCheck, TabState } from '../src/state.ts';

// The extension APIs as the tests call them inside extension pages (typed loosely: they run in the browser, not here).
declare const chrome: {
  storage: { session: ChromeArea; sync: ChromeArea };
  action: {
    getBadgeText(d: { tabId: number }): Promise<string>;
    getBadgeBackgroundColor(d: { tabId: number }): Promise<number[]>;
    getTitle(d: { tabId: number }): Promise<string>;
  };
};
interface ChromeArea {
  get(keys: string | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

const root = resolve(import.meta.dirname, '..');
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(root, 'artifacts');

/** The cases driven through the browser, with the badge each must get. */
const DRIVEN: Record<string, keyof typeof BADGE_STYLE> = {
  'enforce.test': 'enforced',
  'testing.test': 'testing',
  'none.test': 'none',
  'absent.test': 'absent',
  'redirect.test': 'broken',
  'notfound.test': 'broken',
  'html.test': 'broken',
  'expired.test': 'broken',
  'wrongname.test': 'broken',
  'uncovered.test': 'broken',
  'several.test': 'broken',
  // No host access granted for this one: the badge says what DNS alone tells.
  'nortlsrpt.test': 'unfetched',
};
const NO_ACCESS = 'nortlsrpt.test';

/** For each broken case, the finding the popup must list (browsers report certificate errors only as a failed fetch). */
const PROBLEM: Record<string, string> = {
  'redirect.test': 'check/policy-redirect',
  'notfound.test': 'check/policy-status',
  'html.test': 'check/policy-content-type',
  'expired.test': 'check/policy-unreachable',
  'wrongname.test': 'check/policy-unreachable',
  'uncovered.test': 'check/mx-not-covered',
  'several.test': 'check/sts-multiple',
};

let world: World;
let context: BrowserContext;
let worker: Worker;
let extensionId: string;
let home: string;

function hex(rgba: number[]): string {
  return `#${rgba.slice(0, 3).map((n) => n.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * An extension page that reads the action API and storage as the worker would (Playwright keeps a handle on a worker
 * it saw stop and does not report the restarted one, so the tests talk to the extension through a page instead).
 */
let probe: Page;
async function serviceWorker(): Promise<Page> {
  return probe;
}

/** The tab id the extension recorded for a page at `url` (the worker has no tabs permission to query URLs). */
async function tabIdOf(url: string): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const sw = await serviceWorker();
    const id = await sw.evaluate(async (u: string) => {
      const all = await chrome.storage.session.get(null);
      for (const [k, v] of Object.entries(all)) if (k.startsWith('tab:') && (v as { url?: string }).url === u) return Number(k.slice(4));
      return null;
    }, url);
    if (id !== null) return id;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no tab state for ${url}`);
}

interface BadgeSeen {
  text: string;
  color: string;
  title: string;
}

async function badgeOf(tabId: number): Promise<BadgeSeen> {
  const sw = await serviceWorker();
  const [text, rgba, title] = await sw.evaluate(
    async (id: number) =>
      [await chrome.action.getBadgeText({ tabId: id }), await chrome.action.getBadgeBackgroundColor({ tabId: id }), await chrome.action.getTitle({ tabId: id })] as const,
    tabId,
  );
  return { text, color: hex([...rgba]), title };
}

/** The badge once the check is over (not `…`). */
async function settledBadge(tabId: number): Promise<BadgeSeen> {
  let last: BadgeSeen | undefined;
  for (let i = 0; i < 200; i++) {
    last = await badgeOf(tabId);
    if (last.text !== BADGE_STYLE.checking.text && last.text !== '') return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`badge of tab ${tabId} never settled: ${JSON.stringify(last)}`);
}

/** Open a page of `domain` (nginx answers 404 for www.<domain> over HTTP: a committed page all the same). */
async function visit(domain: string, page?: Page): Promise<{ page: Page; tabId: number; url: string }> {
  const p = page ?? (await context.newPage());
  const url = `http://www.${domain}/`;
  await p.goto(url);
  return { page: p, tabId: await tabIdOf(url), url };
}

async function popupFor(tabId: number): Promise<Page> {
  const p = await context.newPage();
  await p.setViewportSize({ width: 484, height: 900 });
  await p.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
  await p.waitForSelector('#verdict, #message.error-text', { timeout: 15_000 });
  return p;
}

const text = (p: Page, sel: string) => p.locator(sel).first().textContent();

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
  if (!existsSync(join(root, 'dist/chrome/manifest.json'))) throw new Error('extension/dist/chrome is missing: run `pnpm run build` first');
  const driven = allCases.filter((c) => c.domain in DRIVEN);
  world = await startWorld({ cases: driven });
  home = mkdtempSync(join(tmpdir(), 'sts-lens-chromium-'));
  // Trust the world's CA in this HOME's NSS db, as a user who installed a private CA would.
  const nssdb = join(home, '.pki', 'nssdb');
  mkdirSync(nssdb, { recursive: true });
  execFileSync('certutil', ['-d', `sql:${nssdb}`, '-N', '--empty-password']);
  execFileSync('certutil', ['-d', `sql:${nssdb}`, '-A', '-t', 'C,,', '-n', 'sts-lens-world', '-i', world.caFile]);
  const ext = join(home, 'extension');
  cpSync(join(root, 'dist/chrome'), ext, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(ext, 'manifest.json'), 'utf8'));
  manifest.host_permissions = [
    ...manifest.host_permissions,
    `${new URL(world.dohUrl).origin}/*`,
    ...driven.filter((c) => c.domain !== NO_ACCESS).map((c) => `https://mta-sts.${c.domain}/*`),
  ];
  writeFileSync(join(ext, 'manifest.json'), JSON.stringify(manifest));
  context = await chromium.launchPersistentContext(join(home, 'profile'), {
    executablePath: CHROMIUM,
    headless: false,
    env: { ...process.env, HOME: home },
    args: [
      '--headless=new',
      `--load-extension=${ext}`,
      `--disable-extensions-except=${ext}`,
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--host-resolver-rules=${world.chromiumHostRules}`,
    ],
  });
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  extensionId = new URL(sw.url()).host;
  probe = await context.newPage();
  await probe.goto(`chrome-extension://${extensionId}/welcome.html`);
  await sw.evaluate((url: string) => chrome.storage.sync.set({ provider: 'custom', customUrl: url }), world.dohUrl);
  mkdirSync(ARTIFACTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await context?.close();
  await world?.stop();
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('badge and popup per world case', () => {
  it.each(Object.entries(DRIVEN))('%s → %s', async (domain, state) => {
    const { page, tabId } = await visit(domain);
    const badge = await settledBadge(tabId);
    expect({ text: badge.text, color: badge.color }).toEqual({ text: BADGE_STYLE[state].text, color: BADGE_STYLE[state].color });
    expect(badge.title.startsWith(`${domain}: `)).toBe(true);
    const c = allCases.find((x) => x.domain === domain)!;
    expect(badge.title).toContain(c.tlsrpt ? 'TLS-RPT: reports to ' : 'TLS-RPT: none');

    const popup = await popupFor(tabId);
    expect(await popup.locator('#verdict').getAttribute('data-verdict')).toBe(state);
    expect(await text(popup, '#domain')).toBe(domain);
    expect(await text(popup, '#derived')).toBe(`registrable domain of this tab’s page (http://www.${domain}/)`);
    const codes = await popup.locator('#problems .code').allTextContents();
    if (PROBLEM[domain]) expect(codes.map((x) => x.replace(/ \(.*\)$/, ''))).toContain(PROBLEM[domain]);
    if (state === 'enforced') expect(await popup.locator('#problems').textContent()).toBe('none found');
    if (domain === 'expired.test') expect(await text(popup, '#policy-status')).toMatch(/^connect: could not connect over HTTPS \(certificate or network\)/);
    if (state === 'unfetched') {
      expect(await text(popup, '#policy-status')).toBe('not fetched (no permission for this host)');
      expect(await popup.locator('#grant').textContent()).toBe(`Allow access to mta-sts.${domain}`);
      expect(badge.title).toContain('the policy was not fetched');
    }
    if (state === 'enforced' || state === 'broken') await popup.screenshot({ path: join(ARTIFACTS, `popup-${domain.replace(/\.test$/, '')}.png`), fullPage: true });
    await popup.close();
    await page.close();
  });
});

describe('popup content', () => {
  it('shows every part of the enforced case, as text', async () => {
    const { page, tabId } = await visit('enforce.test');
    await settledBadge(tabId);
    const popup = await popupFor(tabId);
    expect(await text(popup, '#sts-id')).toBe('20260101000000');
    expect(await text(popup, '#mode')).toBe('enforce');
    expect(await text(popup, '#max-age')).toBe('604800 s (7 days)');
    expect(await text(popup, '#score')).toBe('score 100/100');
    expect(await popup.locator('#mx li').allTextContents()).toEqual(['10 mx1.enforce.test ✓ *.enforce.test', '20 mx.world.test ✓ mx.world.test']);
    expect(await popup.locator('#rua li').allTextContents()).toEqual(['mailto:tls-reports@enforce.test']);
    expect(await text(popup, '#sts-txt')).toBe('v=STSv1; id=20260101000000');
    expect(await text(popup, '#tlsrpt-txt')).toBe('v=TLSRPTv1; rua=mailto:tls-reports@enforce.test');
    expect(await text(popup, '#policy-text')).toBe(await world.policyText('enforce.test.txt'));
    expect(await text(popup, '#policy-status')).toBe('HTTP 200 · text/plain · 82 bytes');
    // Keyboard: Tab reaches the actions and Enter on "Check another domain" checks what was typed.
    await popup.locator('#other-domain').focus();
    await popup.keyboard.type('https://www.testing.test/some/page');
    await popup.keyboard.press('Enter');
    await popup.waitForSelector('#verdict[data-verdict="testing"]');
    expect(await text(popup, '#derived')).toBe('registrable domain of the URL you typed (https://www.testing.test/some/page)');
    // Checking another domain leaves the tab's badge alone.
    expect((await badgeOf(tabId)).text).toBe(BADGE_STYLE.enforced.text);
    await popup.close();
    await page.close();
  });

  it('renders hostile TXT and policy bodies as text; no script runs', async () => {
    const { page, tabId } = await visit('enforce.test');
    await settledBadge(tabId);
    const hostile = '<img src=x onerror="window.__pwned=1;document.title=\'pwned\'"></script><script>window.__pwned=2</script>\u202Egnp.exe';
    const sw = await serviceWorker();
    // The world has no hostile domain; put one into the cache and point a tab at it, as the worker would.
    const fakeTab = 999_999;
    await sw.evaluate(
      async ([h, id]) => {
        const base = (await chrome.storage.session.get('result:enforce.test'))['result:enforce.test'] as StoredCheck;
        const r = base.result;
        const result = {
          ...r,
          domain: 'hostile.test',
          sts: { ...r.sts, records: [{ value: `v=STSv1; id=1${h}`, strings: [h] }] },
          tlsrpt: { ...r.tlsrpt, records: [{ value: `v=TLSRPTv1; rua=mailto:${h}`, strings: [h] }], rua: [`mailto:${h}`] },
          policy: { ...r.policy, text: `version: STSv1\nmode: enforce\nmx: ${h}\n`, mode: h },
          mx: [{ host: h, preference: 10, pattern: h, tlsa: false }],
          diagnostics: [{ code: 'policy/mx-invalid', severity: 'error', message: h, range: { start: 0, end: 1 }, fixes: [{ title: h, edits: [] }], source: 'policy' }],
        };
        const state: TabState = { kind: 'done', nav: 'x', domain: 'hostile.test', url: `https://www.hostile.test/${h}`, checkedAt: Date.now() };
        await chrome.storage.session.set({ 'result:hostile.test': { ...base, domain: 'hostile.test', result }, [`tab:${id}`]: state });
      },
      [hostile, fakeTab] as const,
    );
    const popup = await popupFor(fakeTab);
    expect(await text(popup, '#sts-txt')).toBe(`v=STSv1; id=1${hostile}`);
    expect(await text(popup, '#policy-text')).toBe(`version: STSv1\nmode: enforce\nmx: ${hostile}\n`);
    expect(await text(popup, '#mode')).toBe(hostile);
    expect(await popup.locator('#problems .message').textContent()).toBe(hostile);
    expect(await popup.locator('#rua li').allTextContents()).toEqual([`mailto:${hostile}`]);
    expect(await popup.locator('img, script:not([src])').count()).toBe(0);
    await popup.waitForTimeout(200); // an onerror would have fired by now
    expect(await popup.evaluate(() => (window as { __pwned?: number }).__pwned ?? null)).toBe(null);
    expect(await popup.title()).toBe('STS Lens');
    await popup.close();
    await page.close();
  });
});

describe('per-tab badges', () => {
  it('two tabs on different domains each keep their own badge', async () => {
    const a = await visit('enforce.test');
    const b = await visit('several.test');
    expect((await settledBadge(a.tabId)).text).toBe(BADGE_STYLE.enforced.text);
    expect((await settledBadge(b.tabId)).text).toBe(BADGE_STYLE.broken.text);
    await a.page.bringToFront();
    expect((await badgeOf(b.tabId)).text).toBe(BADGE_STYLE.broken.text);
    expect((await badgeOf(a.tabId)).text).toBe(BADGE_STYLE.enforced.text);
    await a.page.close();
    await b.page.close();
  });

  it('a tab navigated from one domain to another shows the second, also after going back', async () => {
    const first = await visit('testing.test');
    expect((await settledBadge(first.tabId)).text).toBe(BADGE_STYLE.testing.text);
    const second = await visit('absent.test', first.page);
    expect(second.tabId).toBe(first.tabId);
    const badge = await settledBadge(first.tabId);
    expect(badge.text).toBe(BADGE_STYLE.absent.text);
    expect(badge.title.startsWith('absent.test: ')).toBe(true);
    // Back: the badge must be testing.test's again, never absent.test's.
    await first.page.goBack();
    await expect.poll(async () => (await badgeOf(first.tabId)).title.split(':')[0], { timeout: 10_000 }).toBe('testing.test');
    expect((await settledBadge(first.tabId)).text).toBe(BADGE_STYLE.testing.text);
    await first.page.close();
  });

  it('quick successive navigations end on the last page’s result', async () => {
    const page = await context.newPage();
    // Do not wait for the first checks: the last navigation must win whatever order the checks finish in.
    for (const d of ['uncovered.test', 'none.test', 'redirect.test']) await page.goto(`http://www.${d}/`);
    const tabId = await tabIdOf('http://www.redirect.test/');
    const badge = await settledBadge(tabId);
    expect(badge.title.startsWith('redirect.test: ')).toBe(true);
    expect(badge.text).toBe(BADGE_STYLE.broken.text);
    await page.close();
  });

  it('the worker stopped and restarted between checks: badges and cache survive, the next check is right', async () => {
    const a = await visit('enforce.test');
    expect((await settledBadge(a.tabId)).text).toBe(BADGE_STYLE.enforced.text);
    const extPage = await context.newPage();
    await extPage.goto(`chrome-extension://${extensionId}/options.html`);
    const cdp = await context.newCDPSession(extPage);
    // Close the worker's target, as Chrome does to an idle worker: its memory (in-flight maps, queues) is gone.
    const { targetInfos } = await cdp.send('Target.getTargets');
    const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
    expect(target).toBeDefined();
    await cdp.send('Target.closeTarget', { targetId: target!.targetId });
    await expect.poll(async () => (await cdp.send('Target.getTargets')).targetInfos.some((t) => t.targetId === target!.targetId)).toBe(false);
    // A navigation wakes the worker; the new instance checks with state read back from storage.session.
    const b = await visit('none.test');
    expect((await settledBadge(b.tabId)).text).toBe(BADGE_STYLE.none.text);
    const after = (await cdp.send('Target.getTargets')).targetInfos.filter((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
    expect(after.length).toBe(1);
    expect((await badgeOf(a.tabId)).text).toBe(BADGE_STYLE.enforced.text);
    const popup = await popupFor(a.tabId);
    expect(await popup.locator('#verdict').getAttribute('data-verdict')).toBe('enforced');
    await popup.close();
    await cdp.detach();
    await extPage.close();
    await a.page.close();
    await b.page.close();
  });
});
