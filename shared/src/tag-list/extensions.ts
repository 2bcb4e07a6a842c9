import { isExtName } from './grammar.ts';
import type { TagField, TagList } from './parse.ts';

/** An extension field as senders read it. */
export interface TagExtension {
  readonly name: string;
  readonly value: string;
}

/** Well-named `name=value` fields other than `defined` and the version field, first occurrence of each. */
export function extensionsOf(tags: TagList, versionField: TagField | null, defined: readonly string[]): TagExtension[] {
  const seen = new Set<string>();
  const out: TagExtension[] = [];
  for (const f of tags.fields) {
    if (f === versionField || !f.eq || defined.includes(f.nameText) || !isExtName(f.nameText) || seen.has(f.nameText)) continue;
    seen.add(f.nameText);
    out.push({ name: f.nameText, value: f.valueText });
  }
  return out;
}
