import * as packet from '@leichtgewicht/dns-packet';
import type { Answer, Packet, Question } from '@leichtgewicht/dns-packet';
import { describe, expect, it } from 'vitest';
import { canonicalName, decodeAnswer, encodeQuery, isTruncated, messageId, queryNameProblem } from './wire.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

function response(p: Partial<Packet> & { answers?: Answer[] }, question: Question = { name: 'a.test', type: 'TXT' }): Uint8Array {
  return packet.encode({ type: 'response', id: 0, flags: packet.RECURSION_DESIRED, questions: [question], ...p });
}

describe('encodeQuery', () => {
  it('builds a recursive query with the id, the question and an EDNS(0) OPT of 1232 bytes', () => {
    const bytes = encodeQuery('_MTA-STS.Example.COM.', 'TXT', 0x1234);
    expect(messageId(bytes)).toBe(0x1234);
    const q = packet.decode(bytes);
    expect(q.type).toBe('query');
    expect(q.flag_rd).toBe(true);
    expect(q.questions).toEqual([{ name: '_mta-sts.example.com', type: 'TXT', class: 'IN' }]);
    expect(q.additionals?.[0]).toMatchObject({ type: 'OPT', udpPayloadSize: 1232 });
  });

  it('encodes every record type the checker asks for', () => {
    for (const type of ['TXT', 'MX', 'CNAME', 'A', 'AAAA', 'TLSA'] as const) {
      expect(packet.decode(encodeQuery('_25._tcp.mx.example.com', type, 7)).questions?.[0]?.type).toBe(type);
    }
  });

  it('refuses names no query can carry, and says why', () => {
    expect(queryNameProblem('example.com')).toBeUndefined();
    expect(queryNameProblem('')).toBe('the name is empty');
    expect(queryNameProblem('a..example')).toBe('the name `a..example` has an empty label');
    expect(queryNameProblem(`${'x'.repeat(64)}.example`)).toMatch(/label longer than 63 octets/);
    expect(queryNameProblem(`${'abcdefghi.'.repeat(26)}example`)).toMatch(/longer than 253 octets/);
    expect(() => encodeQuery(`${'x'.repeat(64)}.example`, 'A', 1)).toThrow(RangeError);
  });
});

describe('decodeAnswer', () => {
  it('keeps each TXT character-string and their concatenation', () => {
    const bytes = response({ answers: [{ type: 'TXT', name: 'a.test', ttl: 300, data: ['v=STSv1; ', 'id=2026;'] }] });
    expect(decodeAnswer(bytes, 'a.test', 'TXT')).toEqual({
      name: 'a.test',
      type: 'TXT',
      status: 'ok',
      records: [
        { type: 'TXT', name: 'a.test', ttl: 300, strings: ['v=STSv1; ', 'id=2026;'], value: 'v=STSv1; id=2026;', invalidUtf8: false },
      ],
      cnames: [],
      ms: 0,
    });
  });

  it('decodes TXT bytes as UTF-8, joining the bytes first so a character split between strings survives', () => {
    const e = utf8('é'); // 2 bytes, one in each string
    const bytes = response({
      answers: [{ type: 'TXT', name: 'a.test', data: [new Uint8Array([0x78, e[0]!]), new Uint8Array([e[1]!, 0x79])] }],
    });
    const r = decodeAnswer(bytes, 'a.test', 'TXT').records[0]!;
    expect(r.value).toBe('xéy');
    expect(r.strings).toEqual(['x\uFFFD', '\uFFFDy']);
    expect(r.invalidUtf8).toBe(true);
  });

  it('replaces bytes that are not UTF-8 and flags them; keeps NUL and control characters', () => {
    const bytes = response({ answers: [{ type: 'TXT', name: 'a.test', data: [new Uint8Array([0x76, 0xff, 0x00, 0x09])] }] });
    const r = decodeAnswer(bytes, 'a.test', 'TXT').records[0]!;
    expect(r.value).toBe('v\uFFFD\u0000\t');
    expect(r.invalidUtf8).toBe(true);
  });

  it('keeps an empty TXT record as one empty string', () => {
    const bytes = response({ answers: [{ type: 'TXT', name: 'a.test', data: [new Uint8Array(0)] }] });
    expect(decodeAnswer(bytes, 'a.test', 'TXT').records[0]).toMatchObject({ strings: [''], value: '' });
  });

  it('decodes MX preference and exchange (lower-cased, trailing dot dropped)', () => {
    const bytes = response(
      {
        answers: [
          { type: 'MX', name: 'example.test', ttl: 60, data: { preference: 10, exchange: 'MX1.Example.TEST' } },
          { type: 'MX', name: 'example.test', ttl: 60, data: { preference: 20, exchange: 'mx2.example.test' } },
        ],
      },
      { name: 'example.test', type: 'MX' },
    );
    const a = decodeAnswer(bytes, 'Example.Test.', 'MX');
    expect(a.status).toBe('ok');
    expect(a.records.map((r) => [r.preference, r.exchange])).toEqual([
      [10, 'mx1.example.test'],
      [20, 'mx2.example.test'],
    ]);
  });

  it('follows a CNAME chain inside the answer section, in order, and takes the records at its end', () => {
    const bytes = response({
      answers: [
        { type: 'CNAME', name: 'a.test', data: 'B.test' },
        { type: 'CNAME', name: 'b.test', data: 'c.test' },
        { type: 'TXT', name: 'c.test', data: 'v=STSv1; id=1' },
        { type: 'TXT', name: 'a.test', data: 'not at the end of the chain' },
      ],
    });
    const a = decodeAnswer(bytes, 'a.test', 'TXT');
    expect(a.cnames).toEqual(['b.test', 'c.test']);
    expect(a.status).toBe('ok');
    expect(a.records.map((r) => [r.name, r.value])).toEqual([['c.test', 'v=STSv1; id=1']]);
  });

  it('answers a CNAME query with the CNAME record itself, not followed', () => {
    const bytes = response({ answers: [{ type: 'CNAME', name: 'a.test', data: 'b.test' }] }, { name: 'a.test', type: 'CNAME' });
    const a = decodeAnswer(bytes, 'a.test', 'CNAME');
    expect(a.cnames).toEqual([]);
    expect(a.records).toEqual([{ type: 'CNAME', name: 'a.test', ttl: 0, target: 'b.test' }]);
  });

  it('reports a CNAME loop as an error', () => {
    const bytes = response({
      answers: [
        { type: 'CNAME', name: 'a.test', data: 'b.test' },
        { type: 'CNAME', name: 'b.test', data: 'a.test' },
      ],
    });
    expect(decodeAnswer(bytes, 'a.test', 'TXT')).toMatchObject({ status: 'error', error: 'CNAME loop at `a.test`' });
  });

  it('gives nodata for a chain that ends without records of the type', () => {
    const bytes = response({ answers: [{ type: 'CNAME', name: 'a.test', data: 'b.test' }] });
    expect(decodeAnswer(bytes, 'a.test', 'TXT')).toMatchObject({ status: 'nodata', cnames: ['b.test'], records: [] });
  });

  it('maps RCODEs to statuses', () => {
    const withRcode = (rcode: number) => response({ flags: packet.RECURSION_DESIRED | rcode });
    expect(decodeAnswer(withRcode(0), 'a.test', 'TXT')).toEqual({
      name: 'a.test',
      type: 'TXT',
      status: 'nodata',
      records: [],
      cnames: [],
      ms: 0,
    });
    expect(decodeAnswer(withRcode(3), 'a.test', 'TXT')).toEqual({
      name: 'a.test',
      type: 'TXT',
      status: 'nxdomain',
      records: [],
      cnames: [],
      ms: 0,
    });
    expect(decodeAnswer(withRcode(2), 'a.test', 'TXT')).toMatchObject({ status: 'servfail' });
    expect(decodeAnswer(withRcode(5), 'a.test', 'TXT')).toMatchObject({ status: 'refused' });
    expect(decodeAnswer(withRcode(1), 'a.test', 'TXT')).toMatchObject({ status: 'error', error: 'the server answered FORMERR' });
  });

  it('decodes A, AAAA and TLSA records', () => {
    const a = response({ answers: [{ type: 'A', name: 'h.test', data: '127.0.0.1' }] }, { name: 'h.test', type: 'A' });
    expect(decodeAnswer(a, 'h.test', 'A').records).toEqual([{ type: 'A', name: 'h.test', ttl: 0, address: '127.0.0.1' }]);
    const aaaa = response({ answers: [{ type: 'AAAA', name: 'h.test', data: '::1' }] }, { name: 'h.test', type: 'AAAA' });
    expect(decodeAnswer(aaaa, 'h.test', 'AAAA').records[0]?.address).toBe('::1');
    const rdata = new Uint8Array([3, 1, 1, 0xde, 0xad, 0xbe, 0xef]);
    const tlsa = response({ answers: [{ type: 'TLSA', name: '_25._tcp.mx.test', ttl: 5, data: rdata }] }, { name: '_25._tcp.mx.test', type: 'TLSA' });
    expect(decodeAnswer(tlsa, '_25._tcp.mx.test', 'TLSA').records).toEqual([
      { type: 'TLSA', name: '_25._tcp.mx.test', ttl: 5, usage: 3, selector: 1, matchingType: 1, data: 'deadbeef' },
    ]);
  });

  it('reports a TLSA record too short to hold its fields as an error', () => {
    const tlsa = response({ answers: [{ type: 'TLSA', name: 'x.test', data: new Uint8Array([3, 1]) }] }, { name: 'x.test', type: 'TLSA' });
    expect(decodeAnswer(tlsa, 'x.test', 'TLSA')).toMatchObject({ status: 'error' });
  });

  it('rejects an answer to another question, and a query', () => {
    const other = response({ answers: [] }, { name: 'b.test', type: 'TXT' });
    expect(decodeAnswer(other, 'a.test', 'TXT')).toMatchObject({ status: 'error', error: 'answer is for `b.test` TXT, not `a.test` TXT' });
    expect(decodeAnswer(encodeQuery('a.test', 'TXT', 1), 'a.test', 'TXT')).toMatchObject({ status: 'error' });
  });

  it('never throws on truncated or garbage bytes: status error', () => {
    const good = response({ answers: [{ type: 'TXT', name: 'a.test', data: ['v=STSv1; id=1'] }] });
    const inputs = [
      new Uint8Array(0),
      new Uint8Array([0xff]),
      good.subarray(0, 11),
      good.subarray(0, good.length - 3),
      new Uint8Array(512).fill(0xc0),
      Uint8Array.from({ length: 300 }, (_, i) => (i * 37 + 11) & 0xff),
    ];
    for (const bytes of inputs) {
      const a = decodeAnswer(bytes, 'a.test', 'TXT');
      expect(a.status).toBe('error');
      expect(a.records).toEqual([]);
    }
  });

  it('reads the TC bit and the message id', () => {
    expect(isTruncated(response({ flags: packet.TRUNCATED_RESPONSE }))).toBe(true);
    expect(isTruncated(response({}))).toBe(false);
    expect(isTruncated(new Uint8Array(1))).toBe(false);
    expect(messageId(new Uint8Array([0xab, 0xcd, 0]))).toBe(0xabcd);
    expect(messageId(new Uint8Array(1))).toBe(0);
  });

  it('canonicalises names for comparison', () => {
    expect(canonicalName('MX.Example.COM.')).toBe('mx.example.com');
    expect(canonicalName('.')).toBe('.');
  });

  it('stays fast on huge inputs: 20 MB of bytes, a header claiming 65535 records of each section', () => {
    const huge = new Uint8Array(20 * 1024 * 1024);
    for (let i = 0; i < huge.length; i += 4096) huge[i] = i & 0xff;
    const claims = new Uint8Array(1 << 16);
    claims.set([0, 0, 0x81, 0x80, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    for (const bytes of [huge, claims]) {
      const start = Date.now();
      expect(decodeAnswer(bytes, 'a.test', 'TXT').status).toBe('error');
      expect(Date.now() - start).toBeLessThan(2000);
    }
  });
});
