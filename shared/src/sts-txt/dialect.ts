import type { TagDialect } from '../tag-list/dialect.ts';
import { clock } from '../lint-options.ts';
import { freshId } from '../text/fresh-id.ts';

/** The `_mta-sts` TXT record (RFC 8461 §3.1) as a tag-list dialect. */
export const stsDialect: TagDialect = {
  name: 'MTA-STS',
  version: 'STSv1',
  owner: '_mta-sts',
  rfc: 'RFC 8461 §3.1',
  other: { name: 'TLS-RPT', version: 'TLSRPTv1', owner: '_smtp._tls' },
  fields: ['id'],
  listFields: [],
  invalidConsequence: 'senders treat a record outside the grammar as no MTA-STS policy (RFC 8461 §3.1)',
  skeleton: (options) => `v=STSv1; id=${freshId(clock(options))}`,
  skeletonNote: '',
  notes: {
    mode: 'policy settings belong in the policy file (`https://mta-sts.<domain>/.well-known/mta-sts.txt`), not in this record',
    mx: 'policy settings belong in the policy file (`https://mta-sts.<domain>/.well-known/mta-sts.txt`), not in this record',
    max_age: 'policy settings belong in the policy file (`https://mta-sts.<domain>/.well-known/mta-sts.txt`), not in this record',
    rua: 'report addresses belong in the TLS-RPT record at `_smtp._tls`',
  },
  // A second id with another value hides which policy version is meant.
  duplicateSeverity: (first, later) => (first.nameText === 'id' && first.valueText !== later.valueText ? 'error' : 'warning'),
};
