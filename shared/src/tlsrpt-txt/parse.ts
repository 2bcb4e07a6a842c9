import { extensionsOf, type TagExtension } from '../tag-list/extensions.ts';
import { parseTagList, type TagField, type TagList } from '../tag-list/parse.ts';
import { triesToBe } from '../tag-list/attempt.ts';
import { beginsWithVersion, findVersionField } from '../tag-list/version.ts';
import { tlsRptDialect } from './dialect.ts';
import { classifyRua, isValidRua, parseRua, type RuaEntry } from './rua.ts';

export { classifyRua, isValidRua, parseRua, ruaUriProblem, type RuaEntry, type RuaEntryKind, type RuaUri } from './rua.ts';

/** What a sender takes from an `_smtp._tls` record (RFC 8460 §3): first occurrence wins, names case-sensitive. */
export interface TlsRptEffective {
  /** The record begins with exactly `v=TLSRPTv1`; senders discard it otherwise. */
  readonly version: boolean;
  /** The deliverable URIs of the first `rua` field: `mailto:` or `https:`, well-formed, properly encoded. */
  readonly rua: readonly string[];
  /** Other well-named `name=value` fields, first occurrence of each; senders ignore them. */
  readonly extensions: readonly TagExtension[];
}

/** An `_smtp._tls` TXT value: tokens, version field, the first `rua` field and its entries, the sender's reading. */
export interface ParsedTlsRptRecord {
  readonly tags: TagList;
  readonly versionField: TagField | null;
  /** The first `rua=` field. */
  readonly ruaField: TagField | null;
  /** The entries of `ruaField`, with offsets into the record text. */
  readonly rua: readonly RuaEntry[];
  readonly effective: TlsRptEffective;
}

/** Parse an `_smtp._tls` TXT value (the record's strings concatenated). Total: never throws. */
export function parseTlsRptRecord(text: string): ParsedTlsRptRecord {
  const tags = parseTagList(text, { commaFieldNames: ['v', 'rua'] });
  const versionField = findVersionField(tags);
  const ruaField = tags.fields.find((f) => f !== versionField && f.eq && f.nameText === 'rua') ?? null;
  const rua = ruaField?.value && ruaField.valueText !== '' ? classifyRua(parseRua(ruaField.valueText, ruaField.value.start)) : [];
  return {
    tags,
    versionField,
    ruaField,
    rua,
    effective: {
      version: beginsWithVersion(tags, versionField, 'TLSRPTv1'),
      rua: rua.filter(isValidRua).map((e) => e.text),
      extensions: extensionsOf(tags, versionField, ['v', 'rua']),
    },
  };
}

/** Whether an `_smtp._tls` TXT value tries to be a TLS-RPT record (see `triesToBe`); false for another service's record. */
export function isTlsRptRecordAttempt(text: string): boolean {
  const parsed = parseTlsRptRecord(text);
  return triesToBe(parsed.tags, parsed.versionField, tlsRptDialect);
}
