import type { TextEdit } from '../diagnostic.ts';
import type { Report } from '../rule.ts';
import type { TagDialect } from './dialect.ts';
import { quote, quoteSpan } from './message.ts';
import type { TagField, TagList, TagSeparator } from './parse.ts';
import { cappedReport } from './report.ts';

// Whether text[start, end) holds only spaces and tabs (no line breaks), without slicing it.
function onlyWsp(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09) return false;
  }
  return true;
}

/**
 * Report separators outside `*WSP ";" *WSP` (commas, bare whitespace, empty fields, line breaks), whitespace
 * before `;` (allowed by the grammar, not by RFC 8461 erratum 6285), whitespace around `=`, and trailing
 * whitespace. Separators before the first field and the version field belong to the version check.
 */
export function checkSeparators(list: TagList, versionField: TagField | null, dialect: TagDialect, report: Report): void {
  const { text, items } = list;
  const first = list.fields[0];
  const { report: emit, full } = cappedReport(report);
  if (first) {
    for (let i = first.index + 1; i < items.length && !full(); i++) {
      const item = items[i]!;
      if (item.type !== 'separator') continue;
      // The common case, `; ` between two fields, allocates nothing.
      if (
        item.mark === ';' &&
        item.markSpan!.start === item.span.start &&
        items[i + 1]?.type === 'field' &&
        onlyWsp(text, item.markSpan!.end, item.span.end)
      ) {
        continue;
      }
      let j = i;
      while (items[j + 1]?.type === 'separator') j++;
      const last = items[j] as TagSeparator;
      const prev = items[i - 1] as TagField;
      const atEnd = j === items.length - 1;
      const replacement = atEnd ? ';' : '; ';
      const whole = { start: item.span.start, end: last.span.end };
      const normalized: TextEdit[] = [{ range: whole, newText: replacement }];
      if (j > i) {
        const marks = text.slice(whole.start, Math.min(whole.end, whole.start + 200)).replace(/[ \t\r\n]+/g, '');
        emit({
          range: { start: item.markSpan?.start ?? whole.start, end: last.markSpan?.end ?? whole.end },
          message: `${quote(marks)}: an empty field between separators; ${dialect.invalidConsequence}; use a single \`;\``,
          fixes: [{ title: `Replace with \`${replacement.trim()}\``, edits: normalized, isPreferred: true }],
        });
        i = j;
        continue;
      }
      const next = items[i + 1] as TagField | undefined;
      const fieldText = (f: TagField) => quoteSpan(text, f.span, 30);
      if (item.mark === ',') {
        emit({
          range: item.markSpan!,
          message: `\`,\` after ${fieldText(prev)}: fields are separated by \`;\`, not \`,\`; ${dialect.invalidConsequence}`,
          fixes: [{ title: `Replace \`,\` with \`;\``, edits: normalized, isPreferred: true }],
        });
        continue;
      }
      if (item.mark === null) {
        emit({
          range: item.span,
          message: `only whitespace between ${fieldText(prev)} and ${fieldText(next!)}: fields are separated by \`;\`; ${dialect.invalidConsequence}`,
          fixes: [{ title: 'Separate the fields with `;`', edits: normalized, isPreferred: true }],
        });
        continue;
      }
      const mark = item.markSpan!;
      const hasBefore = mark.start > item.span.start;
      const hasAfter = item.span.end > mark.end;
      if (!onlyWsp(text, item.span.start, mark.start) || (!atEnd && !onlyWsp(text, mark.end, item.span.end))) {
        emit({
          range: item.span,
          message: `a line break around \`;\`: a TXT record is one line, and only spaces and tabs may surround \`;\`; ${dialect.invalidConsequence}`,
          fixes: [{ title: `Replace with \`${replacement}\``, edits: normalized, isPreferred: true }],
        });
        continue;
      }
      if (atEnd && hasAfter && !onlyWsp(text, mark.end, item.span.end)) {
        const range = { start: mark.end, end: item.span.end };
        emit({
          range,
          message: 'a line break after the final `;`: a TXT record is one line; remove it',
          severity: 'warning',
          fixes: [{ title: 'Remove the trailing whitespace', edits: [{ range, newText: '' }], isPreferred: true }],
        });
        continue;
      }
      if (hasBefore) {
        const range = { start: item.span.start, end: mark.start };
        const afterVersion = prev === versionField && prev === first;
        emit({
          range,
          severity: afterVersion ? 'error' : 'warning',
          message: afterVersion
            ? `whitespace between \`v=${dialect.version}\` and \`;\`: senders pick the record out by its beginning \`v=${dialect.version};\` and skip this one (${dialect.rfc}); remove it`
            : 'whitespace before `;`: the grammar allows it, but RFC 8461 erratum 6285 does not and strict parsers reject it; remove it',
          fixes: [{ title: 'Remove the whitespace before `;`', edits: [{ range, newText: '' }], isPreferred: true }],
        });
      }
    }
  }
  for (const f of list.fields) {
    if (full()) break;
    if (f === versionField || !f.eq || f.name.start === f.name.end) continue;
    const valueStart = f.value && f.value.end > f.value.start ? f.value.start : f.eq.end;
    if (f.name.end === f.eq.start && f.eq.end === valueStart) continue;
    const gapBefore = { start: f.name.end, end: f.eq.start };
    const gapAfter = { start: f.eq.end, end: valueStart };
    const fixed = `${f.nameText}=${f.valueText.slice(0, 40)}`;
    const edits: TextEdit[] = [];
    if (gapBefore.end > gapBefore.start) edits.push({ range: gapBefore, newText: '' });
    if (gapAfter.end > gapAfter.start) edits.push({ range: gapAfter, newText: '' });
    emit({
      range: { start: edits[0]!.range.start, end: edits[edits.length - 1]!.range.end },
      message: `whitespace around \`=\` in ${quoteSpan(text, f.span, 40)}: a field is \`name=value\` with nothing between; ${dialect.invalidConsequence}; write ${quote(fixed, 40)}`,
      fixes: [{ title: 'Remove the whitespace around `=`', edits, isPreferred: true }],
    });
  }
  if (list.trailing.end > list.trailing.start) {
    emit({
      range: list.trailing,
      severity: 'warning',
      message: 'whitespace after the last field: the grammar ends a record with a field or `;`, and strict parsers reject it; remove it',
      fixes: [{ title: 'Remove the trailing whitespace', edits: [{ range: list.trailing, newText: '' }], isPreferred: true }],
    });
  }
}
