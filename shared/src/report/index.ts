// TLS-RPT aggregate reports (RFC 8460 §4): JSON with offsets, validation rules, reading and summarising.
export * from './json.ts';
export * from './datetime.ts';
export * from './result-types.ts';
export * from './read.ts';
export * from './lint-report.ts';
export * from './aggregate.ts';
export { reportRules } from './rules/index.ts';
export type { ReportContext } from './context.ts';
