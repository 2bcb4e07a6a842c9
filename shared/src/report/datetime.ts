const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:([Zz])|([+-])(\d{2}):(\d{2}))?$/;

/**
 * Milliseconds since the epoch of an RFC 3339 §5.6 `date-time` (`2026-01-01T00:00:00Z`, `…+02:00`), or null when
 * the text is not one (a day that does not exist, `24:00:00`, a missing offset). A leap second reads as :59.
 * With `assumeUtc`, a date-time without an offset (`2023-01-10T00:00:00`, as Microsoft writes them) reads as UTC,
 * as mox and other report readers do.
 */
export function parseDateTime(text: string, options: { readonly assumeUtc?: boolean } = {}): number | null {
  const m = DATE_TIME.exec(text);
  if (!m) return null;
  if (m[8] === undefined && m[9] === undefined && !options.assumeUtc) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 60) return null;
  let offset = 0;
  if (m[9] !== undefined) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) return null;
    offset = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const ms = m[7] === undefined ? 0 : Math.floor(Number(`0${m[7]}`) * 1000);
  return Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), ms) - offset * 60_000;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `2026-01-01` of an epoch time, in UTC. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Whether the text is a date-time that lacks only its offset (`2023-01-10T00:00:00`). */
export function lacksOffset(text: string): boolean {
  return parseDateTime(text) === null && parseDateTime(text, { assumeUtc: true }) !== null;
}
