/** Result of turning raw bytes into document text. */
export interface DecodedText {
  readonly text: string;
  /** Offset (into `text`) of the first character that was not valid UTF-8, or -1. */
  readonly invalidUtf8At: number;
}

/**
 * Decode a zone file: UTF-8 when it is valid UTF-8, else octet by octet (Latin-1), since any octet may sit in a
 * label or a character-string (RFC 2181 §11) and servers read zone files as octets. Never reports invalid UTF-8.
 * `utf8`: the bytes already decoded as UTF-8, when the caller has them (a 50 MB zone is not decoded twice).
 */
export function decodeZoneBytes(bytes: Uint8Array, utf8: DecodedText = decodeUtf8(bytes)): DecodedText {
  if (utf8.invalidUtf8At < 0) return utf8;
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return { text, invalidUtf8At: -1 };
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
