import { compareDiagnostics, crossFileDiagnostics, type Diagnostic, type LintOptions } from '@sts-lens/shared';
import type { LintKind } from './kinds.ts';

/** A linted document as the cross-file pass needs it. */
export interface CrossFileInput {
  readonly path: string;
  readonly text: string;
  readonly kind: LintKind;
  /** Standard input has no place among files: it takes no part in the cross-file pass. */
  readonly fromStdin: boolean;
  /** The policy's domain (config, else path), when known. */
  readonly domain: string | null;
  readonly options: LintOptions;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Add the findings across files (a zone's MX hosts against its domain's policy) to each file's own diagnostics.
 * Only runs when the run has both a zone and a policy; each file's own findings stay those of its own lint (which
 * knows about invalid UTF-8 and the per-file domain); the core adds only the findings across files.
 */
export function withCrossFileFindings(files: readonly CrossFileInput[], base: LintOptions): Diagnostic[][] {
  const own = files.map((f) => [...f.diagnostics]);
  const onDisk = files.map((f, i) => ({ f, i })).filter(({ f }) => !f.fromStdin);
  if (!onDisk.some(({ f }) => f.kind === 'zone') || !onDisk.some(({ f }) => f.kind === 'policy')) return own;
  // Zone files share the run's origin and include reader: take them from the first zone's options.
  const zoneOptions = onDisk.find(({ f }) => f.kind === 'zone')!.f.options;
  const results = crossFileDiagnostics(
    onDisk.map(({ f }) => ({ path: f.path, text: f.text, kind: f.kind, ...(f.domain !== null ? { domain: f.domain } : {}) })),
    {
      ...base,
      ...(zoneOptions.origin !== undefined ? { origin: zoneOptions.origin } : {}),
      ...(zoneOptions.readInclude !== undefined ? { readInclude: zoneOptions.readInclude } : {}),
    },
  );
  onDisk.forEach(({ i }, k) => {
    const extra = results[k] ?? [];
    if (extra.length > 0) own[i] = [...own[i]!, ...extra].sort(compareDiagnostics);
  });
  return own;
}
