import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mailTxtRecords, STS_PREFIX, TLSRPT_PREFIX } from './mail-records.ts';
import { nameOf, nameStartsWith } from './names.ts';
import { parseZone } from './parse.ts';
import type { Zone } from './model.ts';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/zone');

function zoneFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? zoneFiles(p) : [p];
  });
}

function readInclude(path: string, fromPath: string): string | null {
  const full = resolve(dirname(fromPath), path);
  return existsSync(full) ? readFileSync(full, 'utf8') : null;
}

const PREFIXES = [STS_PREFIX, TLSRPT_PREFIX, '_', '_mta-sts.example.com.', '_mta-sts.example.', 'a', 'a.', 'ab.', 'mx.', 'www.example.com.', '.'];

/** Every owner name of the zone against every prefix: the answer without spelling must be the spelled one. */
function expectSameAsSpelled(zone: Zone): number {
  let checked = 0;
  for (let id = 0; id < zone.names.count; id++) {
    const name = nameOf(zone, id);
    for (const p of PREFIXES) {
      expect([name, p, nameStartsWith(zone, id, p)]).toEqual([name, p, name.startsWith(p)]);
      checked++;
    }
  }
  return checked;
}

describe('nameStartsWith', () => {
  it('agrees with the spelled name on every owner of every zone fixture', () => {
    let checked = 0;
    for (const path of zoneFiles(FIXTURES)) checked += expectSameAsSpelled(parseZone(readFileSync(path, 'utf8'), { path, readInclude }));
    expect(checked).toBeGreaterThan(100);
  });

  it('agrees on short, upper-case, absolute, root-origin and escaped owners', () => {
    const text = [
      '$ORIGIN example.com.',
      '@ IN SOA ns1 hostmaster 1 3600 600 86400 300',
      '_MTA-STS IN TXT "v=STSv1; id=1"',
      '_mta-sts.sub IN TXT "v=STSv1; id=2"',
      '_smtp._TLS IN TXT "v=TLSRPTv1; rua=mailto:r@example.com"',
      'txt1 IN TXT "x"',
      '_ IN TXT "x"',
      '_mta IN TXT "x"',
      'a IN A 192.0.2.1',
      '_mta-sts.example.com. IN TXT "v=STSv1; id=3"',
      '_mta-sts. IN TXT "x"',
      '\\_mta-sts IN TXT "x"',
      '$ORIGIN .',
      '_mta-sts IN TXT "x"',
      'ab IN A 192.0.2.2',
      '$ORIGIN e.',
      '_mta-sts IN TXT "x"',
      '',
    ].join('\n');
    const zone = parseZone(text, {});
    expect(expectSameAsSpelled(zone)).toBe(zone.names.count * PREFIXES.length);
    expect(mailTxtRecords(zone).sts.map((r) => r.owner)).toEqual(['_mta-sts.example.com.', '_mta-sts.sub.example.com.', '_mta-sts.example.com.', '_mta-sts.', '_mta-sts.', '_mta-sts.e.']);
    expect(mailTxtRecords(zone).tlsrpt.map((r) => r.owner)).toEqual(['_smtp._tls.example.com.']);
  });
});
