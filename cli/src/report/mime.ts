/** One attachment of a mail: its name (file name or content type) and its decoded bytes. */
export interface Attachment {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface MailReading {
  readonly attachments: readonly Attachment[];
  readonly messages: number;
  /** 1-based numbers of the mails that carry no report (bounces, notices in the reports mailbox). */
  readonly without: readonly number[];
}

const REPORT_TYPES = new Set(['application/tlsrpt+gzip', 'application/tlsrpt+json', 'application/gzip', 'application/x-gzip', 'application/json']);
const MAX_PART_DEPTH = 16;

/**
 * The TLS-RPT reports attached to a mail (`.eml`) or to each mail of an mbox: parts of type
 * `application/tlsrpt+gzip` / `+json` (RFC 8460 §5.3), or gzip/JSON parts and files named `*.json`, `*.gz`, decoded
 * from base64 or quoted-printable. `raw` is the file read as latin1, so every byte survives as one character.
 */
export function reportAttachments(raw: string): MailReading {
  const attachments: Attachment[] = [];
  const without: number[] = [];
  const messages = splitMbox(raw);
  messages.forEach((message, i) => {
    const before = attachments.length;
    walkPart(message, 0, attachments);
    if (attachments.length === before) without.push(i + 1);
  });
  return { attachments, messages: messages.length, without };
}

/** Whether text reads like a mail or an mbox: a `From ` line or a header block first. */
export function looksLikeMail(raw: string): boolean {
  return /^From \S/.test(raw) || /^[A-Za-z][A-Za-z0-9-]*:[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n|[A-Za-z][A-Za-z0-9-]*:[^\r\n]*\r?\n)*/.test(raw.slice(0, 65536));
}

/** mbox: messages start at a `From ` line at the start of the file or after a line break. */
function splitMbox(raw: string): string[] {
  if (!raw.startsWith('From ')) return [raw];
  const out: string[] = [];
  const re = /(?:^|\r?\n)From [^\r\n]*\r?\n/g;
  let last = -1;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw)) !== null) {
    if (last >= 0) out.push(raw.slice(last, m.index));
    last = m.index + m[0].length;
  }
  if (last >= 0) out.push(raw.slice(last));
  return out;
}

interface Part {
  readonly headers: Map<string, string>;
  readonly body: string;
}

function parsePart(raw: string): Part {
  const m = /\r?\n\r?\n/.exec(raw);
  const head = m ? raw.slice(0, m.index) : raw;
  const body = m ? raw.slice(m.index + m[0].length) : '';
  const headers = new Map<string, string>();
  let name: string | null = null;
  for (const line of head.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && name !== null) {
      headers.set(name, `${headers.get(name) ?? ''} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    name = line.slice(0, colon).trim().toLowerCase();
    // The first occurrence of a header counts (a forged second Content-Type changes nothing).
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
    else name = null;
  }
  return { headers, body };
}

/** `type/subtype` and the parameters of a Content-Type or Content-Disposition value. */
function headerValue(value: string | undefined): { value: string; params: Map<string, string> } {
  const params = new Map<string, string>();
  if (value === undefined) return { value: '', params };
  const [first = '', ...rest] = value.split(';');
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    const key = p.slice(0, eq).trim().toLowerCase().replace(/\*$/, '');
    let v = p.slice(eq + 1).trim();
    if (v.startsWith('"') && v.endsWith('"') && v.length >= 2) v = v.slice(1, -1);
    params.set(key, v);
  }
  return { value: first.trim().toLowerCase(), params };
}

function walkPart(raw: string, depth: number, out: Attachment[]): void {
  const part = parsePart(raw);
  const type = headerValue(part.headers.get('content-type') ?? 'text/plain');
  if (type.value.startsWith('multipart/')) {
    const boundary = type.params.get('boundary');
    if (boundary === undefined || depth >= MAX_PART_DEPTH) return;
    for (const sub of splitMultipart(part.body, boundary)) walkPart(sub, depth + 1, out);
    return;
  }
  const disposition = headerValue(part.headers.get('content-disposition'));
  const filename = disposition.params.get('filename') ?? type.params.get('name') ?? null;
  const byName = filename !== null && /\.(?:json|gz|gzip)$/i.test(filename);
  if (!REPORT_TYPES.has(type.value) && !byName) return;
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').trim().toLowerCase();
  out.push({ name: filename ?? type.value, bytes: decodeBody(part.body, encoding) });
}

function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const parts: string[] = [];
  const lines = body.split(/(?<=\n)/);
  let current: string[] | null = null;
  for (const line of lines) {
    const bare = line.replace(/\r?\n$/, '').trimEnd();
    if (bare === delimiter || bare === `${delimiter}--`) {
      if (current !== null) parts.push(current.join('').replace(/\r?\n$/, ''));
      if (bare.endsWith('--') && bare === `${delimiter}--`) return parts;
      current = [];
    } else if (current !== null) {
      current.push(line);
    }
  }
  if (current !== null && current.length > 0) parts.push(current.join(''));
  return parts;
}

function decodeBody(body: string, encoding: string): Uint8Array {
  if (encoding === 'base64') return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  if (encoding === 'quoted-printable') {
    const text = body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(text, 'latin1');
  }
  return Buffer.from(body, 'latin1');
}
