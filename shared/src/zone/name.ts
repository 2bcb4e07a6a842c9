// Domain names in presentation format (RFC 1035 §5.1): relative or absolute, `@`, `\.` and `\DDD` escapes.

/** Whether a presentation name ends with an unescaped dot (is absolute). */
export function isAbsolute(name: string): boolean {
  if (name.charCodeAt(name.length - 1) !== 46) return false;
  let backslashes = 0;
  for (let i = name.length - 2; i >= 0 && name.charCodeAt(i) === 92; i--) backslashes++;
  return backslashes % 2 === 0;
}

/** Lower-case absolute form with trailing dot of `name` read relative to `origin` (itself absolute). */
export function absoluteName(name: string, origin: string): string {
  if (name === '@') return origin;
  const lower = hasUpper(name) ? name.toLowerCase() : name;
  if (isAbsolute(lower)) return lower;
  return origin === '.' ? lower + '.' : lower + '.' + origin;
}

function hasUpper(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c > 127) return true;
  }
  return false;
}

/** Normalise an origin given by a user (`Example.COM`) to absolute lower-case (`example.com.`). */
export function normalizeOrigin(origin: string): string {
  const o = origin.trim().toLowerCase();
  if (o === '' || o === '.') return '.';
  return isAbsolute(o) ? o : o + '.';
}

/** Whether absolute `name` is `zone` or below it. */
export function isInZone(name: string, zone: string): boolean {
  if (zone === '.') return true;
  if (name.length < zone.length) return false;
  if (name.length === zone.length) return name === zone;
  return name.endsWith(zone) && name.charCodeAt(name.length - zone.length - 1) === 46 && isAbsolute(name.slice(0, name.length - zone.length));
}

/** Problems with an absolute name's length: a label above 63 octets or a name above 255 (RFC 1035 §2.3.4). */
export function nameLengthProblem(name: string): { kind: 'label' | 'name'; octets: number; label?: string } | null {
  // Fast path: short ASCII names without escapes cannot break either limit.
  if (name.length <= 63 && name.indexOf('\\') < 0 && !/[^\x00-\x7f]/.test(name)) return null;
  let total = 1;
  let label = 0;
  let labelStart = 0;
  let longest: { octets: number; label: string } | null = null;
  const flush = (end: number) => {
    if (label > 63 && (longest === null || label > longest.octets)) longest = { octets: label, label: name.slice(labelStart, end) };
    if (label > 0) total += label + 1;
  };
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === 46) {
      flush(i);
      label = 0;
      labelStart = i + 1;
      continue;
    }
    if (c === 92) {
      const d = name.charCodeAt(i + 1);
      i += d >= 48 && d <= 57 ? 3 : 1;
      label++;
      continue;
    }
    label += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? 2 : 3;
  }
  flush(name.length);
  if (longest !== null) return { kind: 'label', octets: (longest as { octets: number }).octets, label: (longest as { label: string }).label };
  return total > 255 ? { kind: 'name', octets: total } : null;
}

/**
 * The origin a zone file's name suggests, or null: `db.example.com`, `example.com.zone`, `example.com.db`.
 * Only names of two or more labels ending in letters count, so `db.192.168.1` or `local.zone` give nothing.
 */
export function originFromPath(path: string): string | null {
  let base = (path.split(/[\\/]/).pop() ?? '').toLowerCase();
  if (base.startsWith('db.')) base = base.slice(3);
  else if (base.endsWith('.zone')) base = base.slice(0, -5);
  else if (base.endsWith('.db')) base = base.slice(0, -3);
  else return null;
  if (base.endsWith('.')) base = base.slice(0, -1);
  if (!/^(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(base)) return null;
  return base + '.';
}

/** The parent of absolute `name` (`a.example.` → `example.`), null for the root. */
export function parentName(name: string): string | null {
  if (name === '.') return null;
  for (let i = 0; i < name.length - 1; i++) {
    const c = name.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 46) return name.slice(i + 1);
  }
  return '.';
}
