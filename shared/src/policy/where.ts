// Where the policy rules point their findings when there is no single token to blame.
import type { Span } from '../diagnostic.ts';
import type { ParsedPolicy, PolicyFieldLine, PolicyLine } from './parse.ts';

/** The first non-blank line's content, or the start of an empty file: where a missing field is reported. */
export function documentStart(policy: ParsedPolicy): Span {
  let first = policy.lines.at(0);
  for (const line of policy.lines) {
    if (line.kind !== 'blank') {
      first = line;
      break;
    }
  }
  if (!first) {
    const at = policy.frontMatter?.span.end ?? 0;
    return { start: at, end: at };
  }
  return { start: first.indent.end, end: first.kind === 'blank' ? first.indent.end : first.trailing.start };
}

/** A field's value, or its key and colon when the value is empty. */
export function valueRange(line: PolicyFieldLine): Span {
  return line.value.start === line.value.end ? { start: line.key.start, end: line.colon.end } : line.value;
}

/** 1-based line number in the file, for messages. */
export function lineNo(line: PolicyLine): number {
  return line.fileLine + 1;
}
