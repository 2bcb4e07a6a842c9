import { describe, expect, it } from 'vitest';
import { embeddedValue, mapEdit, mapRange } from './embedded.ts';
import { recordsOfType } from './names.ts';
import { parseZone } from './parse.ts';
import { applyEdits } from '../text/edits.ts';

const text = '$TTL 60\n_mta-sts TXT "v=STSv1;" ( " id=\\"1\\"" ; split\n  ) \n_smtp._tls TXT v=TLSRPTv1;rua=x\n';
const zone = parseZone(text, { origin: 'example.com' });
const [sts, tlsrpt] = recordsOfType(zone, 16);

describe('embedded TXT values', () => {
  it('joins the strings of a record and maps each character back through escapes and splits', () => {
    const v = embeddedValue(zone, sts!);
    expect(v.value).toBe('v=STSv1; id="1"');
    const id = v.value.indexOf('"1"');
    const r = mapRange(v, { start: id, end: id + 3 });
    expect(text.slice(r.start, r.end)).toBe('\\"1\\"');
    const empty = mapRange(v, { start: v.value.length, end: v.value.length });
    expect(text.slice(empty.start - 2, empty.start + 1)).toBe('\\""');
  });

  it('maps an edit inside one string exactly, escaping what it inserts', () => {
    const v = embeddedValue(zone, sts!);
    const id = v.value.indexOf('"1"');
    const edit = mapEdit(v, { range: { start: id, end: id + 3 }, newText: 'a"b' }, text.length)!;
    expect(applyEdits(text, [edit])).toContain('" id=a\\"b" ; split');
  });

  it('puts an insertion at a string boundary at the end of the earlier string', () => {
    const v = embeddedValue(zone, sts!);
    const edit = mapEdit(v, { range: { start: 8, end: 8 }, newText: 'X' }, text.length)!;
    expect(applyEdits(text, [edit])).toContain('"v=STSv1;X" (');
  });

  it('drops an edit that spans two strings rather than corrupt the file', () => {
    const v = embeddedValue(zone, sts!);
    expect(mapEdit(v, { range: { start: 6, end: 10 }, newText: '' }, text.length)).toBeNull();
  });

  it('escapes blanks and semicolons inserted into an unquoted word', () => {
    const v = embeddedValue(zone, tlsrpt!);
    expect(v.value).toBe('v=TLSRPTv1');
    const edit = mapEdit(v, { range: { start: 10, end: 10 }, newText: '; rua=mailto:a@b' }, text.length)!;
    expect(edit.newText).toBe('\\;\\ rua=mailto:a@b');
  });
});
