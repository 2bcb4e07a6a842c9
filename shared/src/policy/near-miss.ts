// Lines meant for a key that senders do not read as it: what to tell the author, and how to fix them.
import type { Fix } from '../diagnostic.ts';
import { quote } from '../tag-list/message.ts';
import type { PolicyKey } from './keys.ts';
import { removeLine } from './line-edits.ts';
import type { ParsedPolicy, PolicyFieldLine, PolicyLine } from './parse.ts';
import { lineNo } from './where.ts';

/** The line senders read for `key` when a near miss repeats it, or null (mx lines all count). */
export function shadowingField(policy: ParsedPolicy, key: PolicyKey): PolicyFieldLine | null {
  return key === 'mx' ? null : policy.fields[key];
}

/**
 * Fixes for a line meant for `key` that senders do not read as such: `repair` makes it the key; when senders
 * already read `key` elsewhere (single-valued keys), removing this line is preferred, as repairing it would
 * change which value senders use or add a repeat.
 */
export function nearMissFixes(policy: ParsedPolicy, line: PolicyLine, key: PolicyKey, repair: Fix): Fix[] {
  const shadow = shadowingField(policy, key);
  if (shadow === null || shadow.index === line.index) return [{ ...repair, isPreferred: true }];
  return [
    { title: `Remove this line (senders use ${quote(`${key}: ${shadow.valueText}`)} on line ${lineNo(shadow)})`, edits: [removeLine(line)], isPreferred: true },
    { ...repair, isPreferred: false },
  ];
}

/** Message tail for a near miss of `key`: what senders do instead. */
export function nearMissConsequence(policy: ParsedPolicy, key: PolicyKey): string {
  const shadow = shadowingField(policy, key);
  if (shadow) return `senders ignore this line and use ${quote(`${key}: ${shadow.valueText}`)} on line ${lineNo(shadow)}`;
  return key === 'mx' ? 'senders ignore this line' : `senders ignore this line, so \`${key}\` is missing`;
}

/** The value a line meant for a key carries: after the colon, or after the key when the colon is missing. */
export function meantValue(text: string, line: PolicyLine): string {
  const mc = line.missingColon;
  return mc ? text.slice(mc.value.start, mc.value.end) : line.valueText;
}

/**
 * The line whose value senders read for `key`, or else the line meant for it (`Mode: enforced`), so a bad value
 * is reported together with the bad key instead of one round of fixes later. Lines missing their colon are left
 * out: their value is not where a field's value is.
 */
export function valueField(policy: ParsedPolicy, key: PolicyKey): PolicyFieldLine | null {
  const field = shadowingField(policy, key);
  if (field || key === 'mx') return field;
  for (const line of policy.nearMisses[key]) {
    if (line.kind === 'field' && line.missingColon === null) return line;
  }
  return null;
}
