import { mxTlsFaultRule } from '../context.ts';

export const mxStarttlsMissing = mxTlsFaultRule({
  code: 'check/mx-starttls-missing',
  rfc: 'RFC 8461 §5',
  summary: 'An MX host answers SMTP but offers no STARTTLS (RFC 3207): MTA-STS senders in enforce mode refuse to deliver to it.',
  status: 'no-starttls',
  resultType: 'starttls-not-supported',
  message: (mx, consequence) =>
    `MX host \`${mx.host}\`${mx.tls.address ? ` (${mx.tls.address})` : ''} offers no STARTTLS: ${mx.tls.error}; ${consequence}; enable STARTTLS on its SMTP server with a certificate for \`${mx.host}\` (Postfix: \`smtpd_tls_security_level = may\` and \`smtpd_tls_chain_files\`)`,
});
