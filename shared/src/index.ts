// @sts-lens/shared: the browser-safe entry point. Node-only transports live in ./node (import '@sts-lens/shared/node').
export * from './diagnostic.ts';
export * from './rule.ts';
export * from './lint-options.ts';
export * from './lint.ts';
export * from './catalog.ts';
export * from './text/line-index.ts';
export * from './text/edits.ts';
export * from './text/decode.ts';
export * from './text/fresh-id.ts';
export * from './mx/match.ts';
export * from './policy/parse.ts';
export * from './tag-list/parse.ts';
export * from './sts-txt/parse.ts';
export * from './tlsrpt-txt/parse.ts';
