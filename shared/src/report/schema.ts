import type { Span } from '../diagnostic.ts';
import type { JsonMember, JsonNode, JsonObject } from './json.ts';

/** What a field holds: the JSON type and, for some, a format on top of it. */
export type FieldType = 'string' | 'count' | 'date-time' | 'ip' | 'string-list' | 'object' | 'object-list';

export interface FieldSchema {
  readonly type: FieldType;
  readonly required: boolean;
  /** For `object` and `object-list`: the shape of the object(s). */
  readonly object?: ObjectSchema;
}

export interface ObjectSchema {
  /** How messages name such an object: `the report`, `\`date-range\``, `a failure detail`. */
  readonly name: string;
  readonly fields: Readonly<Record<string, FieldSchema>>;
}

const req = (type: FieldType, object?: ObjectSchema): FieldSchema => (object ? { type, required: true, object } : { type, required: true });
const opt = (type: FieldType, object?: ObjectSchema): FieldSchema => (object ? { type, required: false, object } : { type, required: false });

/** RFC 8460 §4.4 `failure-details[]` entries. */
export const failureDetailSchema: ObjectSchema = {
  name: 'this failure detail',
  fields: {
    'result-type': req('string'),
    'sending-mta-ip': opt('ip'),
    'receiving-mx-hostname': opt('string'),
    'receiving-mx-helo': opt('string'),
    'receiving-ip': opt('ip'),
    'failed-session-count': req('count'),
    'additional-information': opt('string'),
    'failure-reason-code': opt('string'),
  },
};

/** RFC 8460 §4.4 `policy`. */
export const policySchema: ObjectSchema = {
  name: '`policy`',
  fields: {
    'policy-type': req('string'),
    'policy-string': opt('string-list'),
    'policy-domain': req('string'),
    'mx-host': opt('string-list'),
  },
};

/** RFC 8460 §4.4 `summary`. */
export const summarySchema: ObjectSchema = {
  name: '`summary`',
  fields: {
    'total-successful-session-count': req('count'),
    'total-failure-session-count': req('count'),
  },
};

/** RFC 8460 §4.4 `policies[]` entries. */
export const policiesEntrySchema: ObjectSchema = {
  name: 'this `policies` entry',
  fields: {
    policy: req('object', policySchema),
    summary: req('object', summarySchema),
    'failure-details': opt('object-list', failureDetailSchema),
  },
};

export const dateRangeSchema: ObjectSchema = {
  name: '`date-range`',
  fields: { 'start-datetime': req('date-time'), 'end-datetime': req('date-time') },
};

/** RFC 8460 §4.4: the aggregate report, the top-level object. */
export const reportSchema: ObjectSchema = {
  name: 'the report',
  fields: {
    'organization-name': req('string'),
    'date-range': req('object', dateRangeSchema),
    'contact-info': req('string'),
    'report-id': req('string'),
    policies: req('object-list', policiesEntrySchema),
  },
};

/** The JSON kind a field type is written as. */
export function jsonKindOf(type: FieldType): JsonNode['kind'] {
  switch (type) {
    case 'count':
      return 'number';
    case 'string-list':
    case 'object-list':
      return 'array';
    case 'object':
      return 'object';
    default:
      return 'string';
  }
}

/** A JSON object that stands where the schema expects `schema`; `anchor` is the key naming it, or the object's `{`. */
export interface SchemaObject {
  readonly schema: ObjectSchema;
  readonly node: JsonObject;
  readonly anchor: Span;
}

const objectsOf = new WeakMap<JsonNode, readonly SchemaObject[]>();

/**
 * Visit every object of the tree that has the right JSON type for its place in the report schema, in document
 * order. The list is built once per tree and shared by every rule; objects of the wrong type are left to
 * `report/wrong-type`.
 */
export function visitSchemaObjects(root: JsonNode | null, visit: (o: SchemaObject) => void): void {
  if (root === null || root.kind !== 'object') return;
  let list = objectsOf.get(root);
  if (list === undefined) objectsOf.set(root, (list = schemaObjects(root)));
  for (const o of list) visit(o);
}

function schemaObjects(root: JsonObject): SchemaObject[] {
  const out: SchemaObject[] = [];
  const stack: SchemaObject[] = [{ schema: reportSchema, node: root, anchor: { start: root.start, end: root.start + 1 } }];
  while (stack.length > 0) {
    const o = stack.pop()!;
    out.push(o);
    const children: SchemaObject[] = [];
    for (const m of lastMembers(o.node)) {
      const field = fieldOf(o.schema, m.key);
      if (!field?.object) continue;
      if (field.type === 'object' && m.value.kind === 'object') children.push({ schema: field.object, node: m.value, anchor: m.keySpan });
      if (field.type === 'object-list' && m.value.kind === 'array') {
        for (const item of m.value.items) {
          if (item.kind === 'object') children.push({ schema: field.object, node: item, anchor: { start: item.start, end: item.start + 1 } });
        }
      }
    }
    for (let k = children.length - 1; k >= 0; k--) stack.push(children[k]!);
  }
  return out;
}

const fieldMaps = new WeakMap<ObjectSchema, ReadonlyMap<string, FieldSchema>>();

/** The schema of field `key` in `schema`, or undefined when the RFC defines no such field. */
export function fieldOf(schema: ObjectSchema, key: string): FieldSchema | undefined {
  let map = fieldMaps.get(schema);
  if (map === undefined) fieldMaps.set(schema, (map = new Map(Object.entries(schema.fields))));
  return map.get(key);
}

/**
 * The members that count: the last of each key, as JSON.parse and most report consumers read duplicates
 * (`report/duplicate-key` flags the others). In document order.
 */
export function lastMembers(object: JsonObject): readonly JsonMember[] {
  const members = object.members;
  if (!hasDuplicateKeys(members)) return members;
  const seen = new Set<string>();
  const out: JsonMember[] = [];
  for (let i = members.length - 1; i >= 0; i--) {
    const m = members[i]!;
    if (seen.has(m.key)) continue;
    seen.add(m.key);
    out.push(m);
  }
  return out.reverse();
}

/** Whether two members share a key; without allocating for the small objects reports are made of. */
export function hasDuplicateKeys(members: readonly JsonMember[]): boolean {
  const n = members.length;
  if (n < 2) return false;
  if (n > 16) return new Set(members.map((m) => m.key)).size !== n;
  for (let i = 1; i < n; i++) for (let j = 0; j < i; j++) if (members[i]!.key === members[j]!.key) return true;
  return false;
}

/** Whether the object has a member named `key`. */
export function hasMember(object: JsonObject, key: string): boolean {
  for (const m of object.members) if (m.key === key) return true;
  return false;
}

/** Visit every field the RFC defines that is present, with its schema, in every object `visitSchemaObjects` reaches. */
export function visitSchemaFields(root: JsonNode | null, visit: (field: FieldSchema, m: JsonMember, o: SchemaObject) => void): void {
  visitSchemaObjects(root, (o) => {
    for (const m of lastMembers(o.node)) {
      const field = fieldOf(o.schema, m.key);
      if (field) visit(field, m, o);
    }
  });
}
