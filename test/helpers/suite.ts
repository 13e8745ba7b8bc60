import { afterAll, beforeAll } from 'vitest'
import { startLocalCloud, type LocalCloud } from './cloud'
import { adminSdk } from './sdk'

/** One local cloud for a test file: started before its tests, stopped after them. */
export function useLocalCloud(ready: (cloud: LocalCloud, sdk: ReturnType<typeof adminSdk>) => void): void {
  let cloud: LocalCloud | undefined
  beforeAll(async () => {
    cloud = await startLocalCloud()
    ready(cloud, adminSdk(cloud.url))
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
