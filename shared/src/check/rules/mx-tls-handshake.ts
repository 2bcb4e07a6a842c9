import { mxTlsFaultRule } from '../context.ts';

export const mxTlsHandshake = mxTlsFaultRule({
  code: 'check/mx-tls-handshake',
  rfc: 'RFC 8461 §5',
  summary: 'The SMTP session with an MX host broke down before a TLS session was up: bad replies, a timeout, or a failed TLS handshake.',
  status: 'handshake-failed',
  resultType: 'validation-failure',
  message: (mx, consequence) =>
    `STARTTLS with MX host \`${mx.host}\`${mx.tls.address ? ` (${mx.tls.address})` : ''} failed: ${mx.tls.error}; ${consequence}; check its TLS set-up with \`openssl s_client -starttls smtp -connect ${mx.host}:25 -servername ${mx.host}\``,
});
