// Checks of the extension's pages that both browsers' suites run the same way, through the little the two drivers
// share (playwright-core in Chromium, puppeteer-core in Firefox): `page.evaluate`, `page.focus`, `page.keyboard`.
import { expect } from 'vitest';

/** The part of a driver's page these checks use. */
export interface DrivenPage {
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  readonly keyboard: { press(key: string): Promise<unknown> };
}

/** One text whose contrast with its background is too low. */
export interface LowContrast {
  readonly text: string;
  readonly ratio: number;
  readonly fg: string;
  readonly bg: string;
}

/**
 * Every visible text of the page whose colour has less than `min`:1 contrast (WCAG 2 relative luminance) with the
 * background it is drawn on, from the computed styles. Disabled controls are exempt, as WCAG 1.4.3 allows. Also
 * returns how many texts were measured, so a page that measured nothing cannot pass.
 */
export function lowContrast(page: DrivenPage, min = 4.5): Promise<{ measured: number; low: LowContrast[] }> {
  return page.evaluate((least: number) => {
    const parse = (c: string): [number, number, number, number] => {
      const m = /rgba?\(([^)]*)\)/.exec(c);
      if (!m) return [0, 0, 0, 0];
      const p = m[1]!.split(/[\s,/]+/).filter(Boolean).map(Number);
      return [p[0] ?? 0, p[1] ?? 0, p[2] ?? 0, p[3] ?? 1];
    };
    const channel = (v: number) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    const luminance = ([r, g, b]: number[]) => 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
    // The background an element's text is drawn on: the first opaque background of it or an ancestor, with the
    // translucent ones above it blended in.
    const background = (e: Element | null): [number, number, number] => {
      const layers: [number, number, number, number][] = [];
      for (let n = e; n; n = n.parentElement) {
        const c = parse(getComputedStyle(n).backgroundColor);
        if (c[3] > 0) layers.push(c);
        if (c[3] >= 1) break;
      }
      let rgb: [number, number, number] = [255, 255, 255];
      for (const [r, g, b, a] of layers.reverse()) rgb = [r * a + rgb[0] * (1 - a), g * a + rgb[1] * (1 - a), b * a + rgb[2] * (1 - a)];
      return rgb;
    };
    const low: { text: string; ratio: number; fg: string; bg: string }[] = [];
    let measured = 0;
    for (const e of Array.from(document.body.querySelectorAll('*'))) {
      const own = Array.from(e.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
      if (!own || e.getClientRects().length === 0 || e.closest(':disabled, script, style')) continue;
      const style = getComputedStyle(e);
      if (style.visibility === 'hidden') continue;
      const fg = parse(style.color);
      const bg = background(e);
      const a = fg[3];
      const blended = [fg[0] * a + bg[0] * (1 - a), fg[1] * a + bg[1] * (1 - a), fg[2] * a + bg[2] * (1 - a)];
      const [hi, lo] = [luminance(blended), luminance(bg)].sort((x, y) => y - x) as [number, number];
      const ratio = (hi + 0.05) / (lo + 0.05);
      measured++;
      if (ratio < least) low.push({ text: (e.textContent ?? '').trim().slice(0, 60), ratio: Math.round(ratio * 100) / 100, fg: style.color, bg: `rgb(${bg.map(Math.round).join(', ')})` });
    }
    return { measured, low };
  }, min);
}

/** What has the focus: its id (or tag) and whether a focus ring of at least 2 px is drawn around it. */
export interface Focused {
  readonly id: string;
  readonly ring: boolean;
}

/** Press Tab `count` times from the top of the page and say where the focus went each time. */
export async function tabWalk(page: DrivenPage, count: number): Promise<Focused[]> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.getSelection()?.removeAllRanges();
  }, null);
  const out: Focused[] = [];
  for (let i = 0; i < count; i++) {
    await page.keyboard.press('Tab');
    out.push(
      await page.evaluate(() => {
        const e = document.activeElement as HTMLElement | null;
        if (!e || e === document.body) return { id: 'body', ring: false };
        const s = getComputedStyle(e);
        const ring = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
        return { id: e.id || e.tagName.toLowerCase(), ring };
      }, null),
    );
  }
  return out;
}

/** The part of a driver's page the keyboard flow uses besides `DrivenPage`. */
export interface KeyboardPage extends DrivenPage {
  focus(selector: string): Promise<void>;
  readonly keyboard: { press(key: string): Promise<unknown>; type(text: string): Promise<unknown> };
  waitForSelector(selector: string, options: { timeout: number }): Promise<unknown>;
}

/**
 * The popup of a checked tab, used by keyboard alone: the tab order (Options, Re-check, Copy as JSON, the domain
 * field, Check) with a visible focus ring on each, Space on Re-check (a new check time), Enter in the field (checks
 * what was typed) and Enter on Check. `text` reads an element's text.
 */
export async function keyboardFlow(page: KeyboardPage, text: (selector: string) => Promise<string | null>): Promise<void> {
  expect(await tabWalk(page, 5)).toEqual(['options-link', 'recheck', 'copy-json', 'other-domain', 'button'].map((id) => ({ id, ring: true })));
  const before = await text('#checked-at');
  await page.focus('#recheck');
  await new Promise((r) => setTimeout(r, 1100)); // the check time shown has a resolution of one second
  await page.keyboard.press(' ');
  await expect.poll(() => text('#checked-at'), { timeout: 15_000 }).not.toBe(before);
  await page.focus('#other-domain');
  await page.keyboard.type('postmaster@testing.test');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#verdict[data-verdict="testing"]', { timeout: 15_000 });
  expect(await text('#derived')).toBe('domain of the address you typed (postmaster@testing.test)');
  await page.evaluate(() => ((document.getElementById('other-domain') as HTMLInputElement).value = 'none.test'), null);
  await page.focus('#check-another button');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#verdict[data-verdict="none"]', { timeout: 15_000 });
}
