import { classCode, typeCode } from '../rr-types.ts';
import { problemRule } from './problem-rule.ts';

/** Whether a line starts a new entry: an owner in column 1, or a blank then a class or type (inherited owner). */
function startsEntry(line: string): boolean {
  if (/^[^\s;]/.test(line)) return true;
  const first = /^[ \t]+([^\s;()"]+)/.exec(line)?.[1];
  return first !== undefined && (classCode(first) >= 0 || typeCode(first) >= 0);
}

/** Where a line's data ends: before a comment (outside quotes) and trailing blanks. */
function dataEnd(line: string): number {
  let quoted = false;
  let end = line.length;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\') i++;
    else if (c === '"') quoted = !quoted;
    else if (c === ';' && !quoted) {
      end = i;
      break;
    }
  }
  while (end > 0 && /[ \t\r]/.test(line[end - 1]!)) end--;
  return end;
}

/** Where a never-closed `(` most likely meant to close: after the last data line before the next entry. */
function closeAt(text: string, open: number): number {
  let lineStart = text.lastIndexOf('\n', open) + 1;
  let best = -1;
  for (let first = true; lineStart < text.length; first = false) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    if (!first && startsEntry(line)) break;
    const end = dataEnd(line);
    if (end > (first ? open - lineStart : 0)) best = lineStart + end;
    lineStart = lineEnd + 1;
  }
  return best < 0 ? open + 1 : best;
}

export const unbalancedParen = problemRule(
  {
    name: 'unbalanced-paren',
    severity: 'error',
    rfc: 'RFC 1035 §5.1',
    summary: 'Every `(` that continues a record over several lines needs its `)`, and a `)` needs its `(`.',
    fixable: true,
  },
  (ctx, p) => {
    if (p.range.end > ctx.text.length) return [];
    if (ctx.text[p.range.start] === ')') {
      return [{ title: 'Remove the unmatched `)`', edits: [{ range: p.range, newText: '' }], isPreferred: true }];
    }
    const at = closeAt(ctx.text, p.range.start);
    return [{ title: 'Close the `(` at the end of the record', edits: [{ range: { start: at, end: at }, newText: ' )' }] }];
  },
);
