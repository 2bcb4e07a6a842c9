import { compareDiagnostics, lintWorkspace, ruleCatalog, type Diagnostic, type LintOptions } from '@sts-lens/shared';
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

const workspaceCodes = new Set(ruleCatalog.filter((r) => r.kind === 'workspace').map((r) => r.code));

/**
 * Add the findings across files (a zone's MX hosts against its domain's policy) to each file's own diagnostics.
 * Only runs when the run has both a zone and a policy; each file's own findings stay those of its own lint (which
 * knows about invalid UTF-8 and the per-file domain), so only the `workspace/…` findings are taken from here.
 */
export function withCrossFileFindings(files: readonly CrossFileInput[], base: LintOptions): Diagnostic[][] {
  const own = files.map((f) => [...f.diagnostics]);
  const onDisk = files.map((f, i) => ({ f, i })).filter(({ f }) => !f.fromStdin);
  if (!onDisk.some(({ f }) => f.kind === 'zone') || !onDisk.some(({ f }) => f.kind === 'policy')) return own;
  // Zone files share the run's origin and include reader: take them from the first zone's options.
  const zoneOptions = onDisk.find(({ f }) => f.kind === 'zone')!.f.options;
  const results = lintWorkspace(
    onDisk.map(({ f }) => ({ path: f.path, text: f.text, kind: f.kind, ...(f.domain !== null ? { domain: f.domain } : {}) })),
    {
      ...base,
      ...(zoneOptions.origin !== undefined ? { origin: zoneOptions.origin } : {}),
      ...(zoneOptions.readInclude !== undefined ? { readInclude: zoneOptions.readInclude } : {}),
    },
  );
  onDisk.forEach(({ i }, k) => {
    const extra = (results[k]?.diagnostics ?? []).filter((d) => workspaceCodes.has(d.code));
    if (extra.length > 0) own[i] = [...own[i]!, ...extra].sort(compareDiagnostics);
  });
  return own;
}
