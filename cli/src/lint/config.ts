import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ruleCatalog, type Severity, type SeverityOverrides } from '@sts-lens/shared';
import { describeFsError } from '../walk.ts';

/** The `--config` file: per-rule severities and the policy domain. */
export interface LintConfig {
  readonly rules: SeverityOverrides;
  readonly domain?: string;
}

export type ConfigResult = { readonly ok: true; readonly config: LintConfig } | { readonly ok: false; readonly message: string };

const LEVELS: readonly (Severity | 'off')[] = ['off', 'error', 'warning', 'info', 'hint'];
const DOMAIN = /^(?=.{1,253}\.?$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+\.?$/i;

/** Read and check a config file; every problem is one sentence naming the file. */
export async function loadConfig(path: string, cwd: string): Promise<ConfigResult> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, path), 'utf8');
  } catch (e) {
    return { ok: false, message: `config \`${path}\`: ${describeFsError(e)}` };
  }
  return parseConfig(text, path);
}

/** Check a config file's text: a JSON object with `rules` (code → off|error|warning|info|hint) and `domain`. */
export function parseConfig(text: string, path: string): ConfigResult {
  const fail = (message: string): ConfigResult => ({ ok: false, message: `config \`${path}\`: ${message}` });
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return fail(`not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!isObject(json)) return fail('expected a JSON object like {"rules": {"policy/…": "off"}, "domain": "example.com"}');
  for (const key of Object.keys(json)) {
    if (key !== 'rules' && key !== 'domain' && key !== '$schema') return fail(`unknown key \`${key}\`; expected \`rules\` or \`domain\``);
  }
  const rules: Record<string, Severity | 'off'> = {};
  if (json.rules !== undefined) {
    if (!isObject(json.rules)) return fail('`rules` must be an object mapping rule codes to off, error, warning, info or hint');
    const known = new Set(ruleCatalog.map((r) => r.code));
    for (const [code, level] of Object.entries(json.rules)) {
      if (!known.has(code)) {
        const near = nearest(code, [...known]);
        return fail(`unknown rule \`${code}\`${near ? `; did you mean \`${near}\`?` : '; docs/rules.md lists the rule codes'}`);
      }
      if (typeof level !== 'string' || !(LEVELS as readonly string[]).includes(level)) {
        return fail(`rule \`${code}\`: \`${JSON.stringify(level)}\` is not one of off, error, warning, info, hint`);
      }
      rules[code] = level as Severity | 'off';
    }
  }
  if (json.domain === undefined) return { ok: true, config: { rules } };
  if (typeof json.domain !== 'string' || !DOMAIN.test(json.domain)) {
    return fail(`\`domain\` must be a domain name such as \`example.com\`, not \`${JSON.stringify(json.domain)}\``);
  }
  return { ok: true, config: { rules, domain: json.domain.replace(/\.$/, '').toLowerCase() } };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The known code closest to a mistyped one, if it is close enough to be a typo. */
function nearest(code: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(code.length / 4)) + 1;
  for (const k of known) {
    const d = editDistance(code, k);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    prev = row;
  }
  return prev[b.length]!;
}
