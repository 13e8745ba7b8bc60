import type { LocalCloud } from '../../test/helpers/cloud'
import type { Persona } from '../../test/helpers/members'

export type { Persona }

export interface QueryLog {
  action: string
  collection: string
  index: string | null
  /** Index entries visited; a covered count or group visits keys and examines no document. */
  keysExamined: number
  docsExamined: number
  docsReturned: number
  ms: number
}

export interface CallRecord {
  callId: string
  fn: string
  action: string | null
  parentCallId: string | null
  ms: number | null
  ok: boolean | null
  code: string | null
  queries: QueryLog[]
  queriesDropped: number
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; code: string; message: string }

export async function personas(cloud: LocalCloud): Promise<Persona[]> {
  return (await (await fetch(`${cloud.url}/api/dev/personas`)).json()) as Persona[]
}

export async function recentCalls(cloud: LocalCloud, limit: number): Promise<CallRecord[]> {
  return (await (await fetch(`${cloud.url}/api/dev/calls?limit=${limit}`)).json()) as CallRecord[]
}

/** Writes carry no index; every read should name one. */
export function isWrite(q: QueryLog): boolean {
  return /insert|update|modify|delete|remove|set|transaction|commit|abort/i.test(q.action)
}

export function dataOf<T>(res: Envelope<T>, what: string): T {
  if (!res.ok) throw new Error(`${what}: ${res.code} ${res.message}`)
  return res.data
}
