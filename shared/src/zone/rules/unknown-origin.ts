import { problemRule } from './problem-rule.ts';

export const unknownOrigin = problemRule({
  name: 'unknown-origin',
  severity: 'warning',
  rfc: 'RFC 1035 §5.1',
  summary: 'Relative names need an origin: `$ORIGIN`, a file name like `db.example.com`, or the `--origin` option.',
  fixable: false,
});
