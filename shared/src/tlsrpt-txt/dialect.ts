import type { LintOptions } from '../lint-options.ts';
import type { TagDialect } from '../tag-list/dialect.ts';

/** The domain for placeholder report addresses: the linted domain when known, else `example.com`. */
export function reportDomain(options: LintOptions): string {
  const d = (options.domain ?? '').trim().toLowerCase().replace(/\.$/, '').replace(/^_smtp\._tls\./, '');
  return d === '' ? 'example.com' : d;
}

/** A placeholder report destination the user is expected to change. */
export function placeholderRua(options: LintOptions): string {
  return `mailto:tls-reports@${reportDomain(options)}`;
}

/** The `_smtp._tls` TXT record (RFC 8460 §3) as a tag-list dialect. */
export const tlsRptDialect: TagDialect = {
  name: 'TLS-RPT',
  version: 'TLSRPTv1',
  owner: '_smtp._tls',
  rfc: 'RFC 8460 §3',
  other: { name: 'MTA-STS', version: 'STSv1', owner: '_mta-sts' },
  fields: ['rua'],
  listFields: ['rua'],
  invalidConsequence: 'senders are only bound to accept records that follow the grammar (RFC 8460 §3)',
  skeleton: (options) => `v=TLSRPTv1; rua=${placeholderRua(options)}`,
  skeletonNote: ' (then change the address to your reports mailbox)',
  notes: {
    id: 'the policy id belongs in the MTA-STS record at `_mta-sts`',
    ruf: '`ruf` is a DMARC tag; TLS-RPT sends aggregate reports to `rua` only',
  },
  duplicateSeverity: () => 'warning',
};
