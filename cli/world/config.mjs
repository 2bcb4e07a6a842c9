// @ts-check
// Configuration text for the world's two servers. Every path lives in the world's temp dir; every socket on loopback.

/** @typedef {import('./cases.mjs').WorldCase} WorldCase */

/**
 * unbound: a resolver whose only data are the world's zones (auth-zones used for recursion, including a root zone
 * of its own), plain DNS on one port and DNS over HTTPS (HTTP/2, RFC 8484) on another.
 * @param {{ dir: string, dnsPort: number, dohPort: number, dohCert: string, key: string,
 *   zones: readonly { name: string, file: string }[], busy?: boolean }} p
 */
export function unboundConfig(p) {
  const q = (/** @type {string} */ s) => JSON.stringify(s);
  const lines = [
    'server:',
    '  verbosity: 1',
    `  directory: ${q(p.dir)}`,
    '  username: ""',
    '  chroot: ""',
    '  pidfile: ""',
    '  use-syslog: no',
    '  logfile: ""',
    '  do-daemonize: no',
    '  num-threads: 1',
    '  interface-automatic: no',
    `  interface: 127.0.0.1@${p.dnsPort}`,
    `  interface: 127.0.0.1@${p.dohPort}`,
    `  https-port: ${p.dohPort}`,
    '  http-endpoint: "/dns-query"',
    `  tls-service-key: ${q(p.key)}`,
    `  tls-service-pem: ${q(p.dohCert)}`,
    '  access-control: 127.0.0.0/8 allow',
    '  do-ip6: no',
    '  module-config: "iterator"',
    '  qname-minimisation: no',
    // A scan keeps hundreds of queries in flight; a few checks at a time need few slots.
    `  outgoing-range: ${p.busy ? 1024 : 32}`,
    `  num-queries-per-thread: ${p.busy ? 2048 : 64}`,
    // `test.` is one of unbound's default blocked zones (RFC 6761); the world lives there.
    '  local-zone: "test." nodefault',
    // Belt and braces: the root auth-zone already answers everything, but never send a query anywhere.
    '  do-not-query-address: 0.0.0.0/0',
    '  do-not-query-address: ::0/0',
    'remote-control:',
    '  control-enable: no',
  ];
  for (const z of p.zones) {
    lines.push('auth-zone:', `  name: ${q(z.name)}`, `  zonefile: ${q(z.file)}`, '  for-downstream: no', '  for-upstream: yes');
  }
  return lines.join('\n') + '\n';
}

/**
 * @typedef {object} SiteFiles
 * @property {string} [policy] file to serve at /.well-known/mta-sts.txt
 * @property {string} [cert] certificate for the HTTPS server
 */

/**
 * The generated domains' sites (scan-world.mjs): policy files under `root`, one certificate per group of names, and
 * the policy file (without `.txt`) each mta-sts host serves, null for a 404.
 * @typedef {object} ScanSites
 * @property {string} root
 * @property {readonly { names: readonly string[], cert: string }[]} groups
 * @property {readonly (readonly [string, string | null])[]} policies
 */

/**
 * nginx: one HTTPS and one HTTP server block per case, `server_name mta-sts.<domain>`; unknown names get a refused
 * TLS handshake or a 404, so a missing case never borrows another's certificate.
 * @param {{ dir: string, httpsPort: number, httpPort: number, key: string, cases: readonly WorldCase[],
 *   files: ReadonlyMap<string, SiteFiles>, scan?: ScanSites | null }} p
 */
export function nginxConfig(p) {
  const at = (/** @type {string} */ name) => `${p.dir}/nginx/${name}`;
  const https = `127.0.0.1:${p.httpsPort}`;
  const http = `127.0.0.1:${p.httpPort}`;
  const out = [
    'daemon off;',
    'master_process on;',
    'worker_processes 1;',
    `pid ${at('nginx.pid')};`,
    'error_log stderr warn;',
    `events { worker_connections ${p.scan ? 4096 : 256}; }`,
    'http {',
    '  access_log off;',
    `  client_body_temp_path ${at('body')};`,
    `  proxy_temp_path ${at('proxy')};`,
    `  fastcgi_temp_path ${at('fastcgi')};`,
    `  uwsgi_temp_path ${at('uwsgi')};`,
    `  scgi_temp_path ${at('scgi')};`,
    '  types { }',
    '  default_type application/octet-stream;',
    '  server_tokens off;',
    '  ssl_protocols TLSv1.2 TLSv1.3;',
    `  server { listen ${https} ssl default_server; ssl_reject_handshake on; }`,
    `  server { listen ${http} default_server; return 404; }`,
  ];
  if (p.scan) {
    // The generated domains: the policy by host name (no entry: 404), one server block per certificate.
    out.push(
      '  map_hash_max_size 524288;',
      '  map_hash_bucket_size 128;',
      '  server_names_hash_max_size 524288;',
      '  server_names_hash_bucket_size 128;',
      '  map $host $scan_policy {',
      '    hostnames;',
      '    default "";',
      ...p.scan.policies.flatMap(([host, policy]) => (policy ? [`    ${host} ${policy};`] : [])),
      '  }',
    );
    for (const g of p.scan.groups) {
      out.push(
        '  server {',
        `    listen ${https} ssl;`,
        `    server_name ${g.names.join(' ')};`,
        `    ssl_certificate ${g.cert};`,
        `    ssl_certificate_key ${p.key};`,
        `    root ${p.scan.root};`,
        '    location = /.well-known/mta-sts.txt { default_type text/plain; try_files /$scan_policy.txt =404; }',
        '    location / { return 404; }',
        '  }',
      );
    }
  }
  for (const c of p.cases) {
    const host = `mta-sts.${c.domain}`;
    const s = c.serve;
    const files = p.files.get(c.domain) ?? {};
    const location = (/** @type {string[]} */ body) => [
      '    location = /.well-known/mta-sts.txt {',
      ...body.map((l) => `      ${l}`),
      '    }',
      '    location / { return 404; }',
    ];
    /** @type {string[]} */
    let policy = [];
    if (s.kind === 'file' || s.kind === 'http-only') {
      policy = [`default_type ${s.kind === 'file' ? (s.contentType ?? 'text/plain') : 'text/plain'};`, `alias ${files.policy};`];
      if (s.kind === 'file' && s.limitRate) policy.push('limit_rate_after 512;', `limit_rate ${s.limitRate};`, 'sendfile off;');
    } else if (s.kind === 'redirect') policy = [`return 301 ${s.location};`];
    else if (s.kind === 'status') policy = [`return ${s.status};`];
    else continue;

    out.push(`  # ${c.domain}: ${c.description}`);
    if (s.kind !== 'http-only') {
      out.push(
        '  server {',
        `    listen ${https} ssl;`,
        `    server_name ${host};`,
        `    ssl_certificate ${files.cert};`,
        `    ssl_certificate_key ${p.key};`,
        ...location(policy),
        '  }',
      );
    }
    // The same content over plain HTTP; the http-only host sits at 127.0.0.2, where no HTTPS server listens.
    const listen = s.kind === 'http-only' ? `127.0.0.2:${p.httpPort}` : http;
    out.push('  server {', `    listen ${listen};`, `    server_name ${host};`, ...location(policy), '  }');
  }
  out.push('}');
  return out.join('\n') + '\n';
}

/**
 * @typedef {object} SmtpListener
 * @property {string} address loopback address of the MX host(s)
 * @property {string | null} chain PEM file with the key then the certificate, or null for a listener without STARTTLS
 */

/**
 * Postfix: an instance of its own (config, queue, data and log under `p.dir`), one smtpd per MX address on
 * `p.port`, each with its own certificate. It receives no mail: it exists to answer EHLO and STARTTLS.
 * @param {{ dir: string, port: number, listeners: readonly SmtpListener[] }} p
 * @returns {{ main: string, master: string }}
 */
export function postfixConfig(p) {
  const main = [
    'compatibility_level = 3.6',
    `queue_directory = ${p.dir}/queue`,
    `data_directory = ${p.dir}/data`,
    'mail_owner = postfix',
    'setgid_group = postdrop',
    'myhostname = mx.world.test',
    'mydestination =',
    'relayhost =',
    'alias_maps =',
    'alias_database =',
    // IPv4 and IPv6: one listener is on [::1] (an MX host with only an AAAA record, and one whose IPv4 address refuses).
    'inet_protocols = all',
    // Logs go to a file of its own (no syslog in the world); the world shows its tail when start-up fails.
    `maillog_file = ${p.dir}/maillog`,
    `maillog_file_prefixes = ${p.dir}`,
    'smtpd_banner = $myhostname ESMTP STS Lens test world',
    'smtpd_tls_security_level = may',
    'smtpd_tls_loglevel = 0',
    'smtpd_tls_session_cache_database =',
    'smtpd_relay_restrictions = reject',
    'smtpd_recipient_restrictions = reject',
    'biff = no',
    '',
  ].join('\n');
  // Only the services smtpd talks to while answering EHLO and STARTTLS; no chroot, so every path is as written.
  const master = [
    ...p.listeners.map((l) => {
      const at = l.address.includes(':') ? `[${l.address}]` : l.address;
      // Each listener logs under a name of its own (`postfix/mx-127.0.0.61/smtpd: connect from …`), so a test can
      // count the connections each MX address received.
      const name = `-o syslog_name=postfix/mx-${l.address.replace(/:/g, '_')}`;
      return l.chain
        ? `${at}:${p.port} inet n - n - - smtpd ${name} -o smtpd_tls_chain_files=${l.chain}`
        : `${at}:${p.port} inet n - n - - smtpd ${name} -o smtpd_tls_security_level=none`;
    }),
    'tlsmgr    unix  -       -       n       1000?   1       tlsmgr',
    'anvil     unix  -       -       n       -       1       anvil',
    'postlog   unix-dgram n  -       n       -       1       postlogd',
    'proxymap  unix  -       -       n       -       -       proxymap',
    'rewrite   unix  -       -       n       -       -       trivial-rewrite',
    'cleanup   unix  n       -       n       -       0       cleanup',
    '',
  ].join('\n');
  return { main, master };
}
