import type { Rule } from '../../rule.ts';
import type { PolicyContext } from '../context.ts';

/** Senders' suggested cap on the policy body (RFC 8461 §3.3): 64 KiB. */
const cap = 64 * 1024;

/** Up to this many characters the message gives the exact size; beyond, a lower bound is all anyone needs. */
const exactUpTo = 1 << 20;

/**
 * The UTF-8 size of `text` and the offset of the character that takes it past `limit` bytes (-1: never).
 * Unless `whole`, stops at that character.
 */
function measureUtf8(text: string, limit: number, whole: boolean): { bytes: number; past: number } {
  let bytes = 0;
  let past = -1;
  for (let i = 0; i < text.length; i++) {
    const at = i;
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
    if (past < 0 && bytes > limit) {
      past = at;
      if (!whole) break;
    }
  }
  return { bytes, past };
}

export const tooLarge: Rule<PolicyContext> = {
  code: 'policy/too-large',
  kind: 'policy',
  severity: 'error',
  rfc: 'RFC 8461 §3.3',
  summary: 'The policy body is over 64 KiB, the size senders are advised to cap policy fetches at.',
  fixable: false,
  check(ctx, report) {
    const text = ctx.text;
    // n UTF-16 units are at most 3n UTF-8 bytes: short texts need no count.
    if (text.length * 3 <= cap) return;
    const whole = text.length <= exactUpTo;
    const { bytes, past } = measureUtf8(text, cap, whole);
    if (past < 0) return;
    const lf = text.indexOf('\n', past);
    const size = whole ? `${Math.ceil(bytes / 1024)} KiB` : `over ${Math.floor(text.length / exactUpTo)} MiB`;
    report({
      range: { start: past, end: lf < 0 ? text.length : Math.max(past + 1, lf) },
      message: `the policy is ${size}: RFC 8461 §3.3 has senders cap policy bodies at 64 KiB, so they may cut it off here and reject it; keep it under 64 KiB (a wildcard \`mx:\` pattern can replace a long host list)`,
    });
  },
};
