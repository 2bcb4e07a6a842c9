// The `stsLens.*` settings of VS Code as the language server's `stsLens` configuration (lsp-server/src/settings.ts).
// Pure: the extension passes a reader over vscode.workspace.getConfiguration, the tests a plain object.
import { ruleMeta, type Severity } from '@sts-lens/shared';

/** What the server reads from `workspace/configuration` for the `stsLens` section. */
export interface ServerSettings {
  readonly rules: Readonly<Record<string, Severity | 'off'>>;
  readonly domain: string | null;
  readonly domains: Readonly<Record<string, string>>;
  readonly debounceMs: number;
  readonly maxSymbols: number;
}

/** The mapped settings and what was dropped from them, in words for the output channel. */
export interface MappedSettings {
  readonly settings: ServerSettings;
  readonly problems: readonly string[];
}

export const DEFAULT_DEBOUNCE_MS = 50;
export const DEFAULT_MAX_SYMBOLS = 5000;
const SEVERITIES = new Set(['error', 'warning', 'info', 'hint', 'off']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const domainName = (v: string) => v.trim().toLowerCase().replace(/\.$/, '');

/** Map the user's settings (read by key, `rules` for `stsLens.rules`) to the server's; ill-typed entries are dropped and named. */
export function serverSettings(read: (key: 'rules' | 'domain' | 'domains' | 'debounceMs' | 'maxSymbols') => unknown): MappedSettings {
  const problems: string[] = [];
  const rules: Record<string, Severity | 'off'> = {};
  const rawRules = read('rules');
  if (isRecord(rawRules)) {
    for (const [code, sev] of Object.entries(rawRules)) {
      if (!ruleMeta(code)) problems.push(`stsLens.rules: \`${code}\` is not a rule code (run \`sts-lens rules\` for the list)`);
      else if (typeof sev !== 'string' || !SEVERITIES.has(sev)) problems.push(`stsLens.rules: \`${code}\` is set to ${JSON.stringify(sev)}; use error, warning, info, hint or off`);
      else rules[code] = sev as Severity | 'off';
    }
  } else if (rawRules !== undefined && rawRules !== null) problems.push('stsLens.rules must be an object of rule code → severity');

  const rawDomain = read('domain');
  const domain = typeof rawDomain === 'string' && domainName(rawDomain) !== '' ? domainName(rawDomain) : null;

  const domains: Record<string, string> = {};
  const rawDomains = read('domains');
  if (isRecord(rawDomains)) {
    for (const [path, d] of Object.entries(rawDomains)) {
      if (typeof d === 'string' && domainName(d) !== '') domains[path.replace(/\\/g, '/')] = domainName(d);
      else problems.push(`stsLens.domains: \`${path}\` needs a domain name, not ${JSON.stringify(d)}`);
    }
  }

  const rawDebounce = read('debounceMs');
  let debounceMs = DEFAULT_DEBOUNCE_MS;
  if (typeof rawDebounce === 'number' && Number.isFinite(rawDebounce) && rawDebounce >= 0 && rawDebounce <= 5000) debounceMs = Math.round(rawDebounce);
  else if (rawDebounce !== undefined && rawDebounce !== null) problems.push(`stsLens.debounceMs must be between 0 and 5000; using ${DEFAULT_DEBOUNCE_MS}`);

  const rawMax = read('maxSymbols');
  let maxSymbols = DEFAULT_MAX_SYMBOLS;
  if (typeof rawMax === 'number' && Number.isInteger(rawMax) && rawMax >= 1) maxSymbols = rawMax;
  else if (rawMax !== undefined && rawMax !== null) problems.push(`stsLens.maxSymbols must be a whole number of at least 1; using ${DEFAULT_MAX_SYMBOLS}`);

  return { settings: { rules, domain, domains, debounceMs, maxSymbols }, problems };
}
