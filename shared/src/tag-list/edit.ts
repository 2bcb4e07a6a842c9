import type { TextEdit } from '../diagnostic.ts';
import type { TagField, TagList } from './parse.ts';

/** Remove a field with one separator next to it (the one before it, else the one after it). */
export function removeFieldEdit(list: TagList, field: TagField): TextEdit {
  const k = field.index;
  const before = list.items[k - 1];
  if (before?.type === 'separator' && list.fields[0] !== field) {
    return { range: { start: before.span.start, end: field.span.end }, newText: '' };
  }
  const after = list.items[k + 1];
  if (after?.type === 'separator') return { range: { start: field.span.start, end: after.span.end }, newText: '' };
  return { range: field.span, newText: '' };
}

/** Add `fieldText` as the last field: after a final `;` when there is one, else after `; `. */
export function appendFieldEdit(list: TagList, fieldText: string): TextEdit {
  const last = list.items[list.items.length - 1];
  if (last?.type === 'separator' && last.mark === ';' && last.markSpan) {
    const spaced = last.span.end > last.markSpan.end && list.text.charCodeAt(last.markSpan.end) === 0x20;
    return spaced
      ? { range: { start: last.markSpan.end + 1, end: last.markSpan.end + 1 }, newText: fieldText }
      : { range: { start: last.markSpan.end, end: last.markSpan.end }, newText: ` ${fieldText}` };
  }
  const lastField = list.fields[list.fields.length - 1];
  const at = lastField ? lastField.span.end : list.leading.end;
  return { range: { start: at, end: at }, newText: lastField ? `; ${fieldText}` : fieldText };
}
