import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../policy/parse.ts';
import { parseZone } from '../zone/parse.ts';
import { mxRecordsCovered, policyMxPatternAt, zoneDefinition, zoneTargetAt } from './definition.ts';

const path = resolve(import.meta.dirname, '../../fixtures/zone/workspace/db.example.com');
const text = readFileSync(path, 'utf8');
const zone = parseZone(text, { path });
const at = (needle: string, delta = 0) => text.indexOf(needle) + delta;
const slices = (spans: readonly { start: number; end: number }[]) => spans.map((s) => text.slice(s.start, s.end));

describe('go to definition', () => {
  it('goes from a relative or absolute target in RDATA to the records owning it in the zone', () => {
    expect(zoneTargetAt(zone, at('10 mx1', 4))).toEqual({ name: 'mx1.example.com.', range: { start: at('10 mx1', 3), end: at('10 mx1', 6) } });
    expect(slices(zoneDefinition(zone, at('10 mx1', 4)))).toEqual(['mx1 IN A 192.0.2.25']);
    expect(slices(zoneDefinition(zone, at('20 a.mail', 5)))).toEqual(['a.mail IN A 192.0.2.26']);
    expect(slices(zoneDefinition(zone, at('NS ns1', 4)))).toEqual(['ns1 IN A 192.0.2.1']);
    // Out of the zone, on a preference, or on an owner: nothing.
    expect(zoneDefinition(zone, at('backup.example.net', 2))).toEqual([]);
    expect(zoneDefinition(zone, at('10 mx1', 1))).toEqual([]);
    expect(zoneTargetAt(zone, at('mx1 IN A', 1))).toBeNull();
  });

  it('goes from an mx: pattern to the MX records of the domain it covers', () => {
    const policy = parsePolicy('version: STSv1\nmode: enforce\nmx: *.example.com\nmx: *.mail.example.com\nmax_age: 604800\n');
    expect(policyMxPatternAt(policy, 35)).toEqual({ pattern: '*.example.com', range: { start: 33, end: 46 } });
    expect(policyMxPatternAt(policy, 2)).toBeNull();
    expect(slices(mxRecordsCovered(zone, 'example.com', '*.example.com'))).toEqual(['mx1']);
    expect(slices(mxRecordsCovered(zone, 'example.com', '*.mail.example.com'))).toEqual(['a.mail']);
    expect(slices(mxRecordsCovered(zone, 'example.com.', 'backup.example.net'))).toEqual(['backup.example.net.']);
    expect(mxRecordsCovered(zone, 'example.org', '*.example.com')).toEqual([]);
  });
});
