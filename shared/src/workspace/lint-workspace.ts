import { compareDiagnostics, type Diagnostic } from '../diagnostic.ts';
import { lintText } from '../lint.ts';
import type { LintOptions } from '../lint-options.ts';
import { parsePolicy, type EffectivePolicy } from '../policy/parse.ts';
import { runRules, type DocumentKind } from '../rule.ts';
import { parseStsRecord } from '../sts-txt/parse.ts';
import { embeddedValue, mapRange } from '../zone/embedded.ts';
import { mailTxtRecords, STS_PREFIX } from '../zone/mail-records.ts';
import type { Zone } from '../zone/model.ts';
import { parseZoneFor } from '../zone/lint-zone.ts';
import { recordsOfType } from '../zone/names.ts';
import { targetName } from '../zone/rdata.ts';
import { RR } from '../zone/rr-types.ts';
import type { WorkspacePolicy, ZoneMx, ZoneStsId } from './context.ts';
export { baselineKey } from './context.ts';
import { policyDomainFromPath } from './domain-from-path.ts';
import { workspaceRules } from './rules/index.ts';

/** A file linted together with others. */
export interface WorkspaceFile {
  readonly path: string;
  readonly text: string;
  readonly kind: DocumentKind;
  /** The policy's domain when neither its path nor `options.domain` tells it (a config entry). */
  readonly domain?: string;
}

/** Diagnostics of one workspace file. */
export interface WorkspaceFileResult {
  readonly path: string;
  readonly kind: DocumentKind;
  readonly diagnostics: Diagnostic[];
}

/**
 * Lint files together: each file's own rules (`lintText`), plus the findings across files (`crossFileDiagnostics`).
 */
export function lintWorkspace(files: readonly WorkspaceFile[], options: LintOptions = {}): WorkspaceFileResult[] {
  const cross = crossFileDiagnostics(files, options);
  return files.map((file, i) => {
    const diagnostics = lintText(file.text, file.kind, { ...options, path: file.path });
    for (const d of cross[i]!) diagnostics.push(d);
    return { path: file.path, kind: file.kind, diagnostics: diagnostics.sort(compareDiagnostics) };
  });
}

/**
 * Only the findings across files, per file (in the order given): a domain's zone MX records against its policy's
 * `mx:` patterns. A policy's domain comes from the file's `domain`, else its path
 * (`mta-sts.example.com/.well-known/mta-sts.txt`, `example.com/mta-sts.txt`), else `options.domain`.
 */
export function crossFileDiagnostics(files: readonly WorkspaceFile[], options: LintOptions = {}, baselines: ReadonlyMap<string, string> = new Map()): Diagnostic[][] {
  const policies: WorkspacePolicy[] = [];
  const zoneMx: ZoneMx[] = [];
  const stsIds: ZoneStsId[] = [];
  for (const file of files) {
    if (file.kind === 'zone') {
      // After lintText on the same text and options, parseZoneFor hands back that parse.
      const zone = parseZoneFor(file.text, { ...options, path: file.path });
      for (const s of zoneStsIds(zone)) stsIds.push({ ...s, path: file.path });
      for (const rec of recordsOfType(zone, RR.MX)) {
        const target = targetName(zone, rec);
        if (!target || target.name === '.') continue;
        zoneMx.push({
          domain: rec.owner.slice(0, -1),
          host: target.name.slice(0, -1),
          range: rec.source === 0 ? { start: zone.tokens.start[target.tok]!, end: zone.tokens.end[target.tok]! } : (zone.sources[rec.source]!.via ?? { start: 0, end: 0 }),
          path: file.path,
        });
      }
    } else if (file.kind === 'policy') {
      const domain = file.domain ?? policyDomainFromPath(file.path) ?? options.domain;
      if (!domain) continue;
      const parsed = parsePolicy(file.text, { frontMatter: true });
      const valid = new Set(parsed.effective.mx);
      policies.push({
        path: file.path,
        domain: domain.toLowerCase().replace(/\.$/, ''),
        mode: parsed.effective.mode,
        mx: [...parsed.mx].filter((m) => valid.has(m.valueText)).map((m) => ({ pattern: m.valueText, range: m.value })),
        content: policyContent(parsed.effective),
      });
    }
  }
  if (policies.length === 0 || (zoneMx.length === 0 && stsIds.length === 0)) return files.map(() => []);
  return files.map((file) => runRules(workspaceRules, { path: file.path, kind: file.kind, text: file.text, policies, zoneMx, stsIds, baselines, options }, options.overrides ?? {}));
}

/**
 * A policy as senders read it, in one canonical text: version, mode, the `mx:` patterns (lower-case, sorted, once
 * each: their order and repeats change nothing for senders) and max_age. Two policies differ for senders when these do.
 */
export function policyContent(effective: EffectivePolicy): string {
  const mx = [...new Set(effective.mx.map((m) => m.toLowerCase()))].sort();
  return [`version: ${effective.version ?? ''}`, `mode: ${effective.mode ?? ''}`, ...mx.map((m) => `mx: ${m}`), `max_age: ${effective.maxAge ?? ''}`].join('\n');
}

/** The `_mta-sts` TXT records of a zone (in the file itself, not its includes) that carry `v=STSv1` and an `id`. */
export function zoneStsIds(zone: Zone): { domain: string; id: string; range: { start: number; end: number } }[] {
  const out: { domain: string; id: string; range: { start: number; end: number } }[] = [];
  for (const rec of mailTxtRecords(zone).sts) {
    if (rec.source !== 0) continue;
    const v = embeddedValue(zone, rec);
    const parsed = parseStsRecord(v.value);
    const field = parsed.idField;
    if (!parsed.effective.version || !field?.value || field.valueText === '') continue;
    out.push({ domain: rec.owner.slice(STS_PREFIX.length, -1), id: field.valueText, range: mapRange(v, field.value) });
  }
  return out;
}
