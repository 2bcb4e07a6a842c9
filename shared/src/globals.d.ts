// Browser-safe declarations of the few platform globals the core uses (excluded from the Node typecheck,
// where @types/node declares them).
// The few platform globals the core uses; present in browsers, workers and Node alike.
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
interface AbortSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}
declare class URL {
  constructor(url: string, base?: string);
  readonly hostname: string;
  readonly protocol: string;
  readonly pathname: string;
  readonly port: string;
  readonly username: string;
  readonly password: string;
}
