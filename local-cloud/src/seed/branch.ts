import type { AuditDoc, MemberDoc } from '../../../cloudfunctions/_shared/models'
import type { StepStage } from '../../../cloudfunctions/branch/src/contract'
import type { StageEventDoc } from '../../../cloudfunctions/branch/src/model'
import { addMonths } from '../../../cloudfunctions/_shared/time'

/**
 * The development history behind the seeded stage dates (people.ts, stageDatesFor): one record per
 * step with the meeting or decision it rests on, the six-monthly assessments of every activist, and
 * the audit entries of the last year's records — written for 支部通. One gap is deliberate so the
 * secretary's reminders have something to say: 赵一鸣's second assessment was never recorded.
 */

const STEPS: StepStage[] = ['applicant', 'activist', 'candidate', 'probationary', 'full']
const DAY = 24 * 60 * 60 * 1000

/** Activists whose assessments stop after this many (the rest are missing on purpose). */
const MISSED_ASSESSMENTS: Record<string, number> = { '2022010219': 1 }

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

function chinese(day: string): string {
  const [y, m, d] = day.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

/** A morning in China on `day`: when the record was entered. */
function morningOf(day: string, hour = 10): Date {
  return new Date(`${day}T${pad(hour)}:00:00+08:00`)
}

function basisFor(step: StepStage, day: string): string {
  const on = chinese(day)
  switch (step) {
    case 'applicant':
      return `${on}本人向党支部递交入党申请书`
    case 'activist':
      return `${on}支委会研究，经党员推荐和团组织推优确定`
    case 'candidate':
      return `${on}支委会研究，听取培养联系人和党员群众意见后确定，报院党委备案`
    case 'probationary':
      return `${on}支部党员大会表决通过，报院党委审批`
    case 'full':
      return `${on}支部党员大会讨论通过转正，报院党委审批`
  }
}

const PREVIOUS: Record<StepStage, MemberDoc['stage']> = {
  applicant: 'masses',
  activist: 'applicant',
  candidate: 'activist',
  probationary: 'candidate',
  full: 'probationary',
}

export function seedBranch(base: { members: MemberDoc[] }, now: Date): { audit: AuditDoc[] } {
  const audit: AuditDoc[] = []
  const committee = base.members.find((m) => m.roles.includes('committee'))
  const secretaryOf = (branchId: string | null) =>
    base.members.find((m) => m.branchId === branchId && m.roles.includes('secretary')) ?? committee
  const yearAgo = now.getTime() - 365 * DAY

  for (const m of base.members) {
    const actor = m.roles.includes('secretary') || m.roles.includes('committee') ? committee : secretaryOf(m.branchId)
    const common = {
      memberId: m._id,
      memberName: m.name,
      branchId: m.branchId,
      collegeId: m.collegeId,
      previousDate: null,
      months: null,
      override: null,
      reason: null,
      corrects: null,
      correctedBy: null,
      active: true,
      actorId: actor?._id ?? null,
      actorName: actor?.name ?? '系统',
    }
    for (const step of STEPS) {
      const date = m.stageDates[step]
      if (!date) continue
      const event: StageEventDoc = {
        ...common,
        _id: `se-${m.studentNo}-${step}`,
        kind: 'advance',
        step,
        from: PREVIOUS[step],
        to: step,
        date,
        basis: basisFor(step, date),
        at: morningOf(date, 16),
      }
      if (event.at.getTime() >= yearAgo && step !== 'applicant') {
        audit.push({
          at: event.at,
          actorId: event.actorId,
          actorName: event.actorName,
          action: 'branch.moveStage',
          targetId: m._id,
          detail: {
            summary: `${m.name}：${step === 'activist' ? '确定为入党积极分子' : step === 'candidate' ? '列为发展对象' : step === 'probationary' ? '接收为预备党员' : '转为正式党员'}（${chinese(date)}）`,
            memberName: m.name,
            eventId: event._id,
            step,
            date,
            basis: event.basis,
          },
        })
      }
    }
    if (m.stage === 'activist' && m.stageDates.activist) {
      const keep = MISSED_ASSESSMENTS[m.studentNo] ?? Infinity
      for (let n = 1; n <= keep; n++) {
        const date = addMonths(m.stageDates.activist, 6 * n)
        if (morningOf(date).getTime() > now.getTime()) break
        const at = morningOf(date, 17)
        const id = `se-${m.studentNo}-assess-${n}`
        if (at.getTime() >= yearAgo) {
          audit.push({
            at,
            actorId: common.actorId,
            actorName: common.actorName,
            action: 'branch.assess',
            targetId: m._id,
            detail: { summary: `${m.name}：积极分子考察（${chinese(date)}）`, memberName: m.name, eventId: id },
          })
        }
      }
    }
  }
  // The records themselves are the development file's steps (seed/development.ts); these are their audit trail.
  return { audit }
}
