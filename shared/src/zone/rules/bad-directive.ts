import { problemRule } from './problem-rule.ts';

export const badDirective = problemRule({
  name: 'bad-directive',
  severity: 'error',
  rfc: 'RFC 1035 §5.1',
  summary: 'Control entries are `$ORIGIN name`, `$TTL ttl`, `$INCLUDE file [origin]` and `$GENERATE range lhs type rhs`.',
  fixable: false,
});
