/** Result of turning raw bytes into document text. */
export interface DecodedText {
  readonly text: string;
  /** Offset (into `text`) of the first character that was not valid UTF-8, or -1. */
  readonly invalidUtf8At: number;
}

/**
 * Decode bytes as UTF-8 without ever throwing: invalid sequences become U+FFFD and are reported.
 * A BOM is kept in the text so rules can point at it.
 */
export function decodeUtf8(bytes: Uint8Array): DecodedText {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), invalidUtf8At: -1 };
  } catch {
    const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
    return { text, invalidUtf8At: Math.max(0, text.indexOf('\uFFFD')) };
  }
}
