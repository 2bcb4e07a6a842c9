// Edits on policy lines that several rules' fixes share: remove a line, set a value, insert lines.
import type { TextEdit } from '../diagnostic.ts';
import type { ParsedPolicy, PolicyFieldLine, PolicyLine } from './parse.ts';

/** Remove a whole line with its line ending (on the first line, a BOM before it stays). */
export function removeLine(line: PolicyLine): TextEdit {
  return { range: { start: line.indent.start, end: line.eol?.end ?? line.span.end }, newText: '' };
}

/** Replace a field's value; an empty value gets one space after the colon. */
export function setValue(line: PolicyFieldLine, value: string): TextEdit {
  if (line.value.start === line.value.end) return { range: { start: line.colon.end, end: line.value.end }, newText: ` ${value}` };
  return { range: line.value, newText: value };
}

/** Insert whole lines after `after` (or at the start, after a BOM, when null), in the file's line-ending style. */
export function insertLines(policy: ParsedPolicy, after: PolicyLine | null, texts: readonly string[]): TextEdit {
  const nl = policy.newline;
  if (after === null) {
    const at = policy.bom ? 1 : 0;
    return { range: { start: at, end: at }, newText: texts.map((t) => t + nl).join('') };
  }
  if (after.eol) return { range: { start: after.eol.end, end: after.eol.end }, newText: texts.map((t) => t + nl).join('') };
  // The last line has no line ending: break it first.
  return { range: { start: after.span.end, end: after.span.end }, newText: texts.map((t) => nl + t).join('') };
}

/** Insert whole lines at the end of the file. */
export function appendLines(policy: ParsedPolicy, texts: readonly string[]): TextEdit {
  return insertLines(policy, policy.lines.at(-1) ?? null, texts);
}
