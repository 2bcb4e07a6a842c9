// The built .vsix in the real VS Code workbench (code-server 4.100.3 = VS Code 1.100.3, see test/workbench.ts), used
// as a user uses it, with keyboard and mouse, in the system Chromium. One workbench for the whole file; the steps run
// in order on one workspace (a copy of test/workbench/), each waiting for what the user would wait for.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cases as allCases } from '../../cli/world/cases.mjs';
import { startWorld, type World } from '../../cli/world/world.mjs';
import { pkgDir, startWorkbench, type Workbench } from './workbench.ts';

/** db.example.net's problems, errors first as the Problems panel sorts them. */
const DB_EXAMPLE_NET = ['zone/txt-cut-at-semicolon [Ln 8, Col 17]', 'zone/sts-without-policy-host [Ln 8, Col 1]', 'zone/sts-without-tlsrpt [Ln 8, Col 1]'];
const ARTIFACTS = join(pkgDir, 'artifacts');
// The README's screenshots: `STS_LENS_SCREENSHOTS=1 pnpm exec vitest run vscode-client/test/workbench.e2e.test.ts`
// writes them into docs/; otherwise they land in artifacts/ beside the failure screenshots.
const SHOTS = process.env.STS_LENS_SCREENSHOTS ? resolve(pkgDir, '..', 'docs') : ARTIFACTS;
const WAIT = { timeout: 20_000 };

let dir: string;
let folder: string;
let world: World;
let wb: Workbench;
let page: Page;
let baseSettings: Record<string, unknown>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sts-lens-workbench-'));
  folder = join(dir, 'workspace');
  cpSync(join(import.meta.dirname, 'workbench'), folder, { recursive: true });
  world = (await startWorld({ cases: allCases.filter((c: { domain: string }) => c.domain === 'enforce.test') })) as World;
  baseSettings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'telemetry.telemetryLevel': 'off',
    'editor.hover.delay': 200,
    'editor.minimap.enabled': false,
    'stsLens.check.resolver': world.dnsServer,
    'stsLens.check.caFile': world.caFile,
    'stsLens.check.httpsPort': world.httpsPort,
    'stsLens.check.httpPort': world.httpPort,
    'stsLens.check.smtpPort': world.smtpPort,
    'stsLens.check.timeoutSeconds': 5,
  };
  wb = await startWorkbench(dir, folder, baseSettings);
  page = wb.page;
}, 240_000);

// A failed step leaves a screenshot of the workbench as it stood in vscode-client/artifacts/.
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page) await page.screenshot({ path: join(ARTIFACTS, `${ctx.task.name.replace(/[^a-z0-9]+/gi, '-')}.png`) }).catch(() => undefined);
});

afterAll(async () => {
  await wb?.stop();
  await world?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// ---- what the user sees --------------------------------------------------------------------------------------------

const problemsPanel = () => page.locator('.markers-panel');
/** The Problems rows as `code @ Ln L, Col C`, file by file (the file rows as `file:` + name), in the panel's order. */
async function problemRows(): Promise<string[]> {
  return page.locator('.markers-panel .monaco-list-row').evaluateAll((rows) =>
    rows.map((r) => {
      const code = r.querySelector('.marker-code')?.textContent;
      if (code) return `${code} ${r.querySelector('.marker-line')?.textContent ?? ''}`.trim();
      return `file:${r.querySelector('.label-name')?.textContent ?? ''}`;
    }),
  );
}
const expectProblems = (rows: string[]) => expect.poll(problemRows, WAIT).toEqual(rows);
/** The rows of one file in the Problems panel (none when the file has no problems). */
async function problemsOf(file: string): Promise<string[]> {
  const rows = await problemRows();
  const at = rows.indexOf(`file:${file}`);
  if (at < 0) return [];
  const next = rows.findIndex((r, i) => i > at && r.startsWith('file:'));
  return rows.slice(at + 1, next < 0 ? undefined : next);
}
const expectProblemsOf = (file: string, rows: string[]) => expect.poll(() => problemsOf(file), WAIT).toEqual(rows);
const expectCount = (l: Locator, n: number) => expect.poll(() => l.count(), WAIT).toBe(n);
const expectText = (l: Locator, text: RegExp | string) =>
  expect.poll(async () => ((await l.count()) ? ((await l.first().textContent()) ?? '').replace(/\u00a0/g, ' ') : ''), WAIT)[typeof text === 'string' ? 'toBe' : 'toMatch'](text as never);

const editor = () => page.locator('.editor-group-container.active .monaco-editor').first();
const squiggles = (kind: 'error' | 'warning' | 'info') => editor().locator(`.view-overlays .squiggly-${kind}`);
const statusItem = () => page.locator('[id="sts-lens.sts-lens.stsLens.status"]');
const languageItem = () => page.locator('[id="status.editor.mode"]');
const notifications = () => page.locator('.notifications-toasts .notification-list-item-message');

/** The text of the active editor's model, as the editor holds it (unsaved edits included). */
async function editorText(): Promise<string> {
  // Monaco draws only what is visible; the files here are short, so the visible lines are the whole file.
  return editor()
    .locator('.view-lines')
    .evaluate((el) =>
      [...el.querySelectorAll('.view-line')]
        .sort((a, b) => parseFloat((a as unknown as { style: { top: string } }).style.top) - parseFloat((b as unknown as { style: { top: string } }).style.top))
        .map((l) => l.textContent!.replace(/\u00a0/g, ' '))
        .join('\n'),
    );
}

async function command(name: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor(WAIT);
  await input.fill(`>${name}`);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor(WAIT);
  await page.keyboard.press('Enter');
}

/** Open a workspace file with Quick Open (Ctrl+P), as a user would, and wait for its editor. */
async function open(path: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor(WAIT);
  await input.fill(path);
  const name = path.split('/').at(-1)!;
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: name }).waitFor(WAIT);
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: name }).waitFor(WAIT);
  await editor().locator('.view-lines').waitFor(WAIT);
  await editor().click({ position: { x: 200, y: 5 } });
}

/** Put the cursor at 1-based line:column with Go to Line (Ctrl+G). */
async function goTo(line: number, column: number): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor(WAIT);
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', ...WAIT });
  // The status bar counts columns visually (a tab is several); Go to Line counts characters.
  await expect.poll(() => page.locator('[id="status.editor.selection"]').textContent(), WAIT).toContain(`Ln ${line}, Col `);
}

/**
 * Wait for `target` after `act`, up to 2 s at a time; until the step's cap, `retry` and act again. A user does the
 * same when the workbench has not shown what it should yet.
 */
async function shownAfter(target: Locator, act: () => Promise<void>, retry: () => Promise<void>): Promise<void> {
  const until = Date.now() + WAIT.timeout;
  for (;;) {
    await act();
    try {
      await target.waitFor({ timeout: 2000 });
      return;
    } catch (e) {
      if (Date.now() > until) throw e;
      await retry();
    }
  }
}

/**
 * Open the code-action menu at the cursor with Ctrl+. . Right after an edit the server may still be linting the new
 * version (VS Code then says "No code actions available"): press again until the menu has entries.
 */
async function quickFixMenu(): Promise<Locator> {
  const menu = page.locator('.action-widget');
  await shownAfter(menu.locator('.monaco-list-row.action').first(), () => page.keyboard.press('Control+.'), () => page.keyboard.press('Escape'));
  return menu;
}
/**
 * The lightbulb at the cursor. VS Code asks for code actions on a cursor move; now and then (the second of two runs
 * here, and in CI) the bulb stayed hidden for 20 s after Go to Line although the server has the fix at that position:
 * move the cursor off and back until the bulb shows.
 */
async function lightBulb(): Promise<Locator> {
  const bulb = editor().locator('.lightBulbWidget');
  await shownAfter(bulb, async () => undefined, async () => {
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');
  });
  return bulb;
}
const menuTitles = (menu: Locator) => menu.locator('.monaco-list-row.action').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
/** Choose an entry of the open Ctrl+. menu with the arrow keys and Enter (the first entry has the focus). */
async function chooseAction(menu: Locator, title: string): Promise<void> {
  const titles = await menuTitles(menu);
  const at = titles.indexOf(title);
  expect(at, `"${title}" in ${JSON.stringify(titles)}`).toBeGreaterThanOrEqual(0);
  const focused = await menu.locator('.monaco-list-row.action').evaluateAll((rows) => rows.findIndex((r) => r.classList.contains('focused')));
  for (let i = Math.max(0, focused); i < at; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await menu.waitFor({ state: 'hidden', ...WAIT });
}

/** Move the mouse onto the middle of an element (Monaco's own layers take the pointer events, not the element). */
async function pointAt(l: Locator): Promise<void> {
  const box = (await l.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
}

/** Hover the first token of the active editor with exactly this text, with the mouse; the hover's text. */
async function hoverToken(text: string, nth = 0): Promise<string> {
  const token = editor().locator('.view-lines .view-line span span', { hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).nth(nth);
  await page.mouse.move(0, 0);
  await expectCount(page.locator('.monaco-hover:not(.hidden) .monaco-hover-content'), 0);
  await pointAt(token);
  const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').last();
  await hover.waitFor(WAIT);
  return (await hover.textContent()) ?? '';
}

/** Open the suggestions at the cursor (Ctrl+Space); their labels. */
async function suggestions(): Promise<string[]> {
  await page.keyboard.press('Control+Space');
  const rows = page.locator('.suggest-widget.visible .monaco-list-row .label-name');
  await rows.first().waitFor(WAIT);
  return rows.allTextContents();
}

/** Rewrite the user's settings.json in its editor (Preferences: Open User Settings (JSON)), save and close it. */
async function editUserSettings(settings: Record<string, unknown>): Promise<void> {
  await command('Preferences: Open User Settings (JSON)');
  await page.locator('.tab.active', { hasText: 'settings.json' }).waitFor(WAIT);
  await editor().locator('.view-lines').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(JSON.stringify(settings, null, 2));
  await page.keyboard.press('Control+S');
  await page.locator('.tab.active.dirty', { hasText: 'settings.json' }).waitFor({ state: 'detached', ...WAIT });
  await page.keyboard.press('Control+W');
}

/** Close the suggestions and empty the cursor's line. */
async function clearLine(): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.press('Delete');
}

/** The TextMate scopes "Developer: Inspect Editor Tokens and Scopes" shows for the token at the cursor. */
async function inspectScopes(): Promise<string> {
  await command('Developer: Inspect Editor Tokens and Scopes');
  const widget = page.locator('.token-inspect-widget');
  await widget.waitFor(WAIT);
  await expect.poll(() => widget.textContent(), WAIT).toContain('textmate scopes');
  const text = (await widget.textContent()) ?? '';
  await page.keyboard.press('Escape');
  return text;
}

/** The lines of the STS Lens output channel's log (VS Code writes every output channel to a file). */
function logsNamed(name: RegExp): string {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.test(n)) found.push(p);
    }
  };
  walk(join(dir, 'user-data', 'logs'));
  return found.map((f) => readFileSync(f, 'utf8')).join('\n');
}
const outputChannelLog = () => logsNamed(/STS Lens\.log$/);
/** The extension host's own log, where a failed activation or an exception in the extension would show. */
const extensionHostLog = () => logsNamed(/exthost\.log$/);

const shot = (name: string) => page.screenshot({ path: join(SHOTS, name) });

// ---- the steps -----------------------------------------------------------------------------------------------------

describe('STS Lens in the VS Code workbench', { timeout: 60_000 }, () => {
  it('shows the broken policy: Problems rows with codes, squiggles, language, status bar verdict', async () => {
    await open('example.org/mta-sts.txt');
    await command('Problems: Focus on Problems View');
    await expectProblems(['file:mta-sts.txt', 'policy/mx-not-host [Ln 3, Col 5]', 'policy/max-age-invalid [Ln 5, Col 10]']);
    await expectCount(squiggles('error'), 2);
    await expectText(languageItem(), 'MTA-STS policy');
    await expectText(statusItem(), /STS Lens: broken/);
    await shot('vscode-diagnostics.png');
  });

  it('applies the quick fixes from Ctrl+. and the problems go away', async () => {
    await goTo(3, 8);
    const menu = await quickFixMenu();
    expect(await menuTitles(menu)).toEqual(['Write `mx1.example.org`']);
    await shot('vscode-quick-fix.png');
    await chooseAction(menu, 'Write `mx1.example.org`');
    await expectProblems(['file:mta-sts.txt', 'policy/max-age-invalid [Ln 5, Col 10]']);

    // This one with the mouse: the lightbulb in the line's gutter, then the menu entry.
    await goTo(5, 10);
    const bulb = await lightBulb();
    await pointAt(bulb);
    await page.mouse.down();
    await page.mouse.up();
    const second = page.locator('.action-widget');
    const entry = second.locator('.monaco-list-row.action', { hasText: 'Set max_age to `604800` (7 days)' });
    await entry.waitFor(WAIT);
    await pointAt(entry);
    await page.mouse.down();
    await page.mouse.up();
    await second.waitFor({ state: 'hidden', ...WAIT });
    await expect.poll(editorText, WAIT).toBe('version: STSv1\nmode: enforce\nmx: mx1.example.org\nmx: mx2.example.org\nmax_age: 604800\n');
    await expectCount(problemsPanel().locator('.monaco-list-row'), 0);
    await expectText(problemsPanel(), /No problems have been detected in the workspace./);
    await expectCount(squiggles('error'), 0);
    await expectText(statusItem(), /STS Lens: enforced/);
  });

  it('hovers a key and a value with their meaning', async () => {
    // The hover's markdown is `**mode**` over the text: as text, the two run together.
    expect(await hoverToken('mode')).toBe(
      'modeWhat senders do when a TLS connection to an MX host fails or the host is not listed: enforce (do not deliver), testing (deliver, and report through TLS-RPT) or none (no policy). (RFC 8461 §3.2, §5)',
    );
    expect(await hoverToken('604800')).toBe('max_age 604800 seconds = 7 days (1 week). (RFC 8461 §3.2)');
  });

  it('completes keys, mode values, and mx values from the zone MX records', async () => {
    await goTo(6, 1);
    // Keys, then whole `mx:` lines for the MX hosts of example.org in the workspace's zone file.
    expect(await suggestions()).toEqual(['version', 'mode', 'mx', 'max_age', 'mx: mx1.example.org', 'mx: mx2.example.org']);
    await page.keyboard.press('Escape');
    await page.keyboard.type('mode: ');
    expect((await suggestions()).sort()).toEqual(['enforce', 'none', 'testing']);
    await clearLine();
    await page.keyboard.type('mx: ');
    expect(await suggestions()).toEqual(['mx1.example.org', 'mx2.example.org']);
    await clearLine();
    await expect.poll(editorText, WAIT).toBe('version: STSv1\nmode: enforce\nmx: mx1.example.org\nmx: mx2.example.org\nmax_age: 604800\n');
  });
});

describe('STS Lens in the VS Code workbench: zone files and cross-file checks', { timeout: 60_000 }, () => {
  it('opens a zone file as dns-zone, hovers a record type, and flags the _mta-sts id the policy edit left unchanged', async () => {
    await open('example.org.zone');
    await expectText(languageItem(), 'DNS zone file');
    // The policy was edited above (unsaved) while the zone still publishes the id of the policy on disk.
    // The hover's paragraphs (the type, then its data fields from the type table) run together as text.
    await expectProblemsOf('example.org.zone', ['workspace/id-not-bumped [Ln 10, Col 30]']);
    expect(await hoverToken('MX')).toBe(
      'MXMail exchanger: preference and host name. Every MX host must be covered by an mx: pattern of the MTA-STS policy. (RFC 1035 §3.3.9, RFC 8461 §4.1)' +
        'Data: preference, exchange (RFC 1035 §3.3.9)',
    );
    await goTo(10, 32);
    const menu = await quickFixMenu();
    const bump = (await menuTitles(menu)).find((t) => t.startsWith('Bump the _mta-sts id to '));
    expect(bump).toMatch(/^Bump the _mta-sts id to \d{8,14}$/);
    await chooseAction(menu, bump!);
    await expectProblemsOf('example.org.zone', []);
    await expectText(statusItem(), /STS Lens: zone OK/);
  });

  it("re-lints the open policy when the zone's MX records change", async () => {
    // mx2 becomes mx3: the zone's MX is not covered by the policy, and the policy's `mx: mx2.example.org` matches nothing.
    await goTo(6, 11);
    await page.keyboard.press('Control+Shift+ArrowRight');
    await page.keyboard.type('mx3');
    await expectProblemsOf('example.org.zone', ['workspace/mx-not-covered [Ln 6, Col 11]']);
    await expectProblemsOf('mta-sts.txt', ['workspace/mx-pattern-unused [Ln 4, Col 5]']);
    await expectText(statusItem(), /STS Lens: zone has 1 error/);
    await page.keyboard.press('Control+Z');
    await expectProblemsOf('example.org.zone', []);
    await expectProblemsOf('mta-sts.txt', []);
  });

  it('highlights db.* files as zone files and policies with the policy grammar', async () => {
    await open('db.example.net');
    await expectText(languageItem(), 'DNS zone file');
    await expectProblemsOf('db.example.net', DB_EXAMPLE_NET);
    await goTo(5, 5);
    expect(await inspectScopes()).toContain('keyword.other.type.dns-zone');
    await open('example.org/mta-sts.txt');
    await goTo(2, 2);
    expect(await inspectScopes()).toContain('keyword.other.key.mta-sts');
  });
});

describe('STS Lens in the VS Code workbench: settings, fix all, status bar, output, domain check', { timeout: 60_000 }, () => {
  const several = ['policy/key-case [Ln 3, Col 1]', 'policy/mx-trailing-dot [Ln 4, Col 20]', 'policy/mx-wildcard [Ln 5, Col 5]', 'policy/max-age-too-short [Ln 3, Col 10]'];

  it('applies a severity override and a disabled rule from settings.json without a reload', async () => {
    await open('several.mta-sts');
    await expectProblemsOf('several.mta-sts', several);
    await expectCount(squiggles('error'), 3);
    await editUserSettings({ ...baseSettings, 'stsLens.rules': { 'policy/max-age-too-short': 'off', 'policy/mx-wildcard': 'warning' } });
    await open('several.mta-sts');
    await expectProblemsOf('several.mta-sts', ['policy/key-case [Ln 3, Col 1]', 'policy/mx-trailing-dot [Ln 4, Col 20]', 'policy/mx-wildcard [Ln 5, Col 5]']);
    await expectCount(squiggles('error'), 2);
    await expectCount(squiggles('warning'), 1);
  });

  it('names an invalid setting in a message', async () => {
    await editUserSettings({ ...baseSettings, 'stsLens.rules': { 'policy/no-such-rule': 'error' } });
    await open('several.mta-sts');
    await expectText(notifications().filter({ hasText: 'no-such-rule' }), 'STS Lens: stsLens.rules: `policy/no-such-rule` is not a rule code (run `sts-lens rules` for the list)');
    await expectProblemsOf('several.mta-sts', several);
    await command('Notifications: Clear All Notifications');
    await editUserSettings(baseSettings);
    await open('several.mta-sts');
  });

  it('fixes everything at once with Fix All', async () => {
    await command('Fix All');
    await expect.poll(editorText, WAIT).toBe('version: STSv1\nmode:enforce\nmax_age: 604800\nmx: mx1.example.net\nmx: *.example.net\n');
    await expectProblemsOf('several.mta-sts', []);
  });

  it('reveals the Problems panel from the status bar item, and a second click keeps it open', async () => {
    await open('db.example.net');
    await expectText(statusItem(), /STS Lens: zone has 1 error/);
    await command('View: Hide Panel');
    await problemsPanel().waitFor({ state: 'hidden', ...WAIT });
    await statusItem().click();
    await problemsPanel().waitFor({ state: 'visible', ...WAIT });
    // The Problems view has the focus now; a toggle would close it here.
    await statusItem().click();
    await expectCount(page.locator('.markers-panel:visible'), 1);
    await expectProblemsOf('db.example.net', DB_EXAMPLE_NET);
  });

  it('checks a live domain (the local test world) and shows the result in the STS Lens output', async () => {
    await command('STS Lens: Check domain…');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor(WAIT);
    await input.fill('enforce.test');
    await page.keyboard.press('Enter');
    const output = page.locator('.panel .output-view, .panel [id="workbench.panel.output"]').locator('.view-lines').first();
    await expectText(output, /enforce\.test {2}ENFORCED: senders must use TLS to the listed MX hosts {2}score \d+\/100/);
    await expectText(output, /Policy {3}https:\/\/mta-sts\.enforce\.test\/\.well-known\/mta-sts\.txt {2}HTTP 200 text\/plain/);
    await expectText(output, /MX {8}10 mx1\.enforce\.test {2}✓ \*\.enforce\.test/);
    await expectText(output, /TLS-RPT {2}mailto:tls-reports@enforce\.test/);
    await expectText(output, /No problems found\./);
    await shot('vscode-check-domain.png');
  });

  it('logs no error to the STS Lens output channel or the extension host log', async () => {
    const log = outputChannelLog();
    expect(log).toContain('enforce.test  ENFORCED');
    expect(log.split('\n').filter((l) => /\[Error|error:|exception|\bat .+:\d+:\d+/i.test(l))).toEqual([]);
    const host = extensionHostLog();
    // Activated by opening the first policy, as package.json's activationEvents say.
    expect(host).toMatch(/ExtensionService#_doActivateExtension sts-lens\.sts-lens, startup: false, activationEvent: 'onLanguage:mta-sts'/);
    expect(host.split('\n').filter((l) => /\[error\]/i.test(l) && /sts-lens|stsLens/i.test(l))).toEqual([]);
  });
});
