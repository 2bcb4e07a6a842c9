import { mxTlsFaultRule } from '../context.ts';

export const mxCertificateExpired = mxTlsFaultRule({
  code: 'check/mx-certificate-expired',
  rfc: 'RFC 8461 §4.2',
  summary: 'The certificate of an MX host has expired (or is not valid yet).',
  status: 'expired',
  resultType: 'certificate-expired',
  message: (mx, consequence) =>
    `the certificate of MX host \`${mx.host}\` is out of date: ${mx.tls.error}; ${consequence}; renew it, reload the mail server, and automate renewal (e.g. certbot with a deploy hook that reloads the MTA)`,
});
