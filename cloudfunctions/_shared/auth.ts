import type { CallContext } from './handler'
import { findOne, getDb } from './db'
import type { Role } from './domain'
import { AppError } from './envelope'
import type { BranchDoc, CollegeDoc, MemberDoc } from './models'
import type { PointsTotalsDoc } from './points'

/**
 * The one authorization helper every function uses. Identity comes from the platform's openid
 * (CallContext), roles and branch from the caller's roster entry: never from event fields.
 */
export interface Caller {
  openid: string
  member: MemberDoc
  memberId: string
  roles: Role[]
  branchId: string | null
}

export const NOT_BOUND_MESSAGE = '你的微信尚未绑定学号，请先完成身份绑定'

/** The caller's roster entry, or null if this WeChat user has not bound one yet. One indexed read. */
export async function findCaller(ctx: CallContext): Promise<Caller | null> {
  if (!ctx.openid) return null
  const member = await findOne('members', { openid: ctx.openid })
  if (!member) return null
  return { openid: ctx.openid, member, memberId: member._id, roles: member.roles, branchId: member.branchId }
}

export async function requireCaller(ctx: CallContext): Promise<Caller> {
  if (!ctx.openid) throw new AppError('UNAUTHENTICATED', '请先登录')
  const caller = await findCaller(ctx)
  if (!caller) throw new AppError('UNAUTHENTICATED', NOT_BOUND_MESSAGE)
  return caller
}

/** Documents an action needs besides the caller, read in the same request as the caller. */
export interface CallerReads {
  /** The caller's college (its settings). */
  college?: boolean
  /** The caller's points totals (`_shared/points`). */
  pointsTotals?: boolean
  /** The caller's own branch. */
  branch?: boolean
  /** Documents by `_id` in other collections, e.g. `{ quizAttempts: [attemptId] }`. */
  byId?: Record<string, string[]>
  /** The caller's own documents keyed `<memberId>:<key>`, e.g. `{ checkIns: [today, yesterday] }`. */
  own?: Record<string, string[]>
  /**
   * An array field of the `byId` documents of a collection cut down, in the database, to the caller's own
   * entries (`memberId` = the caller), e.g. `{ meetings: 'attendees' }`: a sign-in sheet of 1,000 people
   * crosses the wire as one entry.
   */
  ownEntriesOf?: Record<string, string>
  /** Documents joined on another field, by a name of the action's choosing, e.g. the college's branches. */
  related?: Record<string, RelatedRead>
}

/** An indexed `$lookup` from the caller's roster entry: `from` documents whose `foreignField` equals the member's `localField`. */
export interface RelatedRead {
  from: string
  localField: keyof MemberDoc & string
  foreignField: string
  /** Fields left out of the joined documents (large ones the action does not need). */
  omit?: string[]
}

export interface CallerWith extends Caller {
  college: CollegeDoc | null
  pointsTotals: PointsTotalsDoc | null
  branch: BranchDoc | null
  /** Per collection of `byId` and `own`: the documents found (missing ones are absent). */
  byId: Record<string, unknown[]>
  /** Per name of `related`: the documents joined (empty when none). */
  related: Record<string, unknown[]>
}

type MemberRow = MemberDoc & {
  withCollege?: CollegeDoc[]
  withTotals?: PointsTotalsDoc[]
  withBranch?: BranchDoc[]
} & Record<string, unknown>

/**
 * `requireCaller` and the documents the action needs next, in one request: an aggregate of the
 * caller's roster entry (indexed by openid) with an indexed `$lookup` by `_id` for each read.
 * The college's settings and the member's totals are read on every points action, so this saves a
 * round trip per action; a per-instance cache would save it only on warm instances and serve stale
 * settings after the committee changes them.
 */
export async function requireCallerWith(ctx: CallContext, reads: CallerReads): Promise<CallerWith> {
  if (!ctx.openid) throw new AppError('UNAUTHENTICATED', '请先登录')
  const db = getDb()
  let query = db.collection('members').aggregate().match({ openid: ctx.openid }).limit(1)
  if (reads.college)
    query = query.lookup({ from: 'colleges', localField: 'collegeId', foreignField: '_id', as: 'withCollege' })
  if (reads.pointsTotals)
    query = query.lookup({ from: 'pointsTotals', localField: '_id', foreignField: '_id', as: 'withTotals' })
  if (reads.branch)
    query = query.lookup({ from: 'branches', localField: 'branchId', foreignField: '_id', as: 'withBranch' })
  const $ = db.command.aggregate
  const extra: [collection: string, ids: unknown][] = [
    ...Object.entries(reads.byId ?? {}).map(([c, ids]): [string, unknown] => [c, $.literal(ids)]),
    ...Object.entries(reads.own ?? {}).map(([c, keys]): [string, unknown] => [
      c,
      keys.map((key) => $.concat(['$_id', $.literal(`:${key}`)])),
    ]),
  ]
  extra.forEach(([collection, ids], i) => {
    query = query
      .addFields({ [`withIds${i}`]: ids })
      .lookup({ from: collection, localField: `withIds${i}`, foreignField: '_id', as: `withDocs${i}` })
    const entries = reads.ownEntriesOf?.[collection]
    if (entries)
      query = query.addFields({
        [`withDocs${i}`]: $.map({
          input: `$withDocs${i}`,
          as: 'doc',
          in: $.mergeObjects(['$$doc', { [entries]: callerEntryOf($, `$$doc.${entries}`) }]),
        }),
      })
  })
  const related = Object.entries(reads.related ?? {})
  const omitted: Record<string, 0> = {}
  related.forEach(([, read], i) => {
    query = query.lookup({
      from: read.from,
      localField: read.localField,
      foreignField: read.foreignField,
      as: `withRelated${i}`,
    })
    for (const field of read.omit ?? []) omitted[`withRelated${i}.${field}`] = 0
  })
  if (Object.keys(omitted).length > 0) query = query.project(omitted)
  const res = (await query.end()) as { list: MemberRow[] }
  const [row] = res.list
  if (!row) throw new AppError('UNAUTHENTICATED', NOT_BOUND_MESSAGE)

  const byId: Record<string, unknown[]> = {}
  const { withCollege, withTotals, withBranch, ...member } = row
  extra.forEach(([collection], i) => {
    const found = (row[`withDocs${i}`] as unknown[] | undefined) ?? []
    byId[collection] = [...(byId[collection] ?? []), ...found]
    delete member[`withIds${i}`]
    delete member[`withDocs${i}`]
  })
  const joined: Record<string, unknown[]> = {}
  related.forEach(([name], i) => {
    joined[name] = (row[`withRelated${i}`] as unknown[] | undefined) ?? []
    delete member[`withRelated${i}`]
  })
  const doc: MemberDoc = member
  return {
    openid: ctx.openid,
    member: doc,
    memberId: doc._id,
    roles: doc.roles,
    branchId: doc.branchId,
    college: withCollege?.[0] ?? null,
    pointsTotals: withTotals?.[0] ?? null,
    branch: withBranch?.[0] ?? null,
    byId,
    related: joined,
  }
}

type AggregateCommand = ReturnType<typeof getDb>['command']['aggregate']

/**
 * The entry of the array at `path` whose `memberId` is the caller's (`$_id` of the roster entry), as a
 * one-element array, or `[]`. One `$indexOfArray` over the member ids, then a `$slice`: a per-entry `$filter`
 * condition costs far more (17 ms for 1,000 entries in the local cloud's evaluator on a busy machine).
 */
function callerEntryOf($: AggregateCommand, path: string): unknown {
  return $.let({
    vars: { at: $.indexOfArray([`${path}.memberId`, '$_id']) },
    in: $.cond([$.lt(['$$at', 0]), [], $.slice([path, '$$at', 1])]),
  })
}

export function hasRole(caller: Caller, role: Role): boolean {
  return caller.roles.includes(role)
}

export function requireRole(caller: Caller, ...roles: Role[]): void {
  if (!roles.some((r) => hasRole(caller, r))) throw new AppError('FORBIDDEN', '你没有权限进行此操作')
}

/** Committee: every branch; secretary: their own branch; nobody else manages a branch. */
export function canManageBranch(caller: Caller, branchId: string | null): boolean {
  if (hasRole(caller, 'committee')) return true
  return hasRole(caller, 'secretary') && branchId !== null && caller.branchId === branchId
}

export function requireBranchManager(caller: Caller, branchId: string | null): void {
  if (!canManageBranch(caller, branchId)) throw new AppError('FORBIDDEN', '只能管理本支部的事务')
}

/** A member's records: the member, their branch's secretary, and the committee. */
export function canReadMember(caller: Caller, member: Pick<MemberDoc, '_id' | 'branchId'>): boolean {
  return caller.memberId === member._id || canManageBranch(caller, member.branchId)
}

/**
 * Nobody decides on their own record (their report, leave, sign-in, stage dates): another manager of the
 * branch or the committee does. `message` says what was refused, in Chinese.
 */
export function refuseOwnRecord(caller: Caller, memberId: string, message: string): void {
  if (memberId === caller.memberId) throw new AppError('FORBIDDEN', message)
}

/**
 * A branch committee member (支委) of `branchId` who is not one of its managers: the secretary or the
 * committee designated their post (`branchPost`, e.g. 组织委员) on their roster entry.
 */
export function isBranchCommitteeMember(caller: Caller, branchId: string | null): boolean {
  return branchId !== null && caller.branchId === branchId && Boolean(caller.member.branchPost)
}

/** The branch's managers and its 支委: who help run the branch's appraisal, votes and surveys. */
export function canAssistBranch(caller: Caller, branchId: string | null): boolean {
  return canManageBranch(caller, branchId) || isBranchCommitteeMember(caller, branchId)
}
