import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nearMiss } from './near-miss.ts';
import { parseTagList, type TagList } from './parse.ts';

const fixtureRoot = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures');

/** The spans of a tag list, in order; lossless means they tile the text exactly. */
function tiles(list: TagList): { start: number; end: number }[] {
  return [
    ...(list.bom ? [list.bom] : []),
    list.leading,
    ...list.items.map((i) => i.span),
    list.trailing,
    ...(list.overflow ? [list.overflow] : []),
    ...(list.lineEnd ? [list.lineEnd] : []),
  ];
}

function expectLossless(text: string): void {
  const list = parseTagList(text, { commaFieldNames: ['v', 'id', 'rua'] });
  let at = 0;
  for (const span of tiles(list)) {
    expect(span.start).toBe(at);
    expect(span.end).toBeGreaterThanOrEqual(span.start);
    at = span.end;
  }
  expect(at).toBe(text.length);
  list.items.forEach((item, i) => expect(item.index).toBe(i));
  for (const f of list.fields) {
    expect(f.nameText).toBe(text.slice(f.name.start, f.name.end));
    expect(f.valueText).toBe(f.value ? text.slice(f.value.start, f.value.end) : '');
  }
}

/** Fields as `name`, `=`-or-not and value, for compact expectations. */
function shape(text: string, commaFieldNames: readonly string[] = ['v', 'id']) {
  const list = parseTagList(text, { commaFieldNames });
  return list.items.map((i) =>
    i.type === 'field' ? `${i.nameText}${i.eq ? '=' : i.value ? '_' : ''}${i.valueText}` : `[${i.mark ?? ' '}]`,
  );
}

describe('parseTagList', () => {
  it('reads fields and `;` separators with their spans', () => {
    const list = parseTagList('v=STSv1; id=20260417T000000;');
    expect(list.fields.map((f) => [f.nameText, f.valueText])).toEqual([
      ['v', 'STSv1'],
      ['id', '20260417T000000'],
    ]);
    const id = list.fields[1]!;
    expect(id.name).toEqual({ start: 9, end: 11 });
    expect(id.eq).toEqual({ start: 11, end: 12 });
    expect(id.value).toEqual({ start: 12, end: 27 });
    expect(list.items[1]).toMatchObject({ type: 'separator', mark: ';', span: { start: 7, end: 9 }, markSpan: { start: 7, end: 8 } });
    expect(list.items[3]).toMatchObject({ type: 'separator', mark: ';', span: { start: 27, end: 28 } });
    expect(list.trailing).toEqual({ start: 28, end: 28 });
  });

  it('tells a `,` or whitespace between fields from one inside a value', () => {
    expect(shape('v=STSv1, id=1')).toEqual(['v=STSv1', '[,]', 'id=1']);
    expect(shape('v=STSv1,id=1')).toEqual(['v=STSv1', '[,]', 'id=1']);
    expect(shape('v=STSv1 id=1')).toEqual(['v=STSv1', '[ ]', 'id=1']);
    expect(shape('v=STSv1, foo=bar')).toEqual(['v=STSv1', '[,]', 'foo=bar']);
    expect(shape('rua=mailto:a@example.com,mailto:b@example.com', ['v', 'rua'])).toEqual([
      'rua=mailto:a@example.com,mailto:b@example.com',
    ]);
    expect(shape('rua=https://r.example/?a=1,b=2', ['v', 'rua'])).toEqual(['rua=https://r.example/?a=1,b=2']);
    expect(shape('rua=mailto:a@example.com , rua=x', ['v', 'rua'])).toEqual(['rua=mailto:a@example.com', '[,]', 'rua=x']);
  });

  it('keeps empty fields, fields without `=` or name, and whitespace around `=`', () => {
    expect(shape('v=STSv1;; id=1;')).toEqual(['v=STSv1', '[;]', '[;]', 'id=1', '[;]']);
    expect(shape('id 123; foo; =x; a==b')).toEqual(['id_123', '[;]', 'foo', '[;]', '=x', '[;]', 'a==b']);
    expect(shape('foo bar=1')).toEqual(['foo', '[ ]', 'bar=1']);
    const list = parseTagList('id = 1 ;x=');
    expect(list.fields[0]).toMatchObject({ name: { start: 0, end: 2 }, eq: { start: 3, end: 4 }, value: { start: 5, end: 6 } });
    expect(list.items[1]).toMatchObject({ mark: ';', span: { start: 6, end: 8 } });
    expect(list.fields[1]).toMatchObject({ nameText: 'x', value: { start: 10, end: 10 }, valueText: '' });
  });

  it('sets aside a BOM, leading and trailing whitespace, and one final line ending', () => {
    const list = parseTagList('\uFEFF  v=STSv1 \r\n');
    expect(list.bom).toEqual({ start: 0, end: 1 });
    expect(list.leading).toEqual({ start: 1, end: 3 });
    expect(list.trailing).toEqual({ start: 10, end: 11 });
    expect(list.lineEnd).toEqual({ start: 11, end: 13 });
    expect(list.end).toBe(11);
    expect(parseTagList('a=1\n\n').lineEnd).toEqual({ start: 4, end: 5 });
    expect(parseTagList('a=1\r').lineEnd).toEqual({ start: 3, end: 4 });
    expect(parseTagList('a=1').lineEnd).toBeNull();
  });

  it('leaves text past 64 KiB untokenized, as no TXT record is that long', () => {
    const list = parseTagList(`a=1; b=${'x'.repeat(70_000)}\n`);
    expect(list.overflow).toEqual({ start: 65_536, end: 70_007 });
    expect(list.fields[1]!.value).toEqual({ start: 7, end: 65_536 });
    expect(list.end).toBe(70_007);
  });

  it('is lossless on every fixture and on odd input', () => {
    for (const kind of ['sts-txt', 'tlsrpt-txt']) {
      for (const sub of ['valid', 'invalid']) {
        const dir = join(fixtureRoot, kind, sub);
        for (const name of readdirSync(dir)) expectLossless(readFileSync(join(dir, name), 'utf8'));
      }
    }
    expectLossless(`v=STSv1; id=${'1'.repeat(70_000)}; x=y\n`);
    for (const text of ['', ' ', ';', ',', '=', '\n', '\r\n', '\uFEFF', ';;,, ==', 'a b c', '\0\0=\0', '\uD800=\uDC00', 'v=STSv1,\n foo=bar ,']) {
      expectLossless(text);
    }
  });
});

describe('nearMiss', () => {
  it('matches another case or one edit with the same first letter, not short or unrelated names', () => {
    expect(nearMiss('ID', ['id'])).toBe('id');
    expect(nearMiss('Id', ['id'])).toBe('id');
    expect(nearMiss('ids', ['id'])).toBe('id');
    expect(nearMiss('ruf', ['rua'])).toBe('rua');
    expect(nearMiss('rau', ['rua'])).toBe('rua');
    expect(nearMiss('RUA', ['rua'])).toBe('rua');
    expect(nearMiss('id', ['id'])).toBeNull();
    expect(nearMiss('i', ['id'])).toBeNull();
    expect(nearMiss('di', ['id'])).toBeNull();
    expect(nearMiss('mode', ['id'])).toBeNull();
    expect(nearMiss('ruaxx', ['rua'])).toBeNull();
  });
});
