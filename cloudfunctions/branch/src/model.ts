import { STAGE_LABELS, STEP_LABELS } from '../../_shared/domain'
import type { BranchDoc, MemberDoc } from '../../_shared/models'
import { iso } from '../../_shared/time'
import type { MemberBrief, StageEventFields, TimelineEvent } from './contract'

/**
 * `stageEvents`: the development history of a member. Every stage move, assessment, probation
 * extension and correction is one document; a correction is a new document that supersedes an
 * earlier one (`corrects` → it, and it gets `correctedBy` and `active: false`), never an edit.
 * The member's current `stage`/`stageDates` are written in the same transaction as the event.
 */
export interface StageEventDoc extends StageEventFields {
  _id: string
  memberId: string
  memberName: string
  branchId: string | null
  collegeId: string
  actorId: string | null
  at: Date
}

/** A record in the user's words. */
export function eventTitle(e: Pick<StageEventDoc, 'kind' | 'step' | 'months' | 'corrects' | 'to'>): string {
  const correction = e.corrects ? '（更正）' : ''
  switch (e.kind) {
    case 'advance':
      return `${e.step ? STEP_LABELS[e.step] : STAGE_LABELS[e.to]}${correction}`
    case 'record':
      return e.corrects || !e.step ? `更正${e.step ? STEP_LABELS[e.step] : ''}日期` : `登记：${STEP_LABELS[e.step]}`
    case 'assess':
      return `积极分子考察${correction}`
    case 'extend':
      return `延长预备期 ${e.months ?? 0} 个月${correction}`
    case 'revoke':
      return e.step ? `撤销：${STEP_LABELS[e.step]}` : '撤销记录'
  }
}

export function toTimelineEvent(e: StageEventDoc): TimelineEvent {
  return {
    id: e._id,
    kind: e.kind,
    title: eventTitle(e),
    step: e.step,
    from: e.from,
    to: e.to,
    date: e.date,
    previousDate: e.previousDate,
    months: e.months,
    basis: e.basis,
    override: e.override,
    reason: e.reason,
    corrects: e.corrects,
    correctedBy: e.correctedBy,
    active: e.active,
    actorName: e.actorName,
    at: iso(e.at) ?? '',
  }
}

export function memberBrief(m: MemberDoc, branches: readonly Pick<BranchDoc, '_id' | 'name'>[]): MemberBrief {
  return {
    id: m._id,
    name: m.name,
    studentNo: m.studentNo,
    className: m.className,
    branchId: m.branchId,
    branchName: branchName(m.branchId, branches),
    stage: m.stage,
    stageLabel: STAGE_LABELS[m.stage],
    stageDates: m.stageDates ?? {},
  }
}

export function branchName(branchId: string | null, branches: readonly Pick<BranchDoc, '_id' | 'name'>[]): string {
  if (!branchId) return '未编入支部'
  return branches.find((b) => b._id === branchId)?.name ?? '未知支部'
}

/** Newest first: by the day it happened, then by when it was recorded. */
export function newestFirst(a: Pick<StageEventDoc, 'at'>, b: Pick<StageEventDoc, 'at'>): number {
  return new Date(b.at).getTime() - new Date(a.at).getTime()
}
