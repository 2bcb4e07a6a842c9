import { problemRule } from './problem-rule.ts';

export const includeFailed = problemRule(
  {
    name: 'include-failed',
    severity: 'error',
    rfc: 'RFC 1035 §5.1',
    summary: 'An `$INCLUDE`d file must exist, be readable, and not include itself.',
    fixable: false,
  },
  undefined,
  // Without file access (an editor buffer, the browser) the include is merely not followed.
  (p) => (p.message.includes('is not followed here') ? 'info' : undefined),
);
