import { command, updateWhere } from '../../_shared/db'
import type { MemberDoc } from '../../_shared/models'
import { aggregate } from './context'
import type { DevStepDoc } from '../../development/src/file'

/** Reads of one member's records for the member page. */

export interface ReportBrief {
  _id: string
  period: string
  status: 'draft' | 'pending' | 'approved' | 'returned'
  latest?: { title?: string }
  submittedAt?: Date | null
}

export interface MemberRecord {
  member: MemberDoc
  steps: DevStepDoc[]
  reports: ReportBrief[]
  points: { total: number; month: string; monthTotal: number } | null
}

interface RecordRow extends MemberDoc {
  stepDocs: DevStepDoc[]
  reportDocs: ReportBrief[]
  pointDocs?: { total?: number; month?: string; monthTotal?: number }[]
}

/**
 * A member with their development steps and report summaries (and points): one aggregate request, each
 * `$lookup` served by an index (devSteps `member_step`, reports `member_period_unique`, pointsTotals `_id`).
 */
export async function loadMemberRecord(
  memberId: string,
  opts: { points?: boolean } = {},
): Promise<MemberRecord | null> {
  const stages: Record<string, unknown>[] = [
    { $match: { _id: memberId } },
    { $limit: 1 },
    { $lookup: { from: 'devSteps', localField: '_id', foreignField: 'memberId', as: 'stepDocs' } },
    { $lookup: { from: 'reports', localField: '_id', foreignField: 'memberId', as: 'reportDocs' } },
  ]
  if (opts.points)
    stages.push({ $lookup: { from: 'pointsTotals', localField: '_id', foreignField: '_id', as: 'pointDocs' } })
  stages.push({ $project: { 'reportDocs.versions': 0, 'reportDocs.draft': 0, 'reportDocs.timeline': 0 } })
  const [row] = await aggregate<RecordRow>('members', stages)
  if (!row) return null
  const { stepDocs, reportDocs, pointDocs, ...member } = row
  const points = pointDocs?.[0]
  return {
    member,
    steps: stepDocs ?? [],
    reports: reportDocs ?? [],
    points: points ? { total: points.total ?? 0, month: points.month ?? '', monthTotal: points.monthTotal ?? 0 } : null,
  }
}

export function approvedCount(reports: readonly Pick<ReportBrief, 'status'>[]): number {
  return reports.filter((r) => r.status === 'approved').length
}

// ------------------------------------------------------------------------------------------------
// Inside a transaction

/**
 * The review queue shows and filters reports by their author's stage, kept on each report: after a roster
 * import every report of a moved member carries the new stage. One write per new stage and 100 members.
 */
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
