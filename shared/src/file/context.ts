import type { DocumentKind } from '../rule.ts';

/** Facts about the file as a whole, before any kind-specific parse. */
export interface FileContext {
  readonly text: string;
  readonly kind: DocumentKind;
  /** Offset of the first character that was not valid UTF-8 in the bytes, or -1. */
  readonly invalidUtf8At: number;
}
