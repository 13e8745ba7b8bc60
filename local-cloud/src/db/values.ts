/**
 * Value helpers shared by the engine: the document type, deep cloning, dot-path access and a total
 * order over values that follows MongoDB's BSON comparison order (used by indexes and sorting).
 */
import { ObjectId } from 'bson'

export type Doc = Record<string, unknown>

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/** Deep copy of plain objects, arrays and Dates; other class instances (RegExp, ObjectId…) are immutable here and shared. */
export function deepClone<T>(value: T): T {
  return cloneValue(value) as T
}

function cloneValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(cloneValue)
  if (value instanceof Date) return new Date(value.getTime())
  if (!isPlainObject(value)) return value
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value)) out[key] = cloneValue(value[key])
  return out
}

/**
 * Makes a stored document immutable, all the way down, and returns it. The engine hands stored documents
 * to readers, aggregate stages, snapshots and undo entries by reference; a reader that mutated one would
 * change the stored data for good (issue: an exclusion `$project` after a `$lookup` deleted report
 * versions). Frozen, such a mutation throws instead. Dates stay mutable through their methods (a
 * frozen Date still has `setTime`); nothing in the engine or mingo calls them on a stored value.
 */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value
  if (Array.isArray(value)) {
    for (const item of value) deepFreeze(item)
  } else if (isPlainObject(value)) {
    for (const key of Object.keys(value)) deepFreeze(value[key])
  } else {
    return value // Date, RegExp, ObjectId: shared as they are
  }
  return Object.freeze(value)
}

/** Result of resolving a dot path for indexing: a plain value, or "irregular" when the path crosses an array. */
export type PathValue = { irregular: false; value: unknown } | { irregular: true }

const MISSING: PathValue = { irregular: false, value: undefined }

/** Resolves `a.b.c` through plain objects only; arrays anywhere on the path make the result irregular. */
export function resolveForIndex(doc: Doc, path: readonly string[]): PathValue {
  let current: unknown = doc
  for (const part of path) {
    if (Array.isArray(current)) return { irregular: true }
    if (!isPlainObject(current)) return MISSING
    current = current[part]
  }
  if (Array.isArray(current)) return { irregular: true }
  return { irregular: false, value: current }
}

/** Resolves a dot path for sorting: plain objects and numeric array positions; anything else is missing. */
export function resolveForSort(doc: Doc, path: readonly string[]): unknown {
  let current: unknown = doc
  for (const part of path) {
    if (Array.isArray(current) && /^\d+$/.test(part)) current = current[Number(part)]
    else if (isPlainObject(current)) current = current[part]
    else return undefined
  }
  return current
}

/** True for the values an index can hold and compare exactly like the query language does. */
export function isIndexableScalar(value: unknown): boolean {
  if (value === null || value === undefined) return true
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true
    case 'number':
      return !Number.isNaN(value)
    case 'object':
      return value instanceof Date && !Number.isNaN(value.getTime())
    default:
      return false
  }
}

/** BSON type order: null < numbers < strings < objects < arrays < ObjectId < booleans < dates < regex. */
export function typeRank(value: unknown): number {
  if (value === null || value === undefined) return 1
  switch (typeof value) {
    case 'number':
    case 'bigint':
      return 2
    case 'string':
      return 3
    case 'boolean':
      return 8
    case 'object':
      if (Array.isArray(value)) return 5
      if (value instanceof Date) return 9
      if (value instanceof RegExp) return 11
      if (value instanceof ObjectId) return 7
      return 4
    default:
      return 12
  }
}

export function compareValues(a: unknown, b: unknown): number {
  // Fast paths for the common index key types.
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0
  if (typeof a === 'number' && typeof b === 'number' && a === a && b === b) return a < b ? -1 : a > b ? 1 : 0
  if (a instanceof Date && b instanceof Date) return compareNumbers(a.getTime(), b.getTime())
  const ra = typeRank(a)
  const rb = typeRank(b)
  if (ra !== rb) return ra - rb
  switch (ra) {
    case 1:
      return 0
    case 2:
      return compareNumbers(Number(a), Number(b))
    case 3:
      return compareStrings(String(a), String(b))
    case 8:
      return (a === true ? 1 : 0) - (b === true ? 1 : 0)
    case 9:
      return compareNumbers((a as Date).getTime(), (b as Date).getTime())
    case 5:
      return compareArrays(a as unknown[], b as unknown[])
    case 4:
      return compareObjects(a as Record<string, unknown>, b as Record<string, unknown>)
    default:
      return compareStrings(String(a), String(b))
  }
}

function compareNumbers(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : -1
  if (Number.isNaN(b)) return 1
  return a < b ? -1 : a > b ? 1 : 0
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function compareArrays(a: unknown[], b: unknown[]): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const c = compareValues(a[i], b[i])
    if (c !== 0) return c
  }
  return a.length - b.length
}

function compareObjects(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  const n = Math.min(ka.length, kb.length)
  for (let i = 0; i < n; i++) {
    const c = compareStrings(ka[i], kb[i]) || compareValues(a[ka[i]], b[kb[i]])
    if (c !== 0) return c
  }
  return ka.length - kb.length
}

/** Compares tuples field by field, each field in its own direction. */
export function compareTuples(a: readonly unknown[], b: readonly unknown[], dirs: readonly (1 | -1)[]): number {
  for (let i = 0; i < dirs.length; i++) {
    const c = compareValues(a[i], b[i])
    if (c !== 0) return dirs[i] * c
  }
  return 0
}

/** A Map key for an indexable scalar tuple; missing and null are the same key, as in the query language. */
export function tupleKey(values: readonly unknown[]): string {
  return values.map(scalarKey).join('\u0001')
}

function scalarKey(value: unknown): string {
  if (value === null || value === undefined) return 'z'
  if (value instanceof Date) return `d${value.getTime()}`
  switch (typeof value) {
    case 'number':
      return `n${value}`
    case 'boolean':
      return value ? 'bt' : 'bf'
    default:
      return `s${String(value)}`
  }
}

/** The string under which a document is kept; strings (the usual _id) are used as they are. */
export function idKey(id: unknown): string {
  if (typeof id === 'string') return id
  if (typeof id === 'number') return `\u0000n${id}`
  if (id instanceof ObjectId) return `\u0000o${id.toHexString()}`
  return `\u0000j${JSON.stringify(id)}`
}

export function isValidId(id: unknown): boolean {
  return (
    (typeof id === 'string' && id.length > 0) ||
    (typeof id === 'number' && Number.isFinite(id)) ||
    id instanceof ObjectId
  )
}

/** Structural equality used to tell whether an update changed a document. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') {
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b)
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
    return a.every((item, i) => deepEqual(item, b[i]))
  }
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime()
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a)
    const kb = Object.keys(b)
    if (ka.length !== kb.length) return false
    return ka.every((key, i) => key === kb[i] && deepEqual(a[key], b[key]))
  }
  return String(a) === String(b) && Object.getPrototypeOf(a) === Object.getPrototypeOf(b)
}
