import { mxTlsFaultRule } from '../context.ts';

export const mxCertificateUntrusted = mxTlsFaultRule({
  code: 'check/mx-certificate-untrusted',
  rfc: 'RFC 8461 §4.2',
  summary: 'The certificate an MX host presents after STARTTLS does not chain to a trusted root (self-signed, private CA, missing intermediate).',
  status: 'untrusted',
  resultType: 'certificate-not-trusted',
  message: (mx, consequence) =>
    `the certificate of MX host \`${mx.host}\` is not trusted: ${mx.tls.error}; ${consequence}; install a certificate for \`${mx.host}\` from a public CA (e.g. Let's Encrypt) and serve it with its intermediate certificates`,
});
