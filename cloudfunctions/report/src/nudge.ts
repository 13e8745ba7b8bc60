import { audit } from '../../_shared/audit'
import { canManageBranch, requireCallerWith, requireRole } from '../../_shared/auth'
import { command, findMany, isDuplicateKeyError, updateWhere } from '../../_shared/db'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import type { MemberDoc } from '../../_shared/models'
import { owedPeriods, parsePeriod, toDay } from '../../_shared/periods'
import { readSettings } from '../../_shared/settings'
import type { NudgeResult } from './contract'
import { reportIdFor, type ReportDoc } from './model'
import { sendReminderMessage } from './notify'

const SUBMITTED: ReportDoc['status'][] = ['pending', 'returned', 'approved']

/** The day's one reminder of a member: its audit entry's id, so a second one the same day cannot be written. */
export function nudgeId(memberId: string, day: string): string {
  return `report.nudge:${memberId}:${day}`
}

/**
 * A secretary (or the committee) reminds a member who owes a period's report and has not submitted it:
 * the subscribe reminder, through the member's one-time consent. Once a day per member, whoever sends it
 * (the audit entry's id is the claim). Requests: the caller with the member, their report of the period
 * and today's reminder; the consent; the audit claim; the consent used.
 */
export async function nudge(params: { memberId: string; period: string }, ctx: CallContext): Promise<NudgeResult> {
  const today = toDay(ctx.now)
  const claimId = nudgeId(params.memberId, today)
  const caller = await requireCallerWith(ctx, {
    college: true,
    byId: { members: [params.memberId], reports: [reportIdFor(params.memberId, params.period)], audit: [claimId] },
  })
  requireRole(caller, 'secretary', 'committee')
  const member = (caller.byId.members?.[0] as MemberDoc | undefined) ?? null
  if (
    !member ||
    member.collegeId !== caller.member.collegeId ||
    !member.branchId ||
    !canManageBranch(caller, member.branchId)
  ) {
    throw new AppError('NOT_FOUND', '成员不存在或不在你管理的支部')
  }
  const period = parsePeriod(params.period)
  const settings = readSettings(caller.college)
  if (!period || !owedPeriods(member, settings, today).some((p) => p.id === period.id)) {
    throw new AppError('FAILED_PRECONDITION', `${member.name}不需要提交这一期的思想汇报`)
  }
  const report = (caller.byId.reports?.[0] as Pick<ReportDoc, 'status'> | undefined) ?? null
  if (report && SUBMITTED.includes(report.status))
    throw new AppError('FAILED_PRECONDITION', `${member.name}已经提交了${period.label}的思想汇报`)
  if ((caller.byId.audit ?? []).length > 0)
    throw new AppError('RATE_LIMITED', `今天已经提醒过${member.name}了，明天再试`)
  if (!member.openid) return { sent: false, message: `${member.name}还没有绑定微信，请当面或电话提醒` }

  // A reminder needs a one-time consent the member gave on one of their reports.
  const _ = command()
  const [consent] = await findMany<Pick<ReportDoc, '_id' | 'openid'>>(
    'reports',
    { memberId: member._id, reminderConsents: _.gt(0) },
    { limit: 1, fields: { openid: true } },
  )
  if (!consent) return { sent: false, message: `${member.name}没有订阅汇报提醒，微信消息发不出，请当面或电话提醒` }

  const detail = {
    summary: `提醒${member.name}提交${period.label}思想汇报`,
    memberId: member._id,
    memberName: member.name,
    period: period.id,
  }
  try {
    await audit(caller, 'report.nudge', member._id, detail, ctx.now, claimId)
  } catch (error) {
    if (isDuplicateKeyError(error)) throw new AppError('RATE_LIMITED', `今天已经提醒过${member.name}了，明天再试`)
    throw error
  }
  const sent = await sendReminderMessage({ touser: consent.openid, period })
  if (!sent) return { sent: false, message: '微信消息没有发出，请当面或电话提醒' }
  await updateWhere('reports', { _id: consent._id, reminderConsents: _.gt(0) }, { reminderConsents: _.inc(-1) })
  return { sent: true, message: `已通过微信提醒${member.name}` }
}
