// The name resolution of the Firefox end-to-end tests: Firefox has no --host-resolver-rules, so its profile sends web
// traffic through this HTTP proxy on loopback, which plays the world's DNS for web names: `CONNECT <name>.test:443`
// is joined to nginx's HTTPS port and `GET http://<name>.test/…` forwarded to nginx's HTTP port, the Host kept (TLS
// stays end to end: Firefox checks the certificate itself). Any other name is refused, so the browser stays offline.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface WebProxy {
  /** The proxy's port on 127.0.0.1. */
  readonly port: number;
  /** Every host:port asked for, in order (refused ones included). */
  readonly asked: readonly string[];
  close(): Promise<void>;
}

/** Whether the proxy serves `host`: names under `.test` only. */
function served(host: string): boolean {
  return /^[a-z0-9.-]+\.test$/i.test(host);
}

/** Start the proxy: `.test` names on 443 go to `httpsPort`, on 80 to `httpPort` (both on 127.0.0.1). */
export async function startWebProxy(httpsPort: number, httpPort: number): Promise<WebProxy> {
  const asked: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    asked.push(`${target.hostname}:${target.port || 80}`);
    if (target.protocol !== 'http:' || !served(target.hostname) || (target.port !== '' && target.port !== '80')) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('not in the test world');
      return;
    }
    const upstream = request(
      { host: '127.0.0.1', port: httpPort, method: req.method, path: `${target.pathname}${target.search}`, headers: { ...req.headers, host: target.host } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.setTimeout(15_000, () => upstream.destroy());
    upstream.on('error', () => res.headersSent ? res.destroy() : res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const [host = '', port = ''] = (req.url ?? '').split(':');
    asked.push(`${host}:${port}`);
    if (!served(host) || (port !== '443' && port !== '80')) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(port === '443' ? httpsPort : httpPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [upstream, client]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        upstream.destroy();
        client.destroy();
      });
    }
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    asked,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
