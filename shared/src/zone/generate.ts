// BIND's `$GENERATE range lhs [ttl] [class] type rhs`: expanded into zone text that the parser reads like an
// included file, so generated records get the same checks as written ones.

/** More lines than this from one `$GENERATE` are refused, so a typo cannot make millions of records. */
export const MAX_GENERATE = 65536;

/** Zone text for a `$GENERATE` with argument words `words`, or the problem and the argument it is in. */
export function expandGenerate(words: readonly string[]): string | { message: string; arg: number } {
  if (words.length < 4) return { message: '`$GENERATE` needs a range, an owner, a type and data: `$GENERATE 1-10 host$ A 192.0.2.$`', arg: -1 };
  const m = /^(\d{1,10})-(\d{1,10})(?:\/(\d{1,10}))?$/.exec(words[0]!);
  if (!m) return { message: `\`$GENERATE\` range \`${words[0]}\` is not \`start-stop\` or \`start-stop/step\``, arg: 0 };
  const start = Number(m[1]);
  const stop = Number(m[2]);
  const step = m[3] === undefined ? 1 : Number(m[3]);
  if (start > stop || step < 1) return { message: `\`$GENERATE\` range \`${words[0]}\` is empty: start must not exceed stop and step must be at least 1`, arg: 0 };
  if ((stop - start) / step + 1 > MAX_GENERATE) return { message: `\`$GENERATE\` range \`${words[0]}\` makes more than ${MAX_GENERATE} records; split it`, arg: 0 };
  const lhs = words[1]!;
  const middle = words.slice(2, -1).join(' ');
  const rhs = words[words.length - 1]!;
  const lhsParts = template(lhs);
  if (typeof lhsParts === 'string') return { message: lhsParts, arg: 1 };
  const rhsParts = template(rhs);
  if (typeof rhsParts === 'string') return { message: rhsParts, arg: words.length - 1 };
  let out = '';
  for (let v = start; v <= stop; v += step) out += `${render(lhsParts, v)} ${middle} ${render(rhsParts, v)}\n`;
  return out;
}

type Part = string | { offset: number; width: number; base: 'd' | 'o' | 'x' | 'X' | 'n' | 'N' };

function template(s: string): Part[] | string {
  const parts: Part[] = [];
  let lit = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && s[i + 1] === '$') {
      lit += '$';
      i++;
      continue;
    }
    if (c !== '$') {
      lit += c;
      continue;
    }
    if (lit) parts.push(lit);
    lit = '';
    if (s[i + 1] !== '{') {
      parts.push({ offset: 0, width: 0, base: 'd' });
      continue;
    }
    const close = s.indexOf('}', i);
    const spec = /^\{([+-]?\d{1,6})(?:,(\d{1,3})(?:,([doxXnN]))?)?\}$/.exec(s.slice(i + 1, close + 1));
    if (close < 0 || !spec) return `\`$GENERATE\` template \`${s}\`: \`\${…}\` must be \`\${offset[,width[,base]]}\`, base one of d o x X n N`;
    parts.push({ offset: Number(spec[1]), width: spec[2] === undefined ? 0 : Number(spec[2]), base: (spec[3] ?? 'd') as 'd' });
    i = close;
  }
  if (lit) parts.push(lit);
  return parts;
}

function render(parts: readonly Part[], v: number): string {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'string') {
      out += p;
      continue;
    }
    const n = v + p.offset;
    if (p.base === 'n' || p.base === 'N') {
      // Nibble format: hex digits in reverse, dot-separated (for ip6.arpa).
      let hex = Math.abs(n).toString(16).padStart(Math.max(1, p.width), '0');
      if (p.base === 'N') hex = hex.toUpperCase();
      out += hex.split('').reverse().join('.');
      continue;
    }
    const radix = p.base === 'd' ? 10 : p.base === 'o' ? 8 : 16;
    let digits = Math.abs(n).toString(radix);
    if (p.base === 'X') digits = digits.toUpperCase();
    out += (n < 0 ? '-' : '') + digits.padStart(p.width, '0');
  }
  return out;
}
