// @sts-lens/shared/node: Node-only transports for the domain checker (never imported by the browser entry point).
export * from './udp-resolver.ts';
export * from './doh-fetcher.ts';
export * from './fetch-policy.ts';
export * from './trust.ts';
export * from './smtp-probe.ts';
export * from './page-worker.ts';
