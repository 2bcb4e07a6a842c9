// Which CAs the transports trust: the system's, plus an optional private one (a test world's, a company's).
import tls from 'node:tls';

/**
 * A TLS context trusting the system's CAs plus `ca` (PEM), or undefined for the defaults alone. Built once per
 * transport: parsing the ~150 system roots costs tens of milliseconds, too much to repeat per request.
 */
export function trustContext(ca: string | Buffer | undefined): tls.SecureContext | undefined {
  return ca === undefined ? undefined : tls.createSecureContext({ ca: [...tls.rootCertificates, ca.toString()] });
}
