// What the status-bar item says about the active document: pure, from the document's kind, text and diagnostics.
import { parsePolicy } from '@sts-lens/shared';

export type DocumentLanguage = 'mta-sts' | 'dns-zone';

/** Diagnostic counts of one document (the LSP severities 1–4). */
export interface Counts {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}

export interface StatusText {
  /** The item's text, with a codicon. */
  readonly text: string;
  readonly tooltip: string;
}

/** Shown when the active editor is neither a policy nor a zone file. */
export const IDLE_STATUS: StatusText = {
  text: '$(shield) STS Lens',
  tooltip: 'STS Lens: open an mta-sts.txt policy or a zone file to see its verdict; click to check a live domain',
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function problems(c: Counts): string {
  const parts: string[] = [];
  if (c.errors) parts.push(plural(c.errors, 'error'));
  if (c.warnings) parts.push(plural(c.warnings, 'warning'));
  if (c.infos) parts.push(plural(c.infos, 'note'));
  return parts.length ? parts.join(', ') : 'no problems';
}

/**
 * The verdict of a policy as senders would take it (the words of `sts-lens check`): broken on any error, else
 * its mode; of a zone file, its problem counts.
 */
export function documentStatus(language: DocumentLanguage, text: string, counts: Counts): StatusText {
  const summary = problems(counts);
  if (language === 'dns-zone') {
    return counts.errors
      ? { text: `$(error) STS Lens: zone has ${plural(counts.errors, 'error')}`, tooltip: `STS Lens: this zone file has ${summary}; click to list them` }
      : { text: `$(check) STS Lens: zone OK`, tooltip: `STS Lens: this zone file has ${summary}; click to list problems` };
  }
  const mode = parsePolicy(text).effective.mode;
  if (counts.errors || mode === null) {
    return { text: `$(error) STS Lens: broken`, tooltip: `STS Lens: senders cannot use this policy as written (${summary}); click to list the problems` };
  }
  const verdict = mode === 'enforce' ? 'enforced' : mode;
  const meaning =
    mode === 'enforce'
      ? 'senders must use TLS to the listed MX hosts'
      : mode === 'testing'
        ? 'senders report failures but still deliver'
        : 'the policy is switched off';
  const icon = mode === 'enforce' ? '$(lock)' : '$(unlock)';
  return { text: `${icon} STS Lens: ${verdict}${counts.warnings ? ` (${plural(counts.warnings, 'warning')})` : ''}`, tooltip: `STS Lens: mode ${mode}, ${meaning}; ${summary}` };
}
