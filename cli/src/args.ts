import { parseArgs, type ParseArgsConfig } from 'node:util';

/** The options a command accepts, in `node:util` parseArgs form. */
export type OptionSpec = Readonly<Record<string, { readonly type: 'string' | 'boolean'; readonly short?: string }>>;

export type ParsedArgs =
  | {
      readonly ok: true;
      readonly values: Readonly<Record<string, string | boolean | undefined>>;
      readonly positionals: readonly string[];
    }
  | { readonly ok: false; readonly message: string };

/**
 * Parse a command's arguments. parseArgs runs non-strict with tokens so every mistake becomes one plain sentence
 * (its own strict errors carry hints about `--` that confuse more than they help).
 */
export function parseCommandArgs(argv: readonly string[], spec: OptionSpec): ParsedArgs {
  const { tokens } = parseArgs({
    args: [...argv],
    options: spec as NonNullable<ParseArgsConfig['options']>,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values: Record<string, string | boolean | undefined> = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
    } else if (token.kind === 'option') {
      const def = Object.hasOwn(spec, token.name) ? spec[token.name] : undefined;
      if (!def) return { ok: false, message: `unknown option \`${token.rawName}\`` };
      if (def.type === 'string') {
        if (token.value === undefined || token.value === '') return { ok: false, message: `option \`${token.rawName}\` needs a value` };
        values[token.name] = token.value;
      } else {
        if (token.inlineValue) return { ok: false, message: `option \`${token.rawName}\` takes no value` };
        values[token.name] = true;
      }
    }
  }
  return { ok: true, values, positionals };
}
