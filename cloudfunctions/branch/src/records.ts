import { command, findMany, updateWhere, type Tx } from '../../_shared/db'
import type { Caller } from '../../_shared/auth'
import type { AuditDoc, MemberDoc } from '../../_shared/models'
import { aggregate } from './context'
import type { StageEventDoc } from './model'

/** Reads of one member's records shared by the timeline, the member page and the stage moves. */

export interface ReportBrief {
  _id: string
  period: string
  status: 'draft' | 'pending' | 'approved' | 'returned'
  latest?: { title?: string }
  submittedAt?: Date | null
}

export interface MemberRecord {
  member: MemberDoc
  events: StageEventDoc[]
  reports: ReportBrief[]
  points: { total: number; month: string; monthTotal: number } | null
}

interface RecordRow extends MemberDoc {
  events: StageEventDoc[]
  reportDocs: ReportBrief[]
  pointDocs?: { total?: number; month?: string; monthTotal?: number }[]
}

/**
 * A member with their stage records and report summaries (and points): one aggregate request, each
 * `$lookup` served by an index (stageEvents `member_at`, reports `member_period_unique`, pointsTotals `_id`).
 */
export async function loadMemberRecord(
  memberId: string,
  opts: { points?: boolean } = {},
): Promise<MemberRecord | null> {
  const stages: Record<string, unknown>[] = [
    { $match: { _id: memberId } },
    { $limit: 1 },
    { $lookup: { from: 'stageEvents', localField: '_id', foreignField: 'memberId', as: 'events' } },
    { $lookup: { from: 'reports', localField: '_id', foreignField: 'memberId', as: 'reportDocs' } },
  ]
  if (opts.points)
    stages.push({ $lookup: { from: 'pointsTotals', localField: '_id', foreignField: '_id', as: 'pointDocs' } })
  stages.push({ $project: { 'reportDocs.versions': 0, 'reportDocs.draft': 0, 'reportDocs.timeline': 0 } })
  const [row] = await aggregate<RecordRow>('members', stages)
  if (!row) return null
  const { events, reportDocs, pointDocs, ...member } = row
  const points = pointDocs?.[0]
  return {
    member,
    events: events ?? [],
    reports: reportDocs ?? [],
    points: points ? { total: points.total ?? 0, month: points.month ?? '', monthTotal: points.monthTotal ?? 0 } : null,
  }
}

export function approvedCount(reports: readonly Pick<ReportBrief, 'status'>[]): number {
  return reports.filter((r) => r.status === 'approved').length
}

/** Active extension and assessment records of a member (one indexed read: stageEvents `member_at`). */
export async function activeRecords(memberId: string): Promise<StageEventDoc[]> {
  return findMany('stageEvents', { memberId, active: true }, { limit: 200 })
}

/** Approved reports of a member (one indexed read: reports `member_period_unique`). */
export async function approvedReports(memberId: string): Promise<number> {
  const rows = await findMany<{ _id: string }>(
    'reports',
    { memberId, status: 'approved' },
    { limit: 200, fields: { _id: true } },
  )
  return rows.length
}

// ------------------------------------------------------------------------------------------------
// Inside a transaction

export function auditDoc(
  caller: Caller,
  action: string,
  targetId: string | null,
  detail: Record<string, unknown>,
  at: Date,
): AuditDoc {
  return { at, actorId: caller.memberId, actorName: caller.member.name, action, targetId, detail }
}

/** Writes an audit entry in the same transaction as the change it records. */
export async function auditInTx(tx: Tx, entry: AuditDoc): Promise<void> {
  await tx.collection('audit').add({ data: entry })
}

/**
 * The review queue shows and filters reports by their author's stage, kept on each report: after a move
 * every report of the member carries the new stage, so the queue never shows (or filters by) the old one.
 * One write by the `member_period_unique` index; after the transaction (transactions write documents by id).
 */
export async function syncReportStage(memberId: string, stage: MemberDoc['stage']): Promise<void> {
  await updateWhere('reports', { memberId, stage: command().neq(stage) }, { stage })
}

/** The same for many members (a roster import): one write per new stage and 100 members, not one per member. */
export async function syncReportStages(moves: ReadonlyMap<string, MemberDoc['stage']>): Promise<void> {
  const byStage = new Map<MemberDoc['stage'], string[]>()
  for (const [memberId, stage] of moves) byStage.set(stage, [...(byStage.get(stage) ?? []), memberId])
  for (const [stage, ids] of byStage) {
    for (let i = 0; i < ids.length; i += 100) {
      await updateWhere(
        'reports',
        { memberId: command().in(ids.slice(i, i + 100)), stage: command().neq(stage) },
        { stage },
      )
    }
  }
}

/** Replaces a member's stage and stage dates (the whole object: a revoked date must disappear). */
export function stageUpdate(
  stage: MemberDoc['stage'],
  stageDates: MemberDoc['stageDates'],
  now: Date,
): Record<string, unknown> {
  return { stage, stageDates: command().set(stageDates), updatedAt: now }
}
