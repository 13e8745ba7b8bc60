/**
 * Test-only HTTP front for the database engine: answers the SDK's `POST /admin` database actions with
 * `db.handle`, so the real wx-server-sdk can be pointed at the engine without the full local cloud.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import type * as WxServerSdk from 'wx-server-sdk'
import { CURRENT_ENV } from '../../../cloudfunctions/_shared/cloud'
import { openDatabase, type LocalDatabase, type QueryLogEntry } from '../../../local-cloud/src/db'

export interface DbServer {
  url: string
  port: number
  close(): Promise<void>
}

export async function startDbServer(db: LocalDatabase, port = 0): Promise<DbServer> {
  const server = http.createServer((req, res) => {
    void answer(db, req).then(
      (reply) => send(res, 200, reply),
      (error: unknown) => send(res, 500, { code: 'SYS_ERR', message: String(error) }),
    )
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', resolve)
  })
  const actual = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

async function answer(db: LocalDatabase, req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'))
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { code: 'INVALID_PARAM', message: 'body must be an object' }
  const params = body as Record<string, unknown>
  const action = typeof params.action === 'string' ? params.action : ''
  if (!action.startsWith('database.')) return { code: 'INVALID_PARAM', message: `not a database action: ${action}` }
  return db.handle(action, params, 'test')
}

function send(res: http.ServerResponse, status: number, reply: Record<string, unknown>): void {
  const text = JSON.stringify(reply)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  })
  res.end(text)
}

/** The environment that points wx-server-sdk at `url` (see docs/local-cloud-protocol.md). */
export function sdkEnv(url: string): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${url}/admin` }),
    TENCENTCLOUD_SECRETID: 'local-secret-id',
    TENCENTCLOUD_SECRETKEY: 'local-secret-key',
    SCF_NAMESPACE: 'local-test',
    TENCENTCLOUD: 'true',
    SILENCE: 'true',
  }
}

/** The real SDK's database (the tests type a transaction alike). */
export type Database = ReturnType<(typeof WxServerSdk)['database']>

/** The real SDK over a fresh database engine (no local cloud around it). */
export interface SdkOverDb {
  db: LocalDatabase
  wx: Database
  close(): Promise<void>
}

/**
 * A fresh database in a temporary folder with `collections` (collections.json's shape), `fill`ed, served to the
 * real wx-server-sdk of this process. `close` stops the server and removes the folder.
 */
export async function sdkOverFreshDb(
  prefix: string,
  collections: object,
  opts: { onQuery?: (entry: QueryLogEntry) => void; fill?: (db: LocalDatabase) => Promise<void> } = {},
): Promise<SdkOverDb> {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix))
  const collectionsFile = path.join(dir, 'collections.json')
  writeFileSync(collectionsFile, JSON.stringify(collections))
  const db = await openDatabase({ dataDir: path.join(dir, 'data'), collectionsFile, onQuery: opts.onQuery })
  await opts.fill?.(db)
  const server = await startDbServer(db)
  Object.assign(process.env, sdkEnv(server.url))
  const cloud = (await import('wx-server-sdk')).default
  cloud.init({ env: CURRENT_ENV })
  return {
    db,
    wx: cloud.database(),
    close: async () => {
      await server.close()
      await db.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
