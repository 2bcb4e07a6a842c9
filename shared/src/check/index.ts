// @sts-lens/shared/check: the entry point for hosts that only check domains (the browser extension). It carries the
// domain check, the record and policy linting the check runs, DoH over an injected byte fetcher and the types of the
// result, and nothing of the zone linter, the docs or the TLS-RPT reports (extension/test/build.test.ts keeps it so).
export type { Diagnostic, DiagnosticSource, Fix, Severity, Span, TextEdit } from '../diagnostic.ts';
export type { SeverityOverrides } from '../rule.ts';
export * from './transport.ts';
export type { CheckContext, LastSeen, MxHost } from './context.ts';
export * from './domain-input.ts';
export * from './check-domain.ts';
export * from '../dns/doh.ts';
