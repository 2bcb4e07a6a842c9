import { parentWildcard } from '../../mx/match.ts';
import { mxTlsFaultRule } from '../context.ts';

export const mxCertificateName = mxTlsFaultRule({
  code: 'check/mx-certificate-name',
  rfc: 'RFC 8461 §4.2',
  summary: 'The certificate of an MX host has no subjectAltName DNS-ID matching the host name (a wildcard covers one leftmost label only).',
  status: 'name-mismatch',
  resultType: 'certificate-host-mismatch',
  message: (mx, consequence) => {
    const parent = parentWildcard(mx.host);
    const wildcard = parent ? ` (or \`${parent}\`)` : '';
    return `the certificate of MX host \`${mx.host}\` does not name it: ${mx.tls.error}; ${consequence}; get a certificate whose subjectAltName includes \`${mx.host}\`${wildcard}, or point the MX record at a name the certificate carries and list that name in the policy's \`mx:\` lines`;
  },
});
