/**
 * Update semantics of database.modifyDocument / modifyAndReturnDoc. With `merge: true` the SDK sends
 * update operators ($set with dot paths for nested plain objects, $inc, $push…), evaluated by mingo;
 * with `merge: false` (doc.set) it sends a whole replacement document.
 */
import { update as mingoUpdate } from 'mingo'
import { DbError, invalidParam } from './errors'
import { deepClone, deepEqual, isIndexableScalar, isPlainObject, type Doc } from './values'

export type UpdateSpec = { kind: 'replace'; doc: Doc } | { kind: 'operators'; ops: Doc }

const OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$push',
  '$pop',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$currentDate',
  '$bit',
])

export function parseUpdateSpec(data: Doc, merge: boolean): UpdateSpec {
  const keys = Object.keys(data)
  const operatorKeys = keys.filter((key) => key.startsWith('$'))
  if (!merge) {
    if (operatorKeys.length > 0)
      throw new DbError(
        'DATABASE_REQUEST_FAILED',
        '[InvalidParameter] update operator complicit: a replacement document cannot contain operators',
      )
    if ('_id' in data) delete data._id
    return { kind: 'replace', doc: data }
  }
  if (keys.length === 0) throw invalidParam('update data must not be empty')
  if (operatorKeys.length === 0) return { kind: 'operators', ops: { $set: data } } // raw-mode plain object
  if (operatorKeys.length !== keys.length) throw invalidParam('update data cannot mix operators and fields')
  for (const op of operatorKeys) {
    if (!OPERATORS.has(op))
      throw new DbError('DATABASE_INVALID_OPERRATOR', `[InvalidParameter] unknown update operator ${op}`)
    if (!isPlainObject(data[op])) throw invalidParam(`${op} needs an object`)
  }
  return { kind: 'operators', ops: data }
}

/** Returns the updated copy, or undefined when the update changes nothing (counted as not updated). */
export function applyUpdate(before: Doc, spec: UpdateSpec): Doc | undefined {
  if (spec.kind === 'replace') {
    const after: Doc = { _id: before._id, ...deepClone(spec.doc) }
    return deepEqual(before, after) ? undefined : after
  }
  const after = deepClone(before)
  const modified = mingoUpdate(after, spec.ops, undefined, undefined, { cloneMode: 'deep' })
  if (!deepEqual(after._id, before._id) || !('_id' in after)) {
    throw new DbError(
      'DATABASE_REQUEST_FAILED',
      "[FailedOperation] Performing an update on the path '_id' would modify the immutable field '_id'",
    )
  }
  return modified.length === 0 ? undefined : after
}

/** The document an upsert inserts: equality fields of the query, then the update applied to it. */
export function upsertDocument(query: Doc, spec: UpdateSpec, newId: () => unknown): Doc {
  if (spec.kind === 'replace') {
    const id = isIdValue(query._id) ? query._id : newId()
    return { _id: id, ...deepClone(spec.doc) }
  }
  const base: Doc = {}
  for (const [field, value] of Object.entries(query)) {
    if (!field.startsWith('$') && isIndexableScalar(value) && value !== null) setPath(base, field, deepClone(value))
  }
  if (!isIdValue(base._id)) base._id = newId()
  mingoUpdate(base, spec.ops, undefined, undefined, { cloneMode: 'deep' })
  return base
}

function isIdValue(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number'
}

function setPath(target: Doc, dotted: string, value: unknown): void {
  const parts = dotted.split('.')
  let current = target
  for (const part of parts.slice(0, -1)) {
    const next = current[part]
    if (!isPlainObject(next)) current[part] = {}
    current = current[part] as Doc
  }
  current[parts[parts.length - 1]] = value
}
