import { readFileSync } from 'node:fs'
import type * as WxCloud from 'wx-server-sdk'
import { LEGACY_MEMBER_ID, newMemberId } from '../../../cloudfunctions/_shared/ids'
import { pagesById } from './common'

/**
 * Member ids used to be `m-<studentNo>`, which put student numbers into rankings, composite ids
 * (`<memberId>:<period>`, `<meetingId>_<memberId>`, `daily:<day>:<memberId>` …), upload paths and audit
 * entries. This migration gives every such member an opaque id (`_shared/ids`) and rewrites every
 * reference to it, in every collection and in storage, through the real SDK: the same code runs
 * against the local cloud (on start, for a data dir from before) and against WeChat cloud
 * (scripts/migrate-member-ids.ts).
 *
 * Rewriting is by value, not by field list: any string in any document that is (or contains, as a
 * `:`/`_`/`/`-separated part) an old id is rewritten, so no reference is missed, nested arrays and
 * audit details included. Documents whose `_id` contains an old id are re-created under the new `_id`
 * and the old one removed; files under `uploads/<old id>/` are copied to the new folder, then deleted.
 *
 * Idempotent and safe to re-run after an interruption: (1) each old member is first given its new id
 * (`migratedTo`, set once, conditionally); (2) references are rewritten (a rewritten document has no old
 * id left, a file already copied is not copied again); (3) each member document moves to its new id in
 * a transaction that keeps the old one as `formerId`. A re-run finds the mapping in `migratedTo` and
 * `formerId` and rewrites whatever is left. Run it while nobody uses the app (a few minutes at night):
 * between steps 2 and 3 the references already point to ids whose member documents are not there yet.
 */

type Cloud = typeof WxCloud
type Db = ReturnType<Cloud['database']>
type Doc = Record<string, unknown> & { _id: string }
/** What the migration uses of the SDK's transaction object. */
interface Tx {
  collection(name: string): {
    doc(id: string): { remove(): Promise<unknown>; set(opts: { data: Record<string, unknown> }): Promise<unknown> }
  }
}

export interface MemberIdMigration {
  /** Members given an opaque id in this run. */
  members: number
  /** Documents rewritten (members not counted), moved to a new `_id` or updated in place. */
  documents: number
  /** Files copied to the member's new upload folder. */
  files: number
}

const PAGE = 500
const BATCH = 20
/** An old id as a part of a longer string: not inside a longer word. */
const OLD_ID_TOKEN = /(?<![A-Za-z0-9-])m-[A-Za-z0-9]{4,20}(?![A-Za-z0-9])/g

/** The collections of the database, as the deploy steps create them. */
export function collectionNames(collectionsFile: string): string[] {
  const parsed = JSON.parse(readFileSync(collectionsFile, 'utf8')) as { collections: Record<string, unknown> }
  return Object.keys(parsed.collections)
}

/** `value` with every old id replaced by its new one (a new object only where something changed). */
export function rewriteIds<T>(value: T, map: ReadonlyMap<string, string>): T {
  if (typeof value === 'string') {
    return value.replace(OLD_ID_TOKEN, (old) => map.get(old) ?? old) as T
  }
  if (Array.isArray(value)) {
    const out = value.map((v: unknown) => rewriteIds(v, map))
    return (out.some((v, i) => v !== value[i]) ? out : value) as T
  }
  if (value && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value)) {
    let changed = false
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = rewriteIds(v, map)
      if (out[k] !== v) changed = true
    }
    return (changed ? out : value) as T
  }
  return value
}

/** Every `cloud://` string of `before` that the rewrite changed: old file ID → new file ID. */
function movedFiles(before: unknown, after: unknown, out: Map<string, string>): void {
  if (typeof before === 'string' && typeof after === 'string') {
    if (before !== after && before.startsWith('cloud://')) out.set(before, after)
    return
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    before.forEach((b: unknown, i) => movedFiles(b, after[i], out))
    return
  }
  if (before && after && typeof before === 'object' && typeof after === 'object') {
    for (const [k, v] of Object.entries(before as Record<string, unknown>))
      movedFiles(v, (after as Record<string, unknown>)[k], out)
  }
}

async function page(
  db: Db,
  collection: string,
  after: string | null,
  where: Record<string, unknown> = {},
): Promise<Doc[]> {
  const _ = db.command
  const query = after === null ? where : { ...where, _id: _.gt(after) }
  const res = (await db.collection(collection).where(query).orderBy('_id', 'asc').limit(PAGE).get()) as { data: Doc[] }
  return res.data
}

function documents(db: Db, collection: string, where: Record<string, unknown> = {}): AsyncGenerator<Doc[]> {
  return pagesById((after) => page(db, collection, after, where), PAGE)
}

function withoutId(doc: Doc): Record<string, unknown> {
  const { _id: _ignored, ...rest } = doc
  return rest
}

/** Step 1: old id → new id for every member still (or, in an interrupted run, already) being moved. */
async function memberMap(db: Db): Promise<{ map: Map<string, string>; fresh: number }> {
  const _ = db.command
  const map = new Map<string, string>()
  let fresh = 0
  for await (const list of documents(db, 'members', { formerId: _.exists(true) })) {
    for (const m of list) if (typeof m.formerId === 'string') map.set(m.formerId, m._id)
  }
  for await (const list of documents(db, 'members', { _id: db.RegExp({ regexp: '^m-', options: '' }) })) {
    for (const m of list) {
      if (!LEGACY_MEMBER_ID.test(m._id)) continue
      if (typeof m.migratedTo !== 'string') {
        // Conditional: two runs at once agree on one new id.
        const res = (await db
          .collection('members')
          .where({ _id: m._id, migratedTo: _.exists(false) })
          .update({ data: { migratedTo: newMemberId() } })) as { stats: { updated: number } }
        fresh += res.stats.updated
        const [now] = ((await db.collection('members').where({ _id: m._id }).get()) as { data: Doc[] }).data
        map.set(m._id, String(now.migratedTo))
      } else {
        map.set(m._id, m.migratedTo)
      }
    }
  }
  return { map, fresh }
}

async function fileExists(cloud: Cloud, fileID: string): Promise<boolean> {
  try {
    await cloud.downloadFile({ fileID })
    return true
  } catch {
    return false
  }
}

/** Copies a file to its new ID unless it is there already; answers whether it copied. */
async function copyFile(cloud: Cloud, from: string, to: string): Promise<boolean> {
  if (await fileExists(cloud, to)) return false
  let content: Buffer
  try {
    content = (await cloud.downloadFile({ fileID: from })).fileContent
  } catch {
    return false // neither old nor new: a dangling reference stays dangling
  }
  const cloudPath = /^cloud:\/\/[^/]+\/(.+)$/.exec(to)?.[1]
  if (!cloudPath) return false
  await cloud.uploadFile({ cloudPath, fileContent: content })
  return true
}

/** Step 2 for one document: files first, then the document, then the old files and the old `_id`. */
async function rewriteDocument(
  cloud: Cloud,
  db: Db,
  collection: string,
  doc: Doc,
  map: ReadonlyMap<string, string>,
): Promise<{ rewritten: boolean; files: number }> {
  // A moved member's `formerId` is the one old id that stays.
  const { formerId, ...body } = doc
  const rewritten = rewriteIds(body as Doc, map)
  if (rewritten === body) return { rewritten: false, files: 0 }
  const after: Doc = formerId === undefined ? rewritten : { ...rewritten, formerId }
  const files = new Map<string, string>()
  movedFiles(doc, after, files)
  let copied = 0
  for (const [from, to] of files) if (await copyFile(cloud, from, to)) copied++
  const ref = db.collection(collection)
  if (after._id !== doc._id) {
    await ref.doc(after._id).set({ data: withoutId(after) })
    await ref.doc(doc._id).remove()
  } else {
    await ref.doc(doc._id).set({ data: withoutId(after) })
  }
  if (files.size > 0) await cloud.deleteFile({ fileList: [...files.keys()] })
  return { rewritten: true, files: copied }
}

/** Step 3: the member document itself moves to its new id, keeping the old one as `formerId`. */
async function moveMember(db: Db, old: Doc, map: ReadonlyMap<string, string>): Promise<void> {
  const target = map.get(old._id)
  if (!target) return
  const { migratedTo: _ignored, ...rest } = rewriteIds(withoutId(old), map)
  await db.runTransaction(async (tx: Tx) => {
    await tx.collection('members').doc(old._id).remove()
    await tx
      .collection('members')
      .doc(target)
      .set({ data: { ...rest, formerId: old._id } })
  })
}

export async function migrateMemberIds(
  cloud: Cloud,
  opts: { collections: string[]; log?: (line: string) => void },
): Promise<MemberIdMigration> {
  const log = opts.log ?? (() => undefined)
  const db = cloud.database()
  const { map, fresh } = await memberMap(db)
  const report: MemberIdMigration = { members: fresh, documents: 0, files: 0 }
  if (map.size === 0) return report
  log(`member ids: ${map.size} member(s) to move (${fresh} new this run)`)

  for (const collection of opts.collections) {
    let rewritten = 0
    for await (const list of documents(db, collection)) {
      // Legacy member documents move in step 3; everything else (other members' references too) here.
      const todo = collection === 'members' ? list.filter((d) => !map.has(d._id)) : list
      for (let i = 0; i < todo.length; i += BATCH) {
        const done = await Promise.all(
          todo.slice(i, i + BATCH).map((d) => rewriteDocument(cloud, db, collection, d, map)),
        )
        for (const d of done) {
          if (d.rewritten) rewritten++
          report.files += d.files
        }
      }
    }
    if (rewritten > 0) log(`member ids: ${collection}: ${rewritten} document(s) rewritten`)
    report.documents += rewritten
  }

  for await (const list of documents(db, 'members', { _id: db.RegExp({ regexp: '^m-', options: '' }) })) {
    for (const m of list) if (map.has(m._id)) await moveMember(db, m, map)
  }
  log(`member ids: done (${report.documents} document(s), ${report.files} file(s))`)
  return report
}
