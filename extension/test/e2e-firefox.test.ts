// End to end in Firefox: the built Firefox extension (dist/firefox) installed as a temporary add-on into Debian's
// Firefox ESR, driven offline over WebDriver BiDi (puppeteer-core, no browser download), against the same test world
// and the same expectations (test/cases.ts) as the Chromium suite. Run once per Firefox found: the installed ESR and,
// when setup.sh unpacked it, the oldest ESR Debian offers (the floor `strict_min_version` claims).
//
// Offline and loopback only: the profile's prefs turn off updates, telemetry, captive-portal and safe-browsing traffic,
// and send every web request through a proxy on loopback (test/web-proxy.ts) that joins the world's `.test` names to
// nginx and refuses every other name; the DoH servers on 127.0.0.1 are reached directly. The world's CA is trusted in
// the profile's own NSS db (certutil). Host access is granted as in the Chromium suite: a copy of the manifest lists
// the DoH origin and every case's mta-sts host; a second copy (its own gecko id) has the DoH origin only. Firefox lets
// no automation navigate a tab to a moz-extension: URL, so extension pages are opened by the extension itself
// (`tabs.create` from its welcome page) and found by their location.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases as allCases } from '../../cli/world/cases.mjs';
import { startWorld, type World } from '../../cli/world/world.mjs';
import { BADGE_STYLE } from '../src/badge.ts';
import type { StoredCheck, TabState } from '../src/state.ts';
import { DNS_ONLY, EXPECT, PROVIDERS_DOWN, expectCase, expectDnsOnly, expectEnforcedPopup, expectProviderDown, type BadgeSeen, type PopupReader } from './cases.ts';
import { startDohProxy, type DohProxy } from './doh-proxy.ts';
import { keyboardFlow, lowContrast, type DrivenPage, type KeyboardPage } from './ui-checks.ts';
import { startWebProxy, type WebProxy } from './web-proxy.ts';
import { firefoxes } from './firefoxes.ts';

const root = resolve(import.meta.dirname, '..');
const ARTIFACTS = join(root, 'artifacts');
const GECKO_ID = 'sts-lens@sts-lens.dev';
const DNS_ONLY_ID = 'sts-lens-dns-only@sts-lens.dev';
/** Fixed extension UUIDs (pref extensions.webextensions.uuids), so the tests know each copy's moz-extension: origin. */
const UUID = { full: '5b3c1d2e-7f4a-4b6c-9d8e-1a2b3c4d5e6f', dnsOnly: '6c4d2e3f-8a5b-4c7d-8e9f-2b3c4d5e6f70' } as const;

// The extension APIs as the tests call them inside extension pages (they run in the browser, not here).
declare const browser: {
  storage: { session: Area; sync: Area };
  tabs: { create(p: { url: string; active?: boolean }): Promise<{ id: number }> };
  action: {
    getBadgeText(d: { tabId: number }): Promise<string>;
    getBadgeBackgroundColor(d: { tabId: number }): Promise<number[]>;
    getTitle(d: { tabId: number }): Promise<string>;
  };
};
interface Area {
  get(keys: string | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const hex = (rgba: number[]) => `#${rgba.slice(0, 3).map((n) => n.toString(16).padStart(2, '0')).join('')}`;

/** The profile prefs that keep Firefox off the network and send web names to the world. */
function offlinePrefs(proxyPort: number): Record<string, unknown> {
  return {
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': false,
    'network.trr.mode': 5,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'app.update.enabled': false,
    'app.update.auto': false,
    'extensions.update.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID.full, [DNS_ONLY_ID]: UUID.dnsOnly }),
    'datareporting.policy.dataSubmissionEnabled': false,
    'datareporting.healthreport.uploadEnabled': false,
    'toolkit.telemetry.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'browser.safebrowsing.provider.mozilla.updateURL': '',
    'services.settings.server': 'https://127.0.0.1:9/v1',
    'browser.region.network.url': '',
    'browser.search.geoip.url': '',
    'media.gmp-manager.url': '',
    'browser.newtabpage.enabled': false,
    'browser.startup.homepage': 'about:blank',
  };
}

describe.each(firefoxes())('Firefox $version', ({ path: firefox, version }) => {
  let world: World;
  let proxy: DohProxy;
  let web: WebProxy;
  let home: string;
  let ff: Browser;
  /** A page of each copy, to read its badges and storage through. */
  let probe: Page;
  let dnsOnlyProbe: Page;
  /** Opened before the extension was installed, and right after. */
  let before: { page: Page; url: string };
  let rightAfter: { page: Page; url: string };

  /** The page (tab) whose location starts with `prefix`, once there is one. */
  async function pageAt(prefix: string, timeoutMs = 15_000): Promise<Page> {
    for (const end = Date.now() + timeoutMs; Date.now() < end; ) {
      for (const p of await ff.pages()) {
        const href = await p.evaluate(() => location.href).catch(() => '');
        if (href.startsWith(prefix)) return p;
      }
      await sleep(100);
    }
    throw new Error(`no page at ${prefix}`);
  }

  /** Open an extension page of the copy `uuid` in a new tab (the extension opens it; automation may not). */
  async function openExtensionPage(path: string, uuid: string = UUID.full): Promise<Page> {
    const via = uuid === UUID.full ? probe : dnsOnlyProbe;
    await via.evaluate((u: string) => browser.tabs.create({ url: u, active: true }).then(() => undefined), path);
    return pageAt(`moz-extension://${uuid}/${path}`);
  }

  async function tabIdOf(url: string, via: Page = probe): Promise<number> {
    for (let i = 0; i < 300; i++) {
      const id = await via.evaluate(async (u: string) => {
        const all = await browser.storage.session.get(null);
        for (const [k, v] of Object.entries(all)) if (k.startsWith('tab:') && (v as { url?: string }).url === u) return Number(k.slice(4));
        return null;
      }, url);
      if (id !== null) return id;
      await sleep(50);
    }
    throw new Error(`no tab state for ${url}`);
  }

  async function badgeOf(tabId: number, via: Page = probe): Promise<BadgeSeen> {
    const [text, rgba, title] = await via.evaluate(
      async (id: number) =>
        [await browser.action.getBadgeText({ tabId: id }), await browser.action.getBadgeBackgroundColor({ tabId: id }), await browser.action.getTitle({ tabId: id })] as const,
      tabId,
    );
    return { text, color: hex([...rgba]), title };
  }

  async function settledBadge(tabId: number, timeoutMs = 20_000, via: Page = probe): Promise<BadgeSeen> {
    let last: BadgeSeen | undefined;
    for (const end = Date.now() + timeoutMs; Date.now() < end; ) {
      last = await badgeOf(tabId, via);
      if (last.text !== BADGE_STYLE.checking.text && last.text !== '') return last;
      await sleep(50);
    }
    throw new Error(`badge of tab ${tabId} never settled: ${JSON.stringify(last)}`);
  }

  let visits = 0;
  async function visit(domain: string, page?: Page): Promise<{ page: Page; tabId: number; url: string }> {
    const p = page ?? (await ff.newPage());
    const url = `http://www.${domain}/?visit=${++visits}`;
    await p.goto(url);
    return { page: p, tabId: await tabIdOf(url), url };
  }

  /** The popup for a tab, once it shows a result or an error. */
  async function popupFor(tabId: number, uuid: string = UUID.full, ready = '#verdict, #message.error-text'): Promise<Page> {
    const p = await openExtensionPage(`popup.html?tab=${tabId}`, uuid);
    await p.waitForSelector(ready, { timeout: 20_000 });
    return p;
  }

  const text = (p: Page, sel: string) => p.$eval(sel, (e) => e.textContent);
  const texts = (p: Page, sel: string) => p.$$eval(sel, (es) => es.map((e) => e.textContent ?? ''));
  const driven = (p: Page) => p as unknown as DrivenPage;
  const reader = (p: Page): PopupReader => ({
    attr: (sel, name) => p.$eval(sel, (e, n) => e.getAttribute(n), name).catch(() => null),
    text: (sel) => text(p, sel),
    texts: (sel) => texts(p, sel),
  });

  async function setProvider(via: Page, url: string): Promise<void> {
    await via.evaluate((u: string) => browser.storage.sync.set({ provider: 'custom', customUrl: u }), url);
  }

  /** Firefox on `profile`, offline, its pages in the colour scheme `scheme` (BiDi cannot emulate media features). */
  function launch(profile: string, scheme: 'light' | 'dark'): Promise<Browser> {
    return puppeteer.launch({
      browser: 'firefox',
      executablePath: firefox,
      protocol: 'webDriverBiDi',
      headless: true,
      userDataDir: profile,
      env: { ...process.env, HOME: home, MOZ_CRASHREPORTER_DISABLE: '1' },
      extraPrefsFirefox: { ...offlinePrefs(web.port), 'layout.css.prefers-color-scheme.content-override': scheme === 'dark' ? 0 : 1 },
    });
  }

  beforeAll(async () => {
    if (!existsSync(join(root, 'dist/firefox/manifest.json'))) throw new Error('extension/dist/firefox is missing: run `pnpm run build` first');
    world = await startWorld();
    proxy = await startDohProxy(world.dohUrl, world.dir);
    web = await startWebProxy(world.httpsPort, world.httpPort);
    home = mkdtempSync(join(tmpdir(), 'sts-lens-firefox-'));
    const profile = join(home, 'profile');
    mkdirSync(profile, { recursive: true });
    // Trust the world's CA in this profile's NSS db, as a user who imported a private CA would.
    execFileSync('certutil', ['-d', `sql:${profile}`, '-N', '--empty-password']);
    execFileSync('certutil', ['-d', `sql:${profile}`, '-A', '-t', 'C,,', '-n', 'sts-lens-world', '-i', world.caFile]);
    const copy = (dir: string, id: string, name: string, hosts: string[]) => {
      cpSync(join(root, 'dist/firefox'), dir, { recursive: true });
      const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
      m.name = name;
      m.browser_specific_settings.gecko.id = id;
      // A match pattern carries no port in Firefox: `https://127.0.0.1/*` covers the DoH servers on any port.
      m.host_permissions = [...m.host_permissions, 'https://127.0.0.1/*', ...hosts];
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
      return dir;
    };
    const ext = copy(join(home, 'extension'), GECKO_ID, 'STS Lens', allCases.map((c) => `https://mta-sts.${c.domain}/*`));
    const dnsOnly = copy(join(home, 'extension-dns-only'), DNS_ONLY_ID, 'STS Lens (DNS only)', []);

    ff = await launch(profile, 'light');
    // A tab showing a page before the extension exists: it must show "click to check", not nothing.
    const first = (await ff.pages())[0] ?? (await ff.newPage());
    before = { page: first, url: 'http://www.enforce.test/?open-before-install' };
    await first.goto(before.url);
    await ff.installExtension(ext);
    // A navigation right after install: its commit may come before the extension listens; it must get its badge.
    rightAfter = { page: await ff.newPage(), url: 'http://www.testing.test/?right-after-install' };
    await rightAfter.page.goto(rightAfter.url);
    await ff.installExtension(dnsOnly);
    probe = await pageAt(`moz-extension://${UUID.full}/welcome.html`);
    dnsOnlyProbe = await pageAt(`moz-extension://${UUID.dnsOnly}/welcome.html`);
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 90_000);

  afterAll(async () => {
    await ff?.close();
    await web?.close();
    await proxy?.close();
    await world?.stop();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  describe('install', () => {
    it('the tab open before the install shows "click to check"', async () => {
      const tabId = await tabIdOf(before.url);
      await expect.poll(async () => (await badgeOf(tabId)).title, { timeout: 10_000 }).toBe('STS Lens: click to check enforce.test');
      expect((await badgeOf(tabId)).text).toBe('');
    });

    it('a page opened right after the install gets a badge; with the default provider unreachable it is ERR, never a verdict', async () => {
      // The default provider (Cloudflare) is not reachable from this offline profile: the honest answer is ERR.
      const tabId = await tabIdOf(rightAfter.url);
      const badge = await settledBadge(tabId);
      expect({ text: badge.text, color: badge.color }).toEqual({ text: BADGE_STYLE.error.text, color: BADGE_STYLE.error.color });
      expect(badge.title).toMatch(
        /^STS Lens: could not check testing\.test: the DNS-over-HTTPS provider cloudflare-dns\.com did not answer \(.+\); Re-check once it is reachable, or choose another provider in the options$/,
      );
      // With the world's provider chosen, the popup's Re-check gives the verdict.
      await setProvider(probe, proxy.url);
      await setProvider(dnsOnlyProbe, world.dohUrl);
      const popup = await popupFor(tabId);
      expect(await text(popup, '#message')).toMatch(/^Could not check testing\.test: the DNS-over-HTTPS provider cloudflare-dns\.com did not answer/);
      await popup.click('#recheck');
      await popup.waitForSelector('#verdict[data-verdict="testing"]', { timeout: 20_000 });
      expect((await settledBadge(tabId)).text).toBe(BADGE_STYLE.testing.text);
      await popup.close();
    });
  });

  describe('options page, through its UI', () => {
    async function openOptions(): Promise<Page> {
      const p = await openExtensionPage('options.html');
      await p.waitForSelector('input[name="provider"]:checked');
      return p;
    }
    async function save(options: Page): Promise<void> {
      // Input goes to the selected tab only: a visit since may have selected another.
      await options.bringToFront();
      await options.click('button[type="submit"]');
      await expect.poll(() => text(options, '#saved')).toBe('Saved.');
    }
    const sync = () => probe.evaluate(() => browser.storage.sync.get(null));
    async function clear(p: Page, sel: string): Promise<void> {
      await p.$eval(sel, (e) => ((e as HTMLInputElement).value = ''));
    }

    it('chooses a provider; refuses an invalid custom DoH URL; saves a valid one', async () => {
      const options = await openOptions();
      expect(await options.$eval('#custom-url', (e) => (e as HTMLInputElement).value)).toBe(proxy.url);
      await options.click('input[name="provider"][value="google"]');
      await save(options);
      expect(await sync()).toMatchObject({ provider: 'google', customUrl: proxy.url });
      await options.click('input[name="provider"][value="custom"]');
      await clear(options, '#custom-url');
      await options.type('#custom-url', 'http://127.0.0.1/dns-query');
      await options.click('button[type="submit"]');
      expect(await text(options, '#custom-error')).toBe('the DoH endpoint must be an https:// URL (lookups must not travel in clear text)');
      expect(await text(options, '#saved')).toBe('');
      expect(await options.evaluate(() => document.activeElement?.id)).toBe('custom-url');
      await clear(options, '#custom-url');
      await options.type('#custom-url', proxy.url);
      await save(options);
      expect(await sync()).toMatchObject({ provider: 'custom', customUrl: proxy.url });
      await options.close();
    });

    it('"only when I click": a navigation stays unchecked until the popup asks', async () => {
      const options = await openOptions();
      await options.click('input[name="checkOn"][value="click"]');
      await save(options);
      const { page, tabId } = await visit('dane.test');
      await expect.poll(async () => (await badgeOf(tabId)).title, { timeout: 10_000 }).toBe('STS Lens: click to check dane.test');
      expect(proxy.count('dane.test')).toBe(0);
      const popup = await popupFor(tabId);
      expect(await popup.$eval('#verdict', (e) => e.getAttribute('data-verdict'))).toBe('enforced');
      expect((await settledBadge(tabId)).text).toBe(BADGE_STYLE.enforced.text);
      expect(proxy.count('dane.test')).toBeGreaterThan(0);
      await popup.close();
      await page.close();
      await options.click('input[name="checkOn"][value="navigation"]');
      await save(options);
      await options.close();
    });

    it('an excluded site gets no check', async () => {
      const options = await openOptions();
      await clear(options, '#exclusions');
      await options.type('#exclusions', 'Stale.test\n');
      await save(options);
      expect(await sync()).toMatchObject({ exclusions: ['stale.test'] });
      const { page, tabId } = await visit('stale.test');
      const title = 'STS Lens: stale.test is excluded in the options';
      await expect.poll(async () => (await badgeOf(tabId)).title, { timeout: 10_000 }).toBe(title);
      expect(await badgeOf(tabId)).toEqual({ text: '', color: BADGE_STYLE.none.color, title });
      expect(proxy.count('stale.test')).toBe(0);
      await page.close();
      await clear(options, '#exclusions');
      await save(options);
      expect(await sync()).toMatchObject({ exclusions: [] });
      await options.close();
    });
  });

  describe('badge and popup per world case (the Chromium suite’s table)', () => {
    const opened = new Map<string, { page: Page; tabId: number; url: string }>();
    beforeAll(async () => {
      for (const [d, v] of await Promise.all(Object.keys(EXPECT).map(async (d) => [d, await visit(d)] as const))) opened.set(d, v);
    }, 90_000);
    afterAll(async () => {
      for (const { page } of opened.values()) await page.close();
    });

    it.each(Object.keys(EXPECT))('%s', async (domain) => {
      const { tabId, url } = opened.get(domain)!;
      const badge = await settledBadge(tabId, 30_000);
      const popup = await popupFor(tabId);
      await expectCase(domain, url, badge, reader(popup));
      await popup.close();
    });
  });

  describe('popup', () => {
    it('shows every part of the enforced case', async () => {
      const { page, tabId } = await visit('enforce.test');
      await settledBadge(tabId);
      const popup = await popupFor(tabId);
      await expectEnforcedPopup(reader(popup), await world.policyText('enforce.test.txt'));
      await (await popup.$('body'))!.screenshot({ path: join(ARTIFACTS, `firefox-${version}-popup-enforce.png`) });
      await popup.close();
      await page.close();
    });

    it('shows a broken case’s problem and its fix', async () => {
      const { page, tabId } = await visit('uncovered.test');
      await settledBadge(tabId);
      const popup = await popupFor(tabId);
      expect(await popup.$eval('#verdict', (e) => e.getAttribute('data-verdict'))).toBe('broken');
      expect(await texts(popup, '#mx li .uncovered')).toEqual(['✗ not covered']);
      expect(await texts(popup, '#problems .code')).toEqual(['check/mx-not-covered (dns)']);
      await (await popup.$('body'))!.screenshot({ path: join(ARTIFACTS, `firefox-${version}-popup-uncovered.png`) });
      await popup.close();
      await page.close();
    });

    it('is usable by keyboard alone: tab order, a visible focus ring, Enter and Space', async () => {
      const { page, tabId } = await visit('enforce.test');
      await settledBadge(tabId);
      const popup = await popupFor(tabId);
      await keyboardFlow(popup as unknown as KeyboardPage, (sel) => text(popup, sel));
      await popup.close();
      await page.close();
    });
  });

  describe('without access to the policy host (the DNS-only copy)', () => {
    it.each(Object.keys(DNS_ONLY))('%s', async (domain) => {
      const { page, tabId } = await visit(domain);
      const badge = await settledBadge(tabId, 20_000, dnsOnlyProbe);
      // The copy with access shows the same tab with its fetched policy.
      expect((await settledBadge(tabId)).text).toBe(BADGE_STYLE[EXPECT[domain]!.state].text);
      const popup = await popupFor(tabId, UUID.dnsOnly);
      await expectDnsOnly(domain, badge, reader(popup));
      await popup.close();
      await page.close();
    });
  });

  describe('an unreachable or untrusted DoH provider', () => {
    it.each(PROVIDERS_DOWN)('%s: ERR with a re-check, for a domain with and one without MTA-STS; never a verdict', async (_what, endpoint) => {
      const url = () => endpoint(world.httpsPort);
      await setProvider(probe, url());
      try {
        for (const domain of ['enforce.test', 'absent.test']) {
          const { page, tabId } = await visit(domain);
          const badge = await settledBadge(tabId);
          const popup = await popupFor(tabId);
          await expectProviderDown(domain, url(), badge, { ...reader(popup), recheckEnabled: () => popup.$eval('#recheck', (e) => !(e as HTMLButtonElement).disabled) });
          await popup.close();
          await page.close();
        }
      } finally {
        await setProvider(probe, proxy.url);
      }
    });
  });

  describe('themes', () => {
    /** Measure the popup showing `stored` and the options page of the copy in `via`'s browser, in its scheme. */
    async function measure(via: Browser, probePage: Page, stored: StoredCheck, scheme: 'light' | 'dark'): Promise<void> {
      const fakeTab = 888_888;
      await probePage.evaluate(
        async ([s, id]) => {
          const state: TabState = { kind: 'done', nav: 'theme', domain: s.domain, url: `http://www.${s.domain}/`, checkedAt: Date.now() };
          await browser.storage.session.set({ [`result:${s.domain}`]: s, [`tab:${id}`]: state });
        },
        [stored, fakeTab] as const,
      );
      const open = async (path: string) => {
        await probePage.evaluate((u: string) => browser.tabs.create({ url: u, active: true }).then(() => undefined), path);
        for (let i = 0; i < 150; i++) {
          for (const p of await via.pages()) if ((await p.evaluate(() => location.href).catch(() => '')).endsWith(path)) return p;
          await sleep(100);
        }
        throw new Error(`no page ${path}`);
      };
      for (const path of [`popup.html?tab=${fakeTab}`, 'options.html']) {
        const p = await open(path);
        await p.waitForSelector(path.startsWith('popup') ? '#verdict' : 'input[name="provider"]:checked', { timeout: 15_000 });
        expect(await p.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark');
        const { measured, low } = await lowContrast(driven(p));
        expect(measured).toBeGreaterThan(10);
        expect({ path, low }).toEqual({ path, low: [] });
        if (path.startsWith('popup')) await (await p.$('body'))!.screenshot({ path: join(ARTIFACTS, `firefox-${version}-popup-${stored.domain.replace(/\.test$/, '')}-${scheme}.png`) });
        await p.close();
      }
    }
    const resultOf = async (domain: string) => {
      const { page, tabId } = await visit(domain);
      await settledBadge(tabId);
      await page.close();
      return probe.evaluate(async (d: string) => (await browser.storage.session.get(`result:${d}`))[`result:${d}`] as StoredCheck, domain);
    };

    it('light: every text of the popup (broken and enforced) and the options page has contrast ≥ 4.5:1', async () => {
      for (const d of ['uncovered.test', 'enforce.test']) await measure(ff, probe, await resultOf(d), 'light');
    });

    it('dark (a second Firefox, its profile set to dark): the same texts, contrast ≥ 4.5:1', async () => {
      const profile = join(home, 'profile-dark');
      mkdirSync(profile, { recursive: true });
      const dark = await launch(profile, 'dark');
      try {
        await dark.installExtension(join(home, 'extension'));
        let darkProbe: Page | undefined;
        for (let i = 0; i < 150 && !darkProbe; i++) {
          for (const p of await dark.pages()) if ((await p.evaluate(() => location.href).catch(() => '')).includes('/welcome.html')) darkProbe = p;
          if (!darkProbe) await sleep(100);
        }
        for (const d of ['uncovered.test', 'enforce.test']) await measure(dark, darkProbe!, await resultOf(d), 'dark');
      } finally {
        await dark.close();
      }
    }, 60_000);
  });

  it('writes no hostile text as HTML (the popup of a result holding markup)', async () => {
    const { page, tabId } = await visit('enforce.test');
    await settledBadge(tabId);
    const hostile = '<img src=x onerror="window.__pwned=1">\u202Egnp.exe';
    const fakeTab = 999_999;
    await probe.evaluate(
      async ([h, id]) => {
        const base = (await browser.storage.session.get('result:enforce.test'))['result:enforce.test'] as StoredCheck;
        const result = { ...base.result, domain: 'hostile.test', policy: { ...base.result.policy, mode: h } };
        const state: TabState = { kind: 'done', nav: 'x', domain: 'hostile.test', url: `https://www.hostile.test/${h}`, checkedAt: Date.now() };
        await browser.storage.session.set({ 'result:hostile.test': { ...base, domain: 'hostile.test', result }, [`tab:${id}`]: state });
      },
      [hostile, fakeTab] as const,
    );
    const popup = await popupFor(fakeTab);
    expect(await text(popup, '#mode')).toBe(hostile);
    expect(await popup.$$eval('img', (es) => es.length)).toBe(0);
    await sleep(200);
    expect(await popup.evaluate(() => (window as { __pwned?: number }).__pwned ?? null)).toBe(null);
    await popup.close();
    await page.close();
  });
});
