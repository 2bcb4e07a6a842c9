import { describe, expect, it } from 'vitest';
import { cachingResolve, NEGATIVE_TTL_SECONDS, pacedResolve, sharedProbe } from './shared-work.ts';
import type { DnsAnswer, DnsStatus, ProbeSmtp, RecordType, Resolve, SmtpProbeResult } from './transport.ts';

/** A resolver answering from a table, counting the queries it gets. */
function tableResolver(table: Record<string, { status: DnsStatus; ttl?: number; address?: string }>) {
  const asked: string[] = [];
  const resolve = (async <T extends RecordType>(name: string, type: T): Promise<DnsAnswer<T>> => {
    asked.push(`${type} ${name}`);
    await new Promise((r) => setTimeout(r, 1));
    const row = table[`${type} ${name}`] ?? { status: 'nxdomain' as const };
    const records = row.status === 'ok' ? [{ type, name, ttl: row.ttl ?? 300, address: row.address ?? '192.0.2.1' }] : [];
    return { name, type, status: row.status, records, cnames: [], ms: 7 } as unknown as DnsAnswer<T>;
  }) as Resolve;
  return { resolve, asked };
}

describe('cachingResolve', () => {
  it('keeps an answer for its TTL, a negative one for NEGATIVE_TTL_SECONDS, a failure not at all', async () => {
    let now = 0;
    const t = tableResolver({ 'A mx.example': { status: 'ok', ttl: 30 }, 'A down.example': { status: 'servfail' } });
    const c = cachingResolve(t.resolve, { now: () => now });
    expect((await c.resolve('mx.example', 'A')).ms).toBe(7);
    const hit = await c.resolve('MX.example.', 'A');
    expect(hit.ms).toBe(0);
    expect(hit.records).toHaveLength(1);
    now = 29_999;
    await c.resolve('mx.example', 'A');
    expect(t.asked).toEqual(['A mx.example']);
    now = 30_000;
    await c.resolve('mx.example', 'A');
    expect(t.asked).toEqual(['A mx.example', 'A mx.example']);

    await c.resolve('nope.example', 'TXT');
    now += NEGATIVE_TTL_SECONDS * 1000 - 1;
    await c.resolve('nope.example', 'TXT');
    expect(t.asked.filter((q) => q === 'TXT nope.example')).toHaveLength(1);
    now += 1;
    await c.resolve('nope.example', 'TXT');
    expect(t.asked.filter((q) => q === 'TXT nope.example')).toHaveLength(2);

    await c.resolve('down.example', 'A');
    await c.resolve('down.example', 'A');
    expect(t.asked.filter((q) => q === 'A down.example')).toHaveLength(2);
    expect(c.stats()).toEqual({ lookups: 9, hits: 3, entries: 2 });
  });

  it('joins concurrent lookups of one name and type into one query', async () => {
    const t = tableResolver({ 'A mx.example': { status: 'ok' } });
    const c = cachingResolve(t.resolve);
    const answers = await Promise.all(Array.from({ length: 50 }, () => c.resolve('mx.example', 'A')));
    expect(t.asked).toEqual(['A mx.example']);
    expect(answers.every((a) => a.status === 'ok')).toBe(true);
  });

  it('is bounded: names asked once wait in a small tier, names asked again are kept, least recently used out first', async () => {
    const table = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`A h${i}.example`, { status: 'ok' as const }]));
    const t = tableResolver(table);
    const c = cachingResolve(t.resolve, { maxEntries: 4 }); // a tier of 1 for names asked once
    await c.resolve('h0.example', 'A');
    await c.resolve('h0.example', 'A'); // asked again: kept
    await c.resolve('h1.example', 'A');
    await c.resolve('h2.example', 'A'); // pushes h1 out of the small tier, not h0
    await c.resolve('h1.example', 'A');
    await c.resolve('h0.example', 'A');
    expect(t.asked).toEqual(['A h0.example', 'A h1.example', 'A h2.example', 'A h1.example']);
    // The kept tier holds 4: h0 and four more names asked twice push h0 out.
    for (const i of [3, 4, 5, 6]) {
      await c.resolve(`h${i}.example`, 'A');
      await c.resolve(`h${i}.example`, 'A');
    }
    expect(c.stats().entries).toBeLessThanOrEqual(5);
    await c.resolve('h0.example', 'A');
    expect(t.asked.filter((q) => q === 'A h0.example')).toHaveLength(2);
  });
});

describe('pacedResolve', () => {
  it('spaces queries 1/qps apart after a burst of a tenth of a second', async () => {
    const times: number[] = [];
    const t0 = Date.now();
    const base = (async (name: string, type: RecordType) => {
      times.push(Date.now() - t0);
      return { name, type, status: 'nxdomain', records: [], cnames: [], ms: 0 };
    }) as unknown as Resolve;
    const paced = pacedResolve(base, 100);
    await Promise.all(Array.from({ length: 30 }, (_, i) => paced(`n${i}.example`, 'A')));
    // 100 per second, burst 10: the 30th query not before (30 - 10) * 10 ms.
    expect(times[29]!).toBeGreaterThanOrEqual(190);
    expect(times[29]!).toBeLessThan(2000);
  });

  it('a lookup cancelled while waiting sends no query and ends as a timeout', async () => {
    let sent = 0;
    const base = (async (name: string, type: RecordType) => {
      sent++;
      return { name, type, status: 'ok', records: [], cnames: [], ms: 0 };
    }) as unknown as Resolve;
    const paced = pacedResolve(base, 1);
    await paced('first.example', 'A');
    await paced('burst.example', 'A'); // the burst: one slot ahead
    const controller = new AbortController();
    const waiting = paced('second.example', 'A', { signal: controller.signal });
    controller.abort();
    expect(await waiting).toMatchObject({ status: 'timeout', error: 'the lookup was cancelled' });
    expect(sent).toBe(2);
  });
});

describe('sharedProbe', () => {
  it('probes each MX host once per address set, whatever the number of domains behind it', async () => {
    const t = tableResolver({ 'A mx1.example': { status: 'ok', address: '192.0.2.1' }, 'A mx2.example': { status: 'ok', address: '192.0.2.2' } });
    const probed: string[] = [];
    const probe: ProbeSmtp = async (host) => {
      probed.push(host);
      return { outcome: 'tls', address: '192.0.2.1', protocol: 'TLSv1.3', certificate: null, chainError: null, error: null, ms: 5 } satisfies SmtpProbeResult;
    };
    const s = sharedProbe(probe, cachingResolve(t.resolve).resolve);
    const results = await Promise.all(Array.from({ length: 1000 }, (_, i) => s.probe(i % 2 ? 'mx1.example' : 'mx2.example')));
    expect(probed.sort()).toEqual(['mx1.example', 'mx2.example']);
    expect(results.every((r) => r.outcome === 'tls')).toBe(true);
    expect(s.stats()).toEqual({ asked: 1000, made: 2, hosts: 2 });
  });
});
