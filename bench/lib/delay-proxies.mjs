// Delaying proxies on loopback for the benchmarks: every DNS answer, or every TCP connection, `delay` ms late.
import dgram from 'node:dgram';
import net from 'node:net';

/** A UDP DNS proxy answering each query `delay` ms late, from `upstream` (`HOST:PORT`). */
export function dnsDelayProxy(upstream, delay) {
  const [uHost, uPort] = [upstream.slice(0, upstream.lastIndexOf(':')), Number(upstream.slice(upstream.lastIndexOf(':') + 1))];
  const server = dgram.createSocket('udp4');
  server.on('message', (msg, rinfo) => {
    const up = dgram.createSocket('udp4');
    up.on('message', (answer) => {
      setTimeout(() => server.send(answer, rinfo.port, rinfo.address), delay);
      up.close();
    });
    up.send(msg, uPort, uHost);
  });
  return new Promise((resolve) => server.bind(0, '127.0.0.1', () => resolve({ port: server.address().port, close: () => server.close() })));
}

/**
 * A TCP proxy on `host` (port `port`, 0: any) that opens the upstream connection to the same host `delay` ms late
 * (so the HTTPS answer or the SMTP greeting comes that much later).
 */
export function tcpDelayProxy(upstreamPort, delay, host = '127.0.0.1', port = 0) {
  const sockets = new Set();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.pause();
    setTimeout(() => {
      const up = net.connect(upstreamPort, host, () => {
        client.pipe(up);
        up.pipe(client);
        client.resume();
      });
      sockets.add(up);
      up.on('error', () => client.destroy());
      client.on('error', () => up.destroy());
      up.on('close', () => sockets.delete(up));
    }, delay);
    client.on('close', () => sockets.delete(client));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () =>
      resolve({
        port: server.address().port,
        close: () => {
          for (const s of sockets) s.destroy();
          server.close();
        },
      }),
    );
  });
}

/** Delaying SMTP proxies on every one of `hosts`, all on one port (the `--smtp-port` of the check). */
export async function smtpDelayProxies(upstreamPort, delay, hosts) {
  for (;;) {
    const first = await tcpDelayProxy(upstreamPort, delay, hosts[0]);
    const rest = [];
    try {
      for (const h of hosts.slice(1)) rest.push(await tcpDelayProxy(upstreamPort, delay, h, first.port));
      return { port: first.port, close: () => [first, ...rest].forEach((p) => p.close()) };
    } catch {
      [first, ...rest].forEach((p) => p.close()); // the port is taken on another address: try another
    }
  }
}
