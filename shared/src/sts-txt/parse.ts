import { extensionsOf, type TagExtension } from '../tag-list/extensions.ts';
import { parseTagList, type TagField, type TagList } from '../tag-list/parse.ts';
import { triesToBe } from '../tag-list/attempt.ts';
import { beginsWithVersion, findVersionField } from '../tag-list/version.ts';
import { stsDialect } from './dialect.ts';

export type { TagExtension } from '../tag-list/extensions.ts';

/** What a sender takes from an `_mta-sts` record (RFC 8461 §3.1): first occurrence wins, names case-sensitive. */
export interface StsEffective {
  /** The record begins with exactly `v=STSv1`; senders ignore it otherwise. */
  readonly version: boolean;
  /** The value of the first `id` field, as written (valid or not); null without one. */
  readonly id: string | null;
  /** Other well-named `name=value` fields, first occurrence of each; senders ignore them. */
  readonly extensions: readonly TagExtension[];
}

/** An `_mta-sts` TXT value: its tokens, the field meant as the version tag, and the sender's reading. */
export interface ParsedStsRecord {
  readonly tags: TagList;
  readonly versionField: TagField | null;
  /** The first `id=` field. */
  readonly idField: TagField | null;
  readonly effective: StsEffective;
}

/** Parse an `_mta-sts` TXT value (the record's strings concatenated). Total: never throws. */
export function parseStsRecord(text: string): ParsedStsRecord {
  const tags = parseTagList(text, { commaFieldNames: ['v', 'id'] });
  const versionField = findVersionField(tags);
  const idField = tags.fields.find((f) => f !== versionField && f.eq && f.nameText === 'id') ?? null;
  return {
    tags,
    versionField,
    idField,
    effective: {
      version: beginsWithVersion(tags, versionField, 'STSv1'),
      id: idField ? idField.valueText : null,
      extensions: extensionsOf(tags, versionField, ['v', 'id']),
    },
  };
}

/** Whether an `_mta-sts` TXT value tries to be an MTA-STS record (see `triesToBe`); false for another service's record. */
export function isStsRecordAttempt(text: string): boolean {
  const parsed = parseStsRecord(text);
  return triesToBe(parsed.tags, parsed.versionField, stsDialect);
}
