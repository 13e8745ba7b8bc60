import * as cloud from 'wx-server-sdk'
import { CURRENT_ENV } from '../../cloudfunctions/_shared/cloud'

/**
 * The real wx-server-sdk in the test process, pointed at a local cloud's `/admin` endpoint: how a test
 * reads and writes the local database directly to check what a function stored.
 */
export function adminSdk(url: string): typeof cloud {
  process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: `${url}/admin` })
  process.env.TENCENTCLOUD_SECRETID = 'local'
  process.env.TENCENTCLOUD_SECRETKEY = 'local'
  process.env.SCF_NAMESPACE = 'local-env'
  process.env.TENCENTCLOUD = 'true'
  cloud.init({ env: CURRENT_ENV })
  return cloud
}

export async function findDocs<T = Record<string, unknown>>(
  sdk: typeof cloud,
  collection: string,
  where: Record<string, unknown>,
): Promise<T[]> {
  const res = await sdk.database().collection(collection).where(where).limit(1000).get()
  return (res as { data: unknown[] }).data as T[]
}

/** How many documents of `collection` match `where`. */
export async function countDocs(
  sdk: typeof cloud,
  collection: string,
  where: Record<string, unknown> = {},
): Promise<number> {
  const res = await sdk.database().collection(collection).where(where).count()
  return (res as { total: number }).total
}
