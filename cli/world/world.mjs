// @ts-check
// The local test world (design.md §4): unbound serving the sample zones over plain DNS and DoH, nginx serving the
// sample policies over HTTPS with a test CA made at start-up. Loopback only; started and stopped by tests and by
// `pnpm demo` (serve.mjs).
import { execFile, spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { accessSync, constants as fsConstants, rmSync } from 'node:fs';
import { chmod, chown, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { cases as allCases, infrastructureZones, mxServers } from './cases.mjs';
import { cnOnly, expired, issue, makePki, selfSigned, viaIntermediate } from './certs.mjs';
import { nginxConfig, postfixConfig, unboundConfig } from './config.mjs';
import { scanCertificateGroups, scanDomains, scanMxServers, scanPolicies, scanZoneText } from './scan-world.mjs';

/** @typedef {import('./cases.mjs').WorldCase} WorldCase */

/** Folder of this file: the zones/ and policies/ the world serves are beside it. */
export const worldDir = fileURLToPath(new URL('.', import.meta.url));

/**
 * @typedef {object} WorldOptions
 * @property {readonly WorldCase[]} [cases] the cases to serve; default all of cases.mjs
 * @property {(line: string) => void} [log] receives the servers' log lines (default: kept for error messages only)
 * @property {number} [readyTimeoutMs] how long to wait for both servers to answer; default 15000
 * @property {{ count: number, seed?: number }} [scan] also serve `count` generated domains (scan-world.mjs) with this seed
 */

/**
 * A running world.
 * @typedef {object} World
 * @property {string} dir the temp dir holding certificates, configs, logs
 * @property {string} dnsServer plain DNS (UDP and TCP) as `127.0.0.1:PORT`
 * @property {string} dohUrl DNS over HTTPS (HTTP/2 only, RFC 8484) endpoint
 * @property {number} httpsPort nginx's HTTPS port (stands for 443)
 * @property {number} httpPort nginx's HTTP port (stands for 80)
 * @property {number} smtpPort Postfix's SMTP port on every MX address (stands for 25)
 * @property {readonly import('./cases.mjs').MxServer[]} mxServers the MX addresses and how each answers STARTTLS
 * @property {string} caFile PEM file of the test CA
 * @property {string} caPem the test CA certificate
 * @property {readonly WorldCase[]} cases the cases served
 * @property {string} chromiumHostRules a value for Chromium's `--host-resolver-rules` that sends the world's web names
 *   to nginx
 * @property {(domain: string) => string} policyUrl the policy URL of a domain
 * @property {(file: string) => Promise<string>} policyText the text of a file under cli/world/policies/
 * @property {ScanWorld | null} scan the generated domains, when asked for
 * @property {() => Promise<void>} stop kill both servers and remove the temp dir (safe to call twice)
 */

/**
 * The generated part of a world (scan-world.mjs).
 * @typedef {object} ScanWorld
 * @property {readonly import('./scan-world.mjs').ScanDomain[]} domains every generated domain with its expected verdict
 * @property {string} listFile a file naming them, one per line, in that order
 * @property {string} maillog Postfix's log: one `connect from` line per SMTP connection
 */

/** The Debian packages the world needs, in the form of an install command. */
export const INSTALL_HINT = 'apt-get install unbound nginx openssl postfix';

const SYSTEM_BIN_DIRS = ['/usr/sbin', '/sbin', '/usr/local/sbin', '/usr/bin', '/usr/local/bin'];

/** Full path of the executable `name` on PATH or in the usual sbin folders (unbound and nginx live there), or undefined. */
export function findBinary(/** @type {string} */ name) {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...SYSTEM_BIN_DIRS];
  for (const d of dirs) {
    try {
      accessSync(join(d, name), fsConstants.X_OK);
      return join(d, name);
    } catch {
      // not here
    }
  }
  return undefined;
}

/** @type {Set<() => void>} */
const liveWorlds = new Set();
let exitHookInstalled = false;

// A world left running by a crashed or killed test must not keep its servers: on exit, kill them synchronously.
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const kill of liveWorlds) kill();
  });
}

/** Start the world: make certificates, write configs, start unbound and nginx, wait until both answer. */
export async function startWorld(/** @type {WorldOptions} */ options = {}) {
  const bins = { unbound: findBinary('unbound'), nginx: findBinary('nginx'), openssl: findBinary('openssl'), postfix: await postfixMaster() };
  const missing = Object.entries(bins).filter(([, p]) => !p).map(([n]) => n);
  if (missing.length > 0) {
    throw new Error(`the test world needs unbound, nginx, openssl and postfix; not found: ${missing.join(', ')}. Install them with \`sudo ${INSTALL_HINT}\` (Debian/Ubuntu).`);
  }
  if (process.getuid?.() !== 0) {
    throw new Error('the test world runs an instance of Postfix, which starts as root (it drops to the postfix user); run the tests or `pnpm demo` as root (e.g. in a container)');
  }
  const cases = options.cases ?? allCases;
  let lastError;
  // A free port can be taken between probing and binding; start over with fresh ports a couple of times.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(/** @type {Bins} */ (bins), cases, options);
    } catch (e) {
      lastError = e;
      if (!/address already in use|could not open ports|bind\(\)|bind .* port/i.test(String(e))) throw e;
    }
  }
  throw lastError;
}

/** @typedef {Record<'unbound' | 'nginx' | 'openssl' | 'postfix', string>} Bins */

/** Postfix's master daemon (Debian: /usr/lib/postfix/sbin/master), found through `postconf`, or undefined. */
async function postfixMaster() {
  const postconf = findBinary('postconf');
  if (!postconf) return undefined;
  try {
    const { stdout } = await promisify(execFile)(postconf, ['-d', '-h', 'daemon_directory']);
    const master = join(stdout.trim(), 'master');
    accessSync(master, fsConstants.X_OK);
    return master;
  } catch {
    return undefined;
  }
}

/**
 * @param {Bins} bins
 * @param {readonly WorldCase[]} cases
 * @param {WorldOptions} options
 * @returns {Promise<World>}
 */
async function startOnce(bins, cases, options) {
  const dir = await mkdtemp(join(tmpdir(), 'sts-lens-world-'));
  // nginx workers drop to an unprivileged user when started as root; they must be able to read the policies.
  await chmod(dir, 0o755);
  /** @type {Server[]} */
  const servers = [];
  let stopped = false;
  const killNow = () => {
    for (const s of servers) s.kill();
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // best effort on exit
    }
  };
  installExitHook();
  liveWorlds.add(killNow);
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    liveWorlds.delete(killNow);
    await Promise.all(servers.map((s) => s.stop()));
    await rm(dir, { recursive: true, force: true });
  };

  try {
    const [dnsPort, dohPort, httpsPort, httpPort] = /** @type {[number, number, number, number]} */ (await freePorts(4));
    const generated = options.scan ? scanDomains(options.scan) : null;
    const listeners = generated ? [...mxServers, ...scanMxServers] : mxServers;
    const smtpPort = await freePortOn(listeners.map((m) => m.address));
    const pki = await makePki(bins.openssl, dir);
    const certDir = join(dir, 'certs');
    const www = join(dir, 'www');
    await Promise.all([mkdir(certDir), mkdir(www), mkdir(join(dir, 'nginx'))]);

    const dohCert = issue(bins.openssl, pki, ['doh.world.test', 'localhost', 'IP:127.0.0.1'], join(certDir, 'doh.pem'));
    /** @type {Map<string, { policy?: string, cert?: string }>} */
    const files = new Map();
    const smtp = setUpPostfix(bins.openssl, pki, join(dir, 'postfix'), smtpPort, listeners);
    const scanSites = generated ? setUpScanSites(bins.openssl, pki, dir, generated) : null;
    await Promise.all([
      dohCert,
      smtp,
      ...cases.map(async (c) => {
        const host = `mta-sts.${c.domain}`;
        const s = c.serve;
        /** @type {{ policy?: string, cert?: string }} */
        const f = {};
        files.set(c.domain, f);
        if (s.kind === 'file' || s.kind === 'http-only') {
          f.policy = join(www, `${c.domain}.txt`);
          await writePolicy(s.file, f.policy, s.kind === 'file' ? s.padTo : undefined, c.domain);
        }
        if (s.kind === 'none' || s.kind === 'http-only') return;
        const kind = s.kind === 'file' ? (s.cert ?? 'good') : 'good';
        const out = join(certDir, `${host}.pem`);
        if (kind === 'good') f.cert = await issue(bins.openssl, pki, [host], out);
        else if (kind === 'wrong-name') f.cert = await issue(bins.openssl, pki, [`mta-sts.elsewhere.test`], out);
        else if (kind === 'self-signed') f.cert = await selfSigned(bins.openssl, pki, host, out);
        else f.cert = await expired(bins.openssl, pki, host, out);
      }),
    ]);

    const zoneDir = join(worldDir, 'zones');
    // The generated domains live in the root zone itself (no delegation below .test: it answers for them).
    const rootZone = join(dir, 'root.zone');
    if (generated) await writeFile(rootZone, (await readFile(join(zoneDir, 'root.zone'), 'utf8')) + scanZoneText(generated));
    const zones = [
      ...infrastructureZones.map((z) => ({ name: z.name, file: generated && z.name === '.' ? rootZone : join(zoneDir, z.zone) })),
      ...cases.map((c) => ({ name: c.domain, file: join(zoneDir, c.zone) })),
    ];
    const unboundConf = join(dir, 'unbound.conf');
    await writeFile(unboundConf, unboundConfig({ dir, dnsPort, dohPort, dohCert: await dohCert, key: pki.leafKey, zones, busy: !!generated }));
    const nginxConf = join(dir, 'nginx', 'nginx.conf');
    await writeFile(nginxConf, nginxConfig({ dir, httpsPort, httpPort, key: pki.leafKey, cases, files, scan: scanSites ? await scanSites : null }));

    servers.push(startServer('unbound', bins.unbound, ['-d', '-c', unboundConf], dir, options.log));
    servers.push(startServer('nginx', bins.nginx, ['-p', join(dir, 'nginx'), '-c', nginxConf, '-e', 'stderr'], dir, options.log));
    // The daemons master starts find their configuration through MAIL_CONFIG, not through master's -c.
    const postfixConf = await smtp;
    servers.push(startServer('postfix', bins.postfix, ['-c', postfixConf, '-d'], dir, options.log, { MAIL_CONFIG: postfixConf }));

    await waitReady(servers, options.readyTimeoutMs ?? 15_000, async () => {
      await dnsAnswers(dnsPort);
      await tcpOpen(dohPort);
      await tcpOpen(httpsPort);
      await httpAnswers(httpPort);
      for (const m of listeners) if (m.kind !== 'closed') await tcpOpen(smtpPort, m.address);
    });

    const caPem = await readFile(pki.caFile, 'utf8');
    /** @type {ScanWorld | null} */
    let scan = null;
    if (generated) {
      const listFile = join(dir, 'scan-domains.txt');
      await writeFile(listFile, generated.map((d) => d.domain).join('\n') + '\n');
      scan = { domains: generated, listFile, maillog: join(dir, 'postfix', 'maillog') };
    }
    return {
      dir,
      dnsServer: `127.0.0.1:${dnsPort}`,
      dohUrl: `https://127.0.0.1:${dohPort}/dns-query`,
      httpsPort,
      httpPort,
      smtpPort,
      mxServers: listeners,
      caFile: pki.caFile,
      caPem,
      cases,
      chromiumHostRules: hostRules(cases, httpsPort, httpPort),
      policyUrl: (domain) => `https://mta-sts.${domain}/.well-known/mta-sts.txt`,
      policyText: (file) => readFile(join(worldDir, 'policies', file), 'utf8'),
      scan,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

// Copy a policy into the served folder; `padTo` grows it with further mx lines (the oversize and slow cases).
async function writePolicy(/** @type {string} */ file, /** @type {string} */ out, /** @type {number | undefined} */ padTo, /** @type {string} */ domain) {
  if (!padTo) {
    await copyFile(join(worldDir, 'policies', file), out);
    await chmod(out, 0o644);
    return;
  }
  const head = await readFile(join(worldDir, 'policies', file), 'utf8');
  const parts = [head];
  let size = Buffer.byteLength(head);
  for (let i = 1; size < padTo; i++) {
    const line = `mx: pad${String(i).padStart(6, '0')}.${domain}\n`;
    parts.push(line);
    size += line.length;
  }
  await writeFile(out, parts.join('').slice(0, padTo), { mode: 0o644 });
}

/** Chromium `--host-resolver-rules`: every mta-sts name to nginx's ports (the http-only host to 127.0.0.2). */
function hostRules(/** @type {readonly WorldCase[]} */ cases, /** @type {number} */ httpsPort, /** @type {number} */ httpPort) {
  const rules = cases
    .filter((c) => c.serve.kind === 'http-only')
    .map((c) => `MAP mta-sts.${c.domain}:80 127.0.0.2:${httpPort}`);
  rules.push(`MAP *.test:443 127.0.0.1:${httpsPort}`, `MAP *.test:80 127.0.0.1:${httpPort}`);
  return rules.join(', ');
}

/**
 * @typedef {object} Server
 * @property {string} name
 * @property {import('node:child_process').ChildProcess} child
 * @property {() => string} output the last lines the server wrote
 * @property {() => number | null} exitCode null while running
 * @property {() => void} kill synchronous, for the exit hook
 * @property {() => Promise<void>} stop
 */

// Each server runs under a small sh watchdog: it starts the server, and stops it when our stdin pipe closes, which
// happens when this process exits for any reason, even SIGKILL; then it removes the world's temp dir. So a killed
// test run leaves neither a server nor files behind.
const WATCHDOG = [
  'exec 3<&0',
  '"$@" </dev/null &',
  'child=$!',
  "trap 'kill -TERM $child 2>/dev/null' TERM INT HUP",
  '(read -r _ <&3; kill -TERM $child 2>/dev/null) &',
  'wait $child; code=$?',
  'kill $! 2>/dev/null',
  'rm -rf "$STS_LENS_WORLD_DIR"',
  'exit $code',
].join('\n');

/** @returns {Server} */
function startServer(
  /** @type {string} */ name,
  /** @type {string} */ bin,
  /** @type {string[]} */ args,
  /** @type {string} */ dir,
  /** @type {((line: string) => void) | undefined} */ log,
  /** @type {Record<string, string>} */ env = {},
) {
  const child = spawn('sh', ['-c', WATCHDOG, bin, bin, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...env, STS_LENS_WORLD_DIR: dir },
  });
  /** @type {string[]} */
  const tail = [];
  const keep = (/** @type {Buffer} */ chunk) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      tail.push(line);
      if (tail.length > 40) tail.shift();
      log?.(`${name}: ${line}`);
    }
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.stdin?.on('error', () => undefined);
  /** @type {number | null} */
  let code = null;
  const exited = new Promise((resolve) => child.once('exit', (c, signal) => {
    code = c ?? (signal ? 128 : 1);
    resolve(undefined);
  }));
  return {
    name,
    child,
    output: () => tail.join('\n'),
    exitCode: () => code,
    kill: () => {
      if (code !== null) return;
      try {
        child.kill('SIGTERM');
      } catch {
        // gone
      }
    },
    stop: async () => {
      if (code !== null) return;
      child.stdin?.end();
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitReady(/** @type {Server[]} */ servers, /** @type {number} */ timeoutMs, /** @type {() => Promise<void>} */ probe) {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'not started';
  for (;;) {
    const dead = servers.find((s) => s.exitCode() !== null);
    if (dead) throw new Error(`${dead.name} exited at start-up (code ${dead.exitCode()}):\n${dead.output()}`);
    try {
      await probe();
      return;
    } catch (e) {
      lastProblem = e instanceof Error ? e.message : String(e);
    }
    if (Date.now() > deadline) {
      throw new Error(`the test world did not come up within ${timeoutMs} ms (${lastProblem}):\n${servers.map((s) => `${s.name}: ${s.output()}`).join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** `n` distinct loopback ports free for TCP and UDP at the time of asking. */
export async function freePorts(/** @type {number} */ n) {
  /** @type {number[]} */
  const ports = [];
  while (ports.length < n) {
    const port = await new Promise((resolve, reject) => {
      const srv = net.createServer();
      srv.once('error', reject);
      srv.listen(0, '127.0.0.1', () => {
        const addr = srv.address();
        srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
      });
    });
    const udpFree = await new Promise((resolve) => {
      const sock = dgram.createSocket('udp4');
      sock.once('error', () => resolve(false));
      sock.bind(port, '127.0.0.1', () => sock.close(() => resolve(true)));
    });
    if (udpFree && !ports.includes(port)) ports.push(port);
  }
  return ports;
}

// A hand-made query for `world.test. SOA`: the readiness probe must not depend on the code under test.
function dnsAnswers(/** @type {number} */ port) {
  const labels = ['world', 'test'].flatMap((l) => [l.length, ...Buffer.from(l)]);
  const query = Buffer.from([0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, ...labels, 0, 0, 6, 0, 1]);
  return new Promise((resolve, reject) => {
    const sock = dgram.createSocket('udp4');
    const timer = setTimeout(() => {
      sock.close();
      reject(new Error('no DNS answer yet'));
    }, 300);
    sock.once('error', (e) => {
      clearTimeout(timer);
      sock.close();
      reject(e);
    });
    sock.once('message', (msg) => {
      clearTimeout(timer);
      sock.close();
      if (msg.readUInt16BE(0) === 0x1234 && (msg.readUInt16BE(2) & 0x0f) === 0) resolve(undefined);
      else reject(new Error('DNS answer with an error code'));
    });
    sock.send(query, port, '127.0.0.1');
  });
}

function tcpOpen(/** @type {number} */ port, host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host, port });
    s.once('connect', () => {
      s.destroy();
      resolve(undefined);
    });
    s.once('error', reject);
  });
}

function httpAnswers(/** @type {number} */ port) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
      res.resume();
      resolve(undefined);
    });
    req.once('error', reject);
    req.setTimeout(500, () => req.destroy(new Error('no HTTP answer yet')));
  });
}

/** A TCP port free on every one of `addresses` (loopback) at the time of asking. */
async function freePortOn(/** @type {readonly string[]} */ addresses) {
  const unique = [...new Set(addresses)];
  for (;;) {
    const [port] = /** @type {[number]} */ (await freePorts(1));
    let free = true;
    for (const host of unique) {
      free = await new Promise((resolve) => {
        const srv = net.createServer();
        srv.once('error', () => resolve(false));
        srv.listen(port, host, () => srv.close(() => resolve(true)));
      });
      if (!free) break;
    }
    if (free) return port;
  }
}

/**
 * Postfix's files under `base`: certificates per MX address, main.cf and master.cf (conf/), and the queue and
 * data directories with the ownership its master expects. Returns the config directory.
 * @param {string} openssl
 * @param {import('./certs.mjs').Pki} pki
 * @param {string} base
 * @param {number} port
 * @param {readonly import('./cases.mjs').MxServer[]} servers
 */
async function setUpPostfix(openssl, pki, base, port, servers) {
  const conf = join(base, 'conf');
  const certs = join(base, 'certs');
  await Promise.all([mkdir(conf, { recursive: true }), mkdir(certs, { recursive: true })]);
  const [users, groups, key] = await Promise.all([readFile('/etc/passwd', 'utf8'), readFile('/etc/group', 'utf8'), readFile(pki.leafKey, 'utf8')]);
  const idOf = (/** @type {string} */ table, /** @type {string} */ name) => {
    const line = table.split('\n').find((l) => l.startsWith(`${name}:`));
    if (!line) throw new Error(`Postfix's ${name} account is missing; reinstall the package (\`sudo apt-get install --reinstall postfix\`)`);
    return Number(line.split(':')[2]);
  };
  const postfix = idOf(users, 'postfix');
  const postdrop = idOf(groups, 'postdrop');
  const listeners = await Promise.all(
    servers
      .filter((m) => m.kind !== 'closed')
      .map(async (m) => {
        if (m.kind === 'plain') return { address: m.address, chain: null };
        const host = m.hosts[0] ?? 'mx.world.test';
        const file = m.address.replace(/:/g, '_');
        const out = join(certs, `${file}.crt`);
        if (m.kind === 'good') await issue(openssl, pki, [...m.hosts], out, 90);
        else if (m.kind === 'wildcard') await issue(openssl, pki, [`*.${host.split('.').slice(1).join('.')}`], out, 90);
        else if (m.kind === 'expiring') await issue(openssl, pki, [...m.hosts], out, 3);
        else if (m.kind === 'wrong-name') await issue(openssl, pki, ['mx.elsewhere.test'], out, 90);
        else if (m.kind === 'self-signed') await selfSigned(openssl, pki, host, out);
        else if (m.kind === 'cn-only') await cnOnly(openssl, pki, host, out);
        else if (m.kind === 'wildcard-deep') await issue(openssl, pki, [`*.${host.split('.').slice(2).join('.')}`], out, 90);
        else if (m.kind === 'no-intermediate') await viaIntermediate(openssl, pki, host, out);
        else if (m.kind === 'not-yet-valid') await expired(openssl, pki, host, out, true);
        else await expired(openssl, pki, host, out);
        // smtpd_tls_chain_files: the key, then the certificate, in one file.
        const chain = join(certs, `${file}.pem`);
        await writeFile(chain, key + (await readFile(out, 'utf8')), { mode: 0o600 });
        return { address: m.address, chain };
      }),
  );
  const { main, master } = postfixConfig({ dir: base, port, listeners });
  await Promise.all([writeFile(join(conf, 'main.cf'), main), writeFile(join(conf, 'master.cf'), master)]);
  // The layout `postfix check` would make (it takes seconds; this takes none): root owns the queue, postfix its parts.
  const queue = join(base, 'queue');
  await mkdir(queue);
  await chmod(queue, 0o755);
  const parts = /** @type {const} */ ([
    ['active', 0o700, -1], ['bounce', 0o700, -1], ['corrupt', 0o700, -1], ['defer', 0o700, -1], ['deferred', 0o700, -1],
    ['flush', 0o700, -1], ['hold', 0o700, -1], ['incoming', 0o700, -1], ['private', 0o700, -1], ['saved', 0o700, -1],
    ['trace', 0o700, -1], ['maildrop', 0o730, postdrop], ['public', 0o710, postdrop],
  ]);
  await Promise.all(
    parts.map(async ([name, mode, group]) => {
      const d = join(queue, name);
      await mkdir(d);
      await chown(d, postfix, group === -1 ? 0 : group);
      await chmod(d, mode);
    }),
  );
  await mkdir(join(queue, 'pid'), { mode: 0o755 });
  await mkdir(join(base, 'data'), { mode: 0o755 });
  await chown(join(base, 'data'), postfix, 0);
  return conf;
}

/**
 * The generated domains' web side: the policy files under www/scan/, and one certificate per group of mta-sts names
 * (openssl runs four at a time). Returns what nginxConfig needs.
 * @param {string} openssl
 * @param {import('./certs.mjs').Pki} pki
 * @param {string} dir
 * @param {readonly import('./scan-world.mjs').ScanDomain[]} domains
 * @returns {Promise<import('./config.mjs').ScanSites>}
 */
async function setUpScanSites(openssl, pki, dir, domains) {
  const root = join(dir, 'www', 'scan');
  await mkdir(root, { recursive: true });
  await Promise.all(Object.entries(scanPolicies).map(([name, text]) => writeFile(join(root, `${name}.txt`), text, { mode: 0o644 })));
  const groups = scanCertificateGroups(domains);
  /** @type {string[]} */
  const certs = new Array(groups.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < groups.length; i = next++) certs[i] = await issue(openssl, pki, /** @type {string[]} */ (groups[i]), join(dir, 'certs', `scan-${i}.pem`), 90);
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return { root, groups: groups.map((names, i) => ({ names, cert: /** @type {string} */ (certs[i]) })), policies: domains.map((d) => [`mta-sts.${d.domain}`, d.policy]) };
}
