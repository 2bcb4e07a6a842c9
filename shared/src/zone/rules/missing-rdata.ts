import { problemRule } from './problem-rule.ts';

export const missingRdata = problemRule({
  name: 'missing-rdata',
  severity: 'error',
  rfc: 'RFC 1035 §5.1',
  summary: 'A record needs a type and data after its owner, TTL and class.',
  fixable: false,
});
