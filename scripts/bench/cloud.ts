import type { LocalCloud } from '../../test/helpers/cloud'
import type { Persona } from '../../test/helpers/members'
import type { QueryLogEntry } from '../../local-cloud/src/db/index'
import type { CallRecord } from '../../local-cloud/src/functions/call-log'

export type { Persona }

/** What GET /api/dev/calls answers: the local cloud's own call records. */
export type { CallRecord }

export type Envelope<T> = { ok: true; data: T } | { ok: false; code: string; message: string }

export async function personas(cloud: LocalCloud): Promise<Persona[]> {
  return (await (await fetch(`${cloud.url}/api/dev/personas`)).json()) as Persona[]
}

export async function recentCalls(cloud: LocalCloud, limit: number): Promise<CallRecord[]> {
  return (await (await fetch(`${cloud.url}/api/dev/calls?limit=${limit}`)).json()) as CallRecord[]
}

/** Writes carry no index; every read should name one. */
export function isWrite(q: QueryLogEntry): boolean {
  return /insert|update|modify|delete|remove|set|transaction|commit|abort/i.test(q.action)
}

export function dataOf<T>(res: Envelope<T>, what: string): T {
  if (!res.ok) throw new Error(`${what}: ${res.code} ${res.message}`)
  return res.data
}
