import * as packet from '@leichtgewicht/dns-packet';
import { describe, expect, it } from 'vitest';
import { base64url, createDohResolver, dohGetUrl, type FetchBytes, type FetchBytesInit } from './doh.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

function base64urlDecode(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
}

const txtAnswer = packet.encode({
  type: 'response',
  id: 0,
  flags: packet.RECURSION_DESIRED | packet.RECURSION_AVAILABLE,
  questions: [{ name: '_mta-sts.example.test', type: 'TXT' }],
  answers: [{ type: 'TXT', name: '_mta-sts.example.test', ttl: 60, data: ['v=STSv1; id=20260101'] }],
});

describe('base64url', () => {
  it('encodes without padding, with the URL alphabet (RFC 4648 §5 and §10 vectors)', () => {
    expect(base64url(utf8(''))).toBe('');
    expect(base64url(utf8('f'))).toBe('Zg');
    expect(base64url(utf8('fo'))).toBe('Zm8');
    expect(base64url(utf8('foo'))).toBe('Zm9v');
    expect(base64url(utf8('foob'))).toBe('Zm9vYg');
    expect(base64url(utf8('fooba'))).toBe('Zm9vYmE');
    expect(base64url(utf8('foobar'))).toBe('Zm9vYmFy');
    expect(base64url(new Uint8Array([0xfb, 0xff, 0xfe]))).toBe('-__-');
  });
});

describe('dohGetUrl', () => {
  it('gives the RFC 8484 §4.1.1 example URL for its www.example.com A query', () => {
    const query = packet.encode({ type: 'query', id: 0, flags: packet.RECURSION_DESIRED, questions: [{ name: 'www.example.com', type: 'A' }] });
    expect(dohGetUrl('https://dnsserver.example.net/dns-query', query)).toBe(
      'https://dnsserver.example.net/dns-query?dns=AAABAAABAAAAAAAAA3d3dwdleGFtcGxlA2NvbQAAAQAB',
    );
  });

  it('accepts a {?dns} URI template and endpoints that already carry a query', () => {
    const q = new Uint8Array([0, 0]);
    expect(dohGetUrl('https://doh.test/q{?dns}', q)).toBe('https://doh.test/q?dns=AAA');
    expect(dohGetUrl('https://doh.test/q?ct', q)).toBe('https://doh.test/q?ct&dns=AAA');
  });
});

describe('createDohResolver', () => {
  it('sends a GET with id 0 and Accept application/dns-message, and decodes the answer', async () => {
    const seen: { url: string; init: FetchBytesInit }[] = [];
    const fetchBytes: FetchBytes = async (url, init) => {
      seen.push({ url, init });
      return { status: 200, contentType: 'application/dns-message', bytes: txtAnswer };
    };
    const resolve = createDohResolver({ endpoint: 'https://doh.test/dns-query', fetchBytes });
    const a = await resolve('_mta-sts.example.test', 'TXT');
    expect(a.status).toBe('ok');
    expect(a.records[0]?.value).toBe('v=STSv1; id=20260101');
    expect(seen).toHaveLength(1);
    expect(seen[0]!.init.accept).toBe('application/dns-message');
    expect(seen[0]!.init.maxBytes).toBe(65_535);
    const dns = new URL(seen[0]!.url).searchParams.get('dns')!;
    expect(dns).not.toMatch(/[=+/]/);
    const query = packet.decode(base64urlDecode(dns));
    expect(query.id).toBe(0);
    expect(query.questions).toEqual([{ name: '_mta-sts.example.test', type: 'TXT', class: 'IN' }]);
  });

  it('turns HTTP errors, wrong media types, oversize and mismatched answers into status error', async () => {
    const answers = [
      { status: 500, contentType: 'text/plain', bytes: new Uint8Array(0) },
      { status: 200, contentType: 'text/html', bytes: txtAnswer },
      { status: 200, contentType: 'application/dns-message', bytes: txtAnswer, truncated: true },
      { status: 200, contentType: 'application/dns-message', bytes: new Uint8Array([0, 1, ...txtAnswer.subarray(2)]) },
    ];
    const messages = [];
    for (const res of answers) {
      const resolve = createDohResolver({ endpoint: 'https://doh.test/dns-query', fetchBytes: async () => res });
      const a = await resolve('_mta-sts.example.test', 'TXT');
      expect(a.status).toBe('error');
      messages.push(a.error);
    }
    expect(messages).toEqual([
      'the DoH server answered HTTP 500',
      'the DoH server answered `text/html`, not `application/dns-message`',
      'the DoH answer is larger than 65535 bytes',
      'the DoH answer has a message id other than the query’s',
    ]);
  });

  it('never rejects: a failing fetch is status error, a name no query can carry too', async () => {
    const resolve = createDohResolver({
      endpoint: 'https://doh.test/dns-query',
      fetchBytes: async () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:443');
      },
    });
    expect(await resolve('a.test', 'A')).toMatchObject({ status: 'error', error: 'DoH request failed: connect ECONNREFUSED 127.0.0.1:443' });
    expect(await resolve('a..test', 'A')).toMatchObject({ status: 'error', error: 'the name `a..test` has an empty label' });
  });

  it('gives up at the time cap even when the fetcher ignores the signal', async () => {
    let aborted = false;
    const resolve = createDohResolver({
      endpoint: 'https://doh.test/dns-query',
      timeoutMs: 100,
      fetchBytes: (_url, init) => {
        init.signal.addEventListener('abort', () => (aborted = true));
        return new Promise(() => undefined);
      },
    });
    const start = Date.now();
    const a = await resolve('a.test', 'TXT');
    expect(a).toMatchObject({ status: 'timeout', error: 'no answer within 100 ms' });
    expect(Date.now() - start).toBeLessThan(1000);
    expect(aborted).toBe(true);
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    const resolve = createDohResolver({ endpoint: 'https://doh.test/dns-query', fetchBytes: () => new Promise(() => undefined) });
    const pending = resolve('a.test', 'TXT', { signal: controller.signal });
    controller.abort();
    expect(await pending).toMatchObject({ status: 'timeout', error: 'the lookup was cancelled' });
  });
});
