import type { Rule } from '../../rule.ts';
import type { CheckContext } from '../context.ts';
import { danePresent } from './dane-present.ts';
import { dnsFailure } from './dns-failure.ts';
import { domainMissing } from './domain-missing.ts';
import { modeNone } from './mode-none.ts';
import { mxIpAddress } from './mx-ip-address.ts';
import { mxMissing } from './mx-missing.ts';
import { mxNotCovered } from './mx-not-covered.ts';
import { mxPatternUnused } from './mx-pattern-unused.ts';
import { mxStarttlsMissing } from './mx-starttls-missing.ts';
import { mxCertificateUntrusted } from './mx-certificate-untrusted.ts';
import { mxCertificateName } from './mx-certificate-name.ts';
import { mxCertificateExpired } from './mx-certificate-expired.ts';
import { mxCertificateExpiring } from './mx-certificate-expiring.ts';
import { mxTlsHandshake } from './mx-tls-handshake.ts';
import { mxUnreachable } from './mx-unreachable.ts';
import { policyCertificate } from './policy-certificate.ts';
import { policyContentType } from './policy-content-type.ts';
import { policyHostMissing } from './policy-host-missing.ts';
import { policyHttpOnly } from './policy-http-only.ts';
import { policyRedirect } from './policy-redirect.ts';
import { policySlow } from './policy-slow.ts';
import { policyStatus } from './policy-status.ts';
import { policyTooLarge } from './policy-too-large.ts';
import { policyUnreachable } from './policy-unreachable.ts';
import { staleId } from './stale-id.ts';
import { stsMissing } from './sts-missing.ts';
import { stsMultiple } from './sts-multiple.ts';
import { tlsrptMissing } from './tlsrpt-missing.ts';
import { tlsrptMultiple } from './tlsrpt-multiple.ts';
import { tlsrptWithoutSts } from './tlsrpt-without-sts.ts';
import { txtUnrelated } from './txt-unrelated.ts';

/** Rules over a live domain's DNS records and policy fetch. */
export const checkRules: readonly Rule<CheckContext>[] = [
  dnsFailure,
  domainMissing,
  stsMissing,
  stsMultiple,
  policyHostMissing,
  policyCertificate,
  policyHttpOnly,
  policyUnreachable,
  policySlow,
  policyTooLarge,
  policyRedirect,
  policyStatus,
  policyContentType,
  mxMissing,
  mxIpAddress,
  mxNotCovered,
  mxPatternUnused,
  mxStarttlsMissing,
  mxCertificateUntrusted,
  mxCertificateName,
  mxCertificateExpired,
  mxCertificateExpiring,
  mxTlsHandshake,
  mxUnreachable,
  staleId,
  modeNone,
  tlsrptMissing,
  tlsrptMultiple,
  txtUnrelated,
  tlsrptWithoutSts,
  danePresent,
];
