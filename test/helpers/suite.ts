import { afterAll, beforeAll } from 'vitest'
import { startLocalCloud, type LocalCloud } from './cloud'
import { adminSdk } from './sdk'

/**
 * One local cloud for a test file: started before its tests, stopped after them. `ready` receives it (and may
 * read what the file's tests compare against, before the first test).
 */
export function useLocalCloud(
  ready: (cloud: LocalCloud, sdk: ReturnType<typeof adminSdk>) => void | Promise<void>,
): void {
  let cloud: LocalCloud | undefined
  beforeAll(async () => {
    cloud = await startLocalCloud()
    await ready(cloud, adminSdk(cloud.url))
  })
  afterAll(async () => {
    await cloud?.stop()
  })
}

export interface LoggedQuery {
  action: string
  collection: string
  index: string | null
  docsExamined: number
  docsReturned: number
}

export interface CallLog {
  callId: string
  fn: string
  action: string
  queries: LoggedQuery[]
}

/** The newest logged call of `fn`'s `action` (GET /api/dev/calls), with its database requests. */
export async function lastLoggedCall(cloud: LocalCloud, fn: string, action: string): Promise<CallLog> {
  const calls = (await (await fetch(`${cloud.url}/api/dev/calls?limit=50`)).json()) as CallLog[]
  const found = calls.find((c) => c.fn === fn && c.action === action)
  if (!found) throw new Error(`no logged call of ${action}`)
  return found
}

/** A subscribe message as the local cloud recorded it (GET /api/dev/outbox). */
export interface OutboxMessage {
  touser: string
  templateId: string
  page: string
  data: Record<string, { value: string }>
}

/** Every subscribe message sent so far, oldest first. */
export async function outbox(cloud: LocalCloud): Promise<OutboxMessage[]> {
  return (await (await fetch(`${cloud.url}/api/dev/outbox`)).json()) as OutboxMessage[]
}

/** Runs `fn`'s timer jobs as its timer trigger `triggerName` fires them (config.json). */
export function runTimer<T>(cloud: LocalCloud, fn: string, triggerName: string): Promise<T> {
  return cloud.runJob<T>(fn, { Type: 'Timer', TriggerName: triggerName, Time: new Date().toISOString() })
}
