/**
 * On-disk encoding of values (WAL records and snapshot lines): JSON with four tagged forms, because
 * plain JSON loses them: `{"$date":ms}`, `{"$num":"NaN"}`, `{"$re":[source,flags]}` and
 * `{"$ejson":…}` for other BSON values (ObjectId, Binary…). A stored object whose only key is one of
 * these tags would be misread; field names starting with `$` are not valid in documents anyway.
 * JSON.parse plus one walk is several times faster than EJSON.parse, which matters when a
 * 200k-document snapshot is loaded.
 */
import { EJSON } from 'bson'
import { isPlainObject } from './values'

export function encodeStored(value: unknown): string {
  return JSON.stringify(value, storedReplacer)
}

function storedReplacer(this: unknown, key: string, value: unknown): unknown {
  // `this[key]` is the value before Date.prototype.toJSON turned it into a string.
  const raw: unknown = (this as Record<string, unknown>)[key]
  if (raw instanceof Date) {
    const ms = raw.getTime()
    return { $date: Number.isNaN(ms) ? null : ms }
  }
  if (typeof raw === 'number' && !Number.isFinite(raw)) return { $num: String(raw) }
  if (raw instanceof RegExp) return { $re: [raw.source, raw.flags] }
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && !isPlainObject(raw)) {
    return { $ejson: EJSON.serialize({ v: raw }, { relaxed: false }).v }
  }
  return value
}

export function decodeStored(text: string): unknown {
  return revive(JSON.parse(text))
}

/** Walks parsed JSON in place, replacing tagged objects; primitives are skipped without a call. */
function revive(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value
  return reviveChild(value)
}

function reviveChild(value: object): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i]
      if (item !== null && typeof item === 'object') value[i] = reviveChild(item)
    }
    return value
  }
  const obj = value as Record<string, unknown>
  let tagKey: string | undefined
  let keyCount = 0
  for (const key in obj) {
    keyCount++
    if (key.charCodeAt(0) === 36 /* $ */) tagKey = key
    const item = obj[key]
    if (item !== null && typeof item === 'object') obj[key] = reviveChild(item)
  }
  if (keyCount === 1 && tagKey !== undefined) {
    const tagged = reviveTagged(tagKey, obj[tagKey])
    if (tagged !== NOT_TAGGED) return tagged
  }
  return obj
}

const NOT_TAGGED = Symbol('not tagged')

function reviveTagged(key: string, inner: unknown): unknown {
  switch (key) {
    case '$date':
      return typeof inner === 'number' || inner === null ? new Date(inner === null ? Number.NaN : inner) : NOT_TAGGED
    case '$num':
      return typeof inner === 'string' ? Number(inner) : NOT_TAGGED
    case '$re':
      return Array.isArray(inner) ? new RegExp(String(inner[0]), String(inner[1])) : NOT_TAGGED
    case '$ejson':
      return EJSON.deserialize({ v: inner }, { relaxed: true }).v
    default:
      return NOT_TAGGED
  }
}
