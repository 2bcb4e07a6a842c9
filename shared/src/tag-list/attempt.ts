import type { TagDialect } from './dialect.ts';
import { quote } from './message.ts';
import { nearMiss } from './near-miss.ts';
import type { TagField, TagList } from './parse.ts';

/**
 * Whether a TXT value at the record's name tries to be a record of this kind, so its mistakes matter: it begins
 * with the version tag, or has one anywhere that is a near miss of it (`V=STSv1`, `v=STS1`, `version=STSv1`, a bare
 * `STSv1;`, the other kind's `v=TLSRPTv1`), or carries a field the kind defines (`id=`, `rua=`). Anything else
 * (`google-site-verification=…`, `v=spf1 …`, `MS=ms123`) is another service's record sharing the name: senders
 * discard records that do not begin with the version tag (RFC 8461 §3.1, RFC 8460 §3).
 */
export function triesToBe(list: TagList, versionField: TagField | null, dialect: TagDialect): boolean {
  if (versionField !== null) {
    const lowerName = versionField.nameText.toLowerCase();
    if (lowerName !== 'v' && lowerName !== 'version') return true; // a bare `STSv1;` first
    const value = versionField.valueText.toLowerCase();
    const family = dialect.version.replace(/v\d+$/, '').toLowerCase();
    const otherFamily = dialect.other.version.replace(/v\d+$/, '').toLowerCase();
    if (value.startsWith(family) || value.startsWith(otherFamily)) return true;
    if (nearMiss(value, [dialect.version.toLowerCase()]) !== null) return true;
  }
  return list.fields.some((f) => f !== versionField && nearMiss(f.nameText, dialect.fields) !== null) || list.fields.some((f) => f !== versionField && dialect.fields.includes(f.nameText));
}

/** The message for another service's record at the record's name (`zone/txt-unrelated`, `check/txt-unrelated`). */
export function unrelatedRecordMessage(value: string, name: string, dialect: TagDialect): string {
  const kind = `${/^[AEFHILMNORSX]/.test(dialect.name) ? 'an' : 'a'} ${dialect.name}`;
  return `${quote(value)} at \`${name}\` is not ${kind} record: senders discard TXT records there that do not begin with \`v=${dialect.version}\` (${dialect.rfc}), so it is ignored; leave it if another service needs it`;
}
