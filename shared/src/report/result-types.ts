/** The result types of RFC 8460 §4.3 (the IANA "STARTTLS Validation Result Types" registry), with what each means. */
export const RESULT_TYPES: Readonly<Record<string, { readonly group: 'negotiation' | 'dane' | 'sts'; readonly meaning: string }>> = {
  'starttls-not-supported': { group: 'negotiation', meaning: 'the receiving MX did not offer STARTTLS' },
  'certificate-host-mismatch': { group: 'negotiation', meaning: "the MX host's certificate does not name the MX host (or the names the policy requires)" },
  'certificate-expired': { group: 'negotiation', meaning: "the MX host's certificate has expired" },
  'certificate-not-trusted': { group: 'negotiation', meaning: "the MX host's certificate does not chain to a trusted CA (unknown CA, broken chain, name constraints)" },
  'validation-failure': { group: 'negotiation', meaning: 'TLS failed for another reason; `failure-reason-code` says which' },
  'tlsa-invalid': { group: 'dane', meaning: 'no TLSA record of the MX host matched its certificate' },
  'dnssec-invalid': { group: 'dane', meaning: 'the resolver returned no DNSSEC-valid answer' },
  'dane-required': { group: 'dane', meaning: 'the sender requires DANE but the MX host has no DNSSEC-validated TLSA records' },
  'sts-policy-fetch-error': { group: 'sts', meaning: 'the sender could not fetch the MTA-STS policy over HTTPS' },
  'sts-policy-invalid': { group: 'sts', meaning: 'the fetched MTA-STS policy is not valid' },
  'sts-webpki-invalid': { group: 'sts', meaning: 'the certificate of the policy host `mta-sts.<domain>` did not validate' },
};

/** The result types the RFC defines, in its order. */
export const resultTypeNames: readonly string[] = Object.keys(RESULT_TYPES);

/** The policy types of RFC 8460 §4.4 `policy-type`. */
export const POLICY_TYPES: readonly string[] = ['sts', 'tlsa', 'no-policy-found'];
