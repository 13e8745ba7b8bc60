/**
 * The SDK's wire encoding: query, data, order and projection arrive as canonical EJSON strings
 * (bson EJSON.stringify, relaxed:false); documents are answered as canonical EJSON strings, which the
 * SDK reads back with EJSON.parse. Decoding also turns the SDK's own extensions into plain JS values.
 */
import { BSONRegExp, Double, EJSON, Int32, Long } from 'bson'
import { invalidParam } from './errors'
import { isPlainObject, type Doc } from './values'

/** Parses one EJSON field of a request body; `now` is the request's clock for serverDate. */
export function decodeWire(input: unknown, now: number, field: string): unknown {
  if (input === undefined || input === null || input === '') return undefined
  let parsed: unknown
  try {
    parsed =
      typeof input === 'string'
        ? EJSON.parse(input, { relaxed: true })
        : EJSON.deserialize(input as Doc, { relaxed: true })
  } catch (error) {
    throw invalidParam(`${field} is not valid EJSON: ${error instanceof Error ? error.message : String(error)}`)
  }
  return normalize(parsed, now)
}

export function decodeWireObject(input: unknown, now: number, field: string): Doc | undefined {
  const value = decodeWire(input, now, field)
  if (value === undefined) return undefined
  if (!isPlainObject(value)) throw invalidParam(`${field} must be an object`)
  return value
}

/** BSON wrappers become JS values: regex -> RegExp, numbers -> number, serverDate -> Date at now + offset. */
function normalize(value: unknown, now: number): unknown {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((item) => normalize(item, now))
  if (value instanceof BSONRegExp) return toRegExp(value)
  if (value instanceof Int32 || value instanceof Double) return value.valueOf()
  if (value instanceof Long) return value.toNumber()
  if (!isPlainObject(value)) return value // Date, ObjectId, Binary…
  const serverDate = serverDateOffset(value)
  if (serverDate !== undefined) return new Date(now + serverDate)
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value)) out[key] = normalize(value[key], now)
  return out
}

/** `{"$tcb_server_date":{"offset":N}}` is how db.serverDate() travels. */
function serverDateOffset(value: Record<string, unknown>): number | undefined {
  const spec = value.$tcb_server_date
  if (spec === undefined || Object.keys(value).length !== 1) return undefined
  const offset = isPlainObject(spec) ? Number(normalize(spec.offset, 0) ?? 0) : 0
  return Number.isFinite(offset) ? offset : 0
}

function toRegExp(value: BSONRegExp): RegExp {
  // JS knows i, m, s, u of MongoDB's flags; x (extended) has no JS equivalent and is dropped.
  const flags = [...new Set(value.options.split(''))].filter((f) => 'imsu'.includes(f)).join('')
  return new RegExp(value.pattern, flags)
}

export function encodeWire(doc: unknown): string {
  return EJSON.stringify(doc, { relaxed: false })
}
