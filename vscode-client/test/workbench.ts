// The real VS Code workbench for the end-to-end suite: code-server 4.100.3 (VS Code 1.100.3), installed once into a
// cache by scripts/install-code-server.sh, with the built .vsix installed into isolated extension and user-data
// folders, serving one workspace folder on a free loopback port, driven by playwright-core in the system Chromium.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const pkgDir = resolve(import.meta.dirname, '..');
export const VSIX = join(pkgDir, 'dist', 'sts-lens.vsix');
const CHROMIUM = '/usr/bin/chromium';

/** The code-server install (the folder of out/node/entry.js); installs it on first use (about a minute). */
export function codeServerDir(): string {
  const out = execFileSync('bash', [join(pkgDir, 'scripts', 'install-code-server.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return out.trim().split('\n').at(-1)!;
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = net.createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => ok(port));
    });
  });
}

export interface Workbench {
  readonly page: Page;
  readonly url: string;
  /** What code-server and the extension host printed, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

/**
 * Start code-server on `folder` with the .vsix installed and `settings` as the user's settings.json at start (later
 * changes go through the settings editor, as a user makes them), and open the workbench in Chromium. `dir` holds the user data, extensions and config of this instance only.
 */
export async function startWorkbench(dir: string, folder: string, settings: Record<string, unknown>): Promise<Workbench> {
  const cs = codeServerDir();
  const entry = join(cs, 'out', 'node', 'entry.js');
  const userData = join(dir, 'user-data');
  const extensions = join(dir, 'extensions');
  const settingsFile = join(userData, 'User', 'settings.json');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
  // code-server's own config.yaml and logs go under `dir`, never the user's ~/.config.
  const env = { ...process.env, XDG_CONFIG_HOME: join(dir, 'config'), XDG_DATA_HOME: join(dir, 'data'), HOME: dir };
  const common = ['--user-data-dir', userData, '--extensions-dir', extensions];
  execFileSync(process.execPath, [entry, ...common, '--install-extension', VSIX], { env, encoding: 'utf8', stdio: 'pipe' });

  const port = await freePort();
  let output = '';
  const server: ChildProcess = spawn(
    process.execPath,
    [entry, ...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', folder],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  server.stdout!.on('data', (b: Buffer) => (output += b.toString()));
  server.stderr!.on('data', (b: Buffer) => (output += b.toString()));
  const exited = new Promise<void>((ok) => server.once('exit', () => ok()));
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`;
  await waitForHttp(`http://127.0.0.1:${port}/healthz`, 30_000, () => output);

  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    const b = browser;
    return {
      page,
      url,
      log: () => output,
      stop: async () => {
        await b.close().catch(() => undefined);
        server.kill('SIGTERM');
        await exited;
      },
    };
  } catch (e) {
    await browser?.close().catch(() => undefined);
    server.kill('SIGTERM');
    await exited;
    throw new Error(`${(e as Error).message}\ncode-server said:\n${output}`);
  }
}

async function waitForHttp(url: string, timeoutMs: number, log: () => string): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`code-server did not answer ${url} within ${timeoutMs} ms:\n${log()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
