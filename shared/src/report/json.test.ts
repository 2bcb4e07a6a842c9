import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson } from './json.ts';
import { lintReport } from './lint-report.ts';
import { ReportAggregator } from './aggregate.ts';

const fixtures = join(import.meta.dirname, '../../../cli/test/fixtures/report');

describe('parseJson', () => {
  it('keeps the spans of values and keys', () => {
    const text = '{"a": [1, "x\\u00e9"], "b": null}';
    const { root, error } = parseJson(text);
    expect(error).toBeNull();
    expect(root).toEqual({
      kind: 'object',
      start: 0,
      end: 32,
      members: [
        {
          key: 'a',
          keySpan: { start: 1, end: 4 },
          value: { kind: 'array', start: 6, end: 20, items: [{ kind: 'number', start: 7, end: 8, value: 1 }, { kind: 'string', start: 10, end: 19, value: 'xé' }] },
        },
        { key: 'b', keySpan: { start: 22, end: 25 }, value: { kind: 'null', start: 27, end: 31 } },
      ],
    });
  });

  it('stops at the first syntax error with its exact range', () => {
    expect(parseJson('[1,]').error).toEqual({ range: { start: 3, end: 4 }, message: 'expected a JSON value, found `]`' });
    expect(parseJson('{"a" 1}').error).toEqual({ range: { start: 5, end: 6 }, message: 'expected `:` after the key "a", found `1`' });
    expect(parseJson('01').error).toEqual({ range: { start: 0, end: 2 }, message: '`01` is not a JSON number (no leading zeros; digits after `.` and the exponent)' });
    expect(parseJson('"a\nb"').error?.message).toBe('the control character U+000A must be escaped inside a string');
    expect(parseJson('{"a": 1').error?.message).toBe('the text ends inside an unclosed object (missing `}`)');
    expect(parseJson('').error?.message).toBe('the text is empty; a report is a JSON object');
    expect(parseJson('{} x').error).toEqual({ range: { start: 3, end: 4 }, message: 'unexpected `x` after the JSON value' });
  });

  it('limits depth without using the call stack', () => {
    const deep = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    expect(parseJson(deep).error).toEqual({ range: { start: 2560, end: 2561 }, message: 'nested deeper than 512 levels of arrays and objects; the report is not read' });
    expect(parseJson('['.repeat(512) + ']'.repeat(512)).error).toBeNull();
    expect(parseJson('[[1]]', { maxDepth: 1 }).error?.range).toEqual({ start: 1, end: 2 });
  });

  it('refuses text over its length limit', () => {
    expect(parseJson('[1, 2, 3]', { maxLength: 4 }).error?.message).toBe('the text is 9 characters long, over the limit of 4; it is not read');
  });

  it('agrees with JSON.parse on what is JSON', () => {
    for (const t of ['1', '-0.5e-3', 'true', '"\\"\\\\\\/\\b\\f\\n\\r\\t"', '{"a":{"b":[[],{}]}}', ' \n[ 1 , 2 ]\t', '"\ud800"']) {
      const r = parseJson(t);
      expect(r.error).toBeNull();
    }
    for (const t of ['+1', '.5', '1.', 'tru', "'a'", '[1 2]', '{"a":1,}', 'NaN', '"\\x"']) expect(parseJson(t).root).toBeNull();
  });
});

describe('lintReport and the aggregator', () => {
  it('finds nothing in the RFC 8460 §4.5 example and reads its values', () => {
    const lint = lintReport(readFileSync(join(fixtures, 'rfc-example.json'), 'utf8'));
    expect(lint.diagnostics).toEqual([]);
    expect(lint.report?.start).toBe(Date.UTC(2016, 3, 1));
    expect(lint.report?.policies[0]?.failures.map((f) => f.count)).toEqual([100, 200, 3]);
  });

  it('counts only what is valid and keeps tables bounded', () => {
    const agg = new ReportAggregator(3);
    for (let i = 0; i < 10; i++) {
      agg.add({ organization: `org${i}`, contactInfo: null, reportId: null, start: null, end: null, policies: [{ type: 'sts', domain: `d${i}.example`, policyString: null, mxHosts: [], successful: 1, failed: 0, failures: [] }] });
    }
    const s = agg.summary();
    expect(s.successful).toBe(10);
    expect(s.organizations.map((o) => o.name)).toEqual(['(other)', 'org0', 'org1']);
    expect(s.domains.map((d) => [d.domain, d.successful])).toEqual([['(other)', 8], ['d0.example', 1], ['d1.example', 1]]);
  });
});
