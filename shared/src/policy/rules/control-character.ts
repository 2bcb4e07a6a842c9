import type { Rule } from '../../rule.ts';
import type { PolicyContext } from '../context.ts';

function isControl(c: number): boolean {
  return (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 0) || c === 127;
}

export const controlCharacter: Rule<PolicyContext> = {
  code: 'policy/control-character',
  kind: 'policy',
  severity: 'error',
  rfc: 'RFC 8461 §3.2',
  summary: 'Control characters (other than tab and line breaks) have no place in a policy line.',
  fixable: true,
  check(ctx, report) {
    if (!ctx.policy.shapes.control) return;
    const text = ctx.text;
    for (const line of ctx.policy.notable) {
      if (!line.hasControl) continue;
      // One finding per run of control characters, so binary garbage stays readable.
      for (let i = line.span.start; i < line.span.end; i++) {
        if (!isControl(text.charCodeAt(i))) continue;
        let end = i + 1;
        while (end < line.span.end && isControl(text.charCodeAt(end))) end++;
        const names = [...new Set(text.slice(i, Math.min(end, i + 4)))].map((ch) => `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
        const what = end - i === 1 ? `control character ${names[0]}` : `${end - i} control characters (${names.join(', ')}${end - i > 4 ? ', …' : ''})`;
        report({
          range: { start: i, end },
          message: `${what}: a policy holds no control characters, and senders reject the line or the policy; remove ${end - i === 1 ? 'it' : 'them'}`,
          fixes: [{ title: end - i === 1 ? 'Remove the control character' : 'Remove the control characters', edits: [{ range: { start: i, end }, newText: '' }], isPreferred: true }],
        });
        i = end;
      }
    }
  },
};
