/** A fresh STS policy id from a UTC time: `YYYYMMDDhhmmss` (14 digits, valid per RFC 8461 §3.1). */
export function freshId(now: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return (
    p(now.getUTCFullYear(), 4) +
    p(now.getUTCMonth() + 1) +
    p(now.getUTCDate()) +
    p(now.getUTCHours()) +
    p(now.getUTCMinutes()) +
    p(now.getUTCSeconds())
  );
}
