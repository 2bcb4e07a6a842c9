import { gunzipSync } from 'node:zlib';

/** The most bytes a report may decompress to (or be read as): far above any real report, far below a gzip bomb. */
export const MAX_REPORT_BYTES = 64 * 1024 * 1024;

/** Whether the bytes start with the gzip magic number (RFC 1952 §2.3.1). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

export type Gunzipped = { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly message: string };

/**
 * Decompress gzip (every member of a multi-member file) and stop at `cap` output bytes: zlib never allocates more
 * than the cap, so a gzip bomb costs at most `cap` of memory. Damage becomes a sentence, never an exception.
 */
export function gunzipCapped(bytes: Uint8Array, cap = MAX_REPORT_BYTES): Gunzipped {
  try {
    return { ok: true, bytes: gunzipSync(bytes, { maxOutputLength: cap }) };
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') return { ok: false, message: `gzip data decompresses to more than ${mib(cap)}; stopped there (a real report is far smaller)` };
    if (code === 'Z_BUF_ERROR') return { ok: false, message: 'gzip data is truncated (unexpected end of file); the report was cut off in transit or on disk' };
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, message: `gzip data is damaged (${detail})` };
  }
}

export function mib(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;
}
