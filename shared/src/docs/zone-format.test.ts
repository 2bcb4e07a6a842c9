import { readdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordAt } from '../zone/names.ts';
import { parseZone } from '../zone/parse.ts';
import { canonicalRdata } from '../zone/rdata.ts';
import { formatZone } from './zone-format.ts';

const fixture = (rel: string) => resolve(import.meta.dirname, '../../fixtures/zone', rel);
const records = (text: string, path: string) => {
  const z = parseZone(text, { path });
  return Array.from({ length: z.records.count }, (_, i) => {
    const r = recordAt(z, i);
    return [r.owner, r.ttl, r.cls, r.type, canonicalRdata(z, r)].join(' ');
  });
};

describe('formatZone', () => {
  it('aligns one-line records in columns, keeps comments, directives and parenthesised records', () => {
    const path = fixture('workspace/db.example.com');
    const text = readFileSync(path, 'utf8');
    expect(formatZone(parseZone(text, { path }))).toBe(
      [
        '$ORIGIN example.com.',
        '$TTL 3600',
        '@          IN SOA ns1 hostmaster 1 7200 3600 1209600 300',
        '           IN NS  ns1',
        '           IN MX  10 mx1',
        '           IN MX  20 a.mail',
        '           IN MX  30 backup.example.net.',
        'ns1        IN A   192.0.2.1',
        'mx1        IN A   192.0.2.25',
        'a.mail     IN A   192.0.2.26',
        '_mta-sts   IN TXT "v=STSv1; id=20260601000000"',
        '_smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:tls@example.com"',
        'mta-sts    IN A   192.0.2.8',
        '',
      ].join('\n'),
    );
  });

  it('changes no record of any fixture (same owners, TTLs, classes, types, RDATA) and is idempotent', () => {
    const dirs = ['valid', 'invalid', 'workspace'];
    let changed = 0;
    for (const dir of dirs) {
      for (const name of readdirSync(fixture(dir))) {
        const path = fixture(`${dir}/${name}`);
        if (!statSync(path).isFile()) continue;
        const text = readFileSync(path, 'utf8');
        const once = formatZone(parseZone(text, { path }));
        if (once !== text) changed++;
        expect(records(once, path), path).toEqual(records(text, path));
        expect(formatZone(parseZone(once, { path })), path).toBe(once);
      }
    }
    expect(changed).toBeGreaterThan(5);
  });
});
