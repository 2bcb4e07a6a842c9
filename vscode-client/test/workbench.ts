// The real VS Code workbench for the end-to-end suite: code-server 4.100.3 (VS Code 1.100.3), installed once into a
// cache by scripts/install-code-server.sh, with the built .vsix installed into isolated extension and user-data
// folders, serving one workspace folder on a free loopback port, driven by playwright-core in the system Chromium.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { freePorts } from '../../cli/world/world.mjs';

export const pkgDir = resolve(import.meta.dirname, '..');
export const VSIX = join(pkgDir, 'dist', 'sts-lens.vsix');
const CHROMIUM = '/usr/bin/chromium';

/** The code-server install (the folder of out/node/entry.js); installs it on first use (about a minute). */
export function codeServerDir(): string {
  const out = execFileSync('bash', [join(pkgDir, 'scripts', 'install-code-server.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return out.trim().split('\n').at(-1)!;
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

  const { port, output, stopServer } = await startCodeServer(entry, [...common, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', folder], env);
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`;

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
      log: output,
      stop: async () => {
        await b.close().catch(() => undefined);
        await stopServer();
      },
    };
  } catch (e) {
    await browser?.close().catch(() => undefined);
    await stopServer();
    throw new Error(`${(e as Error).message}\ncode-server said:\n${output()}`);
  }
}

/**
 * Start code-server on a free loopback port and wait for its health check. It runs in a process group of its own
 * (it forks the server and the extension host), so stopping ends all of them; a port taken between probing and
 * binding means another try.
 */
async function startCodeServer(entry: string, args: readonly string[], env: NodeJS.ProcessEnv) {
  for (let attempt = 1; ; attempt++) {
    const [port] = (await freePorts(1)) as [number];
    let text = '';
    const server: ChildProcess = spawn(process.execPath, [entry, ...args, '--bind-addr', `127.0.0.1:${port}`], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    server.stdout!.on('data', (b: Buffer) => (text += b.toString()));
    server.stderr!.on('data', (b: Buffer) => (text += b.toString()));
    let running = true;
    const exited = new Promise<void>((ok) => server.once('exit', () => ((running = false), ok())));
    // A test run that dies must not leave the detached group behind.
    const killNow = () => {
      try {
        if (running && server.pid) process.kill(-server.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    process.once('exit', killNow);
    const stopServer = async () => {
      process.off('exit', killNow);
      if (running && server.pid) {
        try {
          process.kill(-server.pid, 'SIGTERM');
        } catch {
          // already gone
        }
        await exited;
      }
    };
    try {
      await waitForHttp(`http://127.0.0.1:${port}/healthz`, 30_000, () => text, () => running);
      return { port, output: () => text, stopServer };
    } catch (e) {
      await stopServer();
      if (attempt >= 3 || !/EADDRINUSE/.test(text)) throw e;
    }
  }
}

async function waitForHttp(url: string, timeoutMs: number, log: () => string, alive: () => boolean): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (!alive()) throw new Error(`code-server exited before answering ${url}:\n${log()}`);
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
