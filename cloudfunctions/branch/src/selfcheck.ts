import { command } from '../../_shared/db'
import { STAGE_LABELS, type StageDates } from '../../_shared/domain'
import type { CallContext } from '../../_shared/handler'
import type { MemberDoc } from '../../_shared/models'
import { buildCalendar, CALENDAR_STATE_LABELS, daysBetween, overduePeriods } from '../../_shared/periods'
import { addDays, chinaDay, formatDay } from '../../_shared/time'
import type { DevelopmentFacts, NextMove, Reminder, RemindersResult, SelfCheckResult, TimelineResult } from './contract'
import { findAll, isCommittee, loadWorkspace, requireManager, scopeBranch } from './context'
import { branchName } from './model'
import { approvedCount } from './records'
import { buildTimeline, byStep, developmentFacts, monthsText, progressOf, type DevStepDoc } from './progress'

/** Where the member stands and what comes next, in plain sentences. */
function advice(
  member: MemberDoc,
  dates: StageDates,
  next: NextMove | null,
  facts: DevelopmentFacts,
  rules: TimelineResult['rules'] & { assessmentMonths: number },
  today: string,
): string[] {
  // Without a recorded date the sentence must not read 「你于 （日期未登记） 被确定为…」 (issue #16): it says so and who fixes it.
  const since = (day: string | undefined, what: string) =>
    day ? `你于 ${formatDay(day)} ${what}` : `你已${what}（日期未登记，请联系支部书记补登）`
  switch (member.stage) {
    case 'masses':
      return ['你尚未递交入党申请书。如有入党意愿，可向所在党支部递交入党申请书，支部会在一个月内与你谈话。']
    case 'applicant':
      return [
        `${since(dates.applicant, '递交入党申请书')}。党支部会与你谈话，并根据你的表现确定入党积极分子。`,
        '请继续向党组织汇报思想，积极参加支部组织的学习活动。',
      ]
    case 'activist': {
      const lines = [`${since(dates.activist, '被确定为入党积极分子')}。`]
      if (next?.eligibleOn) {
        lines.push(
          next.eligibleOn <= today
            ? `你已满${monthsText(rules.activistMonths)}的培养考察期，可由党支部研究是否列为发展对象。`
            : `培养考察满${monthsText(rules.activistMonths)}后（${formatDay(next.eligibleOn)} 起）方可被列为发展对象。`,
        )
      }
      if (facts.assessment?.nextDue) {
        lines.push(
          facts.assessment.overdue
            ? `按规定每${monthsText(rules.assessmentMonths)}考察一次，本次考察时间（${formatDay(facts.assessment.nextDue)}）已过，请主动联系支部书记。`
            : `下一次考察约在 ${formatDay(facts.assessment.nextDue)}，请按时向培养联系人汇报思想。`,
        )
      }
      return lines
    }
    case 'candidate': {
      const reports = facts.approvedReports
      const need = rules.reportsBeforeAdmission
      return [
        `${since(dates.candidate, '被列为发展对象')}，将接受政治审查和集中培训。`,
        reports >= need
          ? `接收为预备党员须有至少 ${need} 篇审阅通过的思想汇报，你已有 ${reports} 篇。`
          : `接收为预备党员须有至少 ${need} 篇审阅通过的思想汇报，你目前有 ${reports} 篇，还差 ${need - reports} 篇。`,
      ]
    }
    case 'probationary': {
      const p = facts.probation
      if (!p?.ends || !p.applicationDue)
        return [`${since(dates.probationary, '被接收为预备党员')}，预备期为${monthsText(rules.probationMonths)}。`]
      const lines = [
        `${since(dates.probationary, '被接收为预备党员')}，预备期至 ${formatDay(p.ends)} 期满${p.extendedMonths ? `（已延长 ${p.extendedMonths} 个月）` : ''}。`,
      ]
      lines.push(
        p.ends < today
          ? '预备期已满，请尽快向党支部提交转正申请。'
          : `请在 ${formatDay(p.applicationDue)} 前后向党支部提交转正申请。`,
      )
      return lines
    }
    case 'full':
      return [
        `${since(dates.full, '转为正式党员')}，党龄自转正之日起计算。`,
        '请继续按时参加组织生活，发挥先锋模范作用。',
      ]
  }
}

/** The student's self-check: one request (their roster entry with college, records and reports). */
export async function selfCheck(_params: Record<string, never>, ctx: CallContext): Promise<SelfCheckResult> {
  const ws = await loadWorkspace(ctx, { branches: true, steps: true, reports: true })
  const member = ws.caller.member
  const dev = ws.settings.development
  const today = chinaDay(ctx.now)
  const approved = approvedCount(ws.reports)
  const timeline = buildTimeline(ws, member, byStep(ws.steps), approved, ctx.now, false, [])
  const dates = timeline.member.stageDates
  const rules = { reportPeriod: ws.settings.reportPeriod, reportStages: ws.settings.reportStages }
  const calendar = buildCalendar(
    { stage: member.stage, stageDates: dates },
    rules,
    ws.reports.map((r) => ({ id: r._id, period: r.period, status: r.status })),
    today,
  )
  const due = calendar.nextDue
  const currentEntry = calendar.entries.find((e) => e.period.id === calendar.current.id && e.owed)
  return {
    member: timeline.member,
    steps: timeline.steps,
    events: timeline.events,
    next: timeline.next,
    facts: timeline.facts,
    advice: advice(
      member,
      dates,
      timeline.next,
      timeline.facts,
      { ...timeline.rules, assessmentMonths: dev.assessmentMonths },
      today,
    ),
    reports: {
      owedNow: rules.reportStages.includes(member.stage),
      overdue: overduePeriods(calendar).map((p) => ({ id: p.id, label: p.label })),
      due: due ? { id: due.period.id, label: due.period.label, day: due.day, daysLeft: due.daysLeft } : null,
      current: currentEntry
        ? { label: calendar.current.label, stateLabel: CALENDAR_STATE_LABELS[currentEntry.state] }
        : null,
      approved,
      required: member.stage === 'candidate' ? timeline.rules.reportsBeforeAdmission : null,
    },
  }
}

// ------------------------------------------------------------------------------------------------
// reminders

/** The badge beside a reminder, the same for every kind: a day past due is 已逾期, never 今天. */
export function dueBadge(daysLeft: number, overdue: boolean): string {
  if (overdue || daysLeft < 0) return '已逾期'
  if (daysLeft === 0) return '今天'
  if (daysLeft === 1) return '明天'
  return daysLeft <= 7 ? `${daysLeft} 天内` : `${daysLeft} 天后`
}

type DevMember = Pick<MemberDoc, '_id' | 'name' | 'className' | 'branchId' | 'stage'>

/** The steps the reminders read: 积极分子 (3) and its assessments (6), the branch meeting (15) and an extension (21). */
const REMINDER_STEPS = [3, 6, 15, 21]

/**
 * The secretary's reminders: activists whose six-monthly assessment falls due (or is overdue), and
 * probationary members whose 转正申请 falls due within the window (or whose probation has ended), from
 * their development steps. Requests: workspace, members in those two stages, their steps 3, 6, 15, 21.
 */
export async function reminders(_params: Record<string, never>, ctx: CallContext): Promise<RemindersResult> {
  const ws = await loadWorkspace(ctx, { branches: true })
  const { caller } = ws
  requireManager(caller)
  const branchId = scopeBranch(ws, undefined)
  const _ = command()
  const scope = branchId ? { branchId } : { collegeId: caller.member.collegeId }
  const members = await findAll<DevMember>(
    'members',
    { ...scope, stage: _.in(['activist', 'probationary']) },
    { name: 1, className: 1, branchId: 1, stage: 1 },
  )
  // Only these members' steps (devSteps member_step, with $in).
  const steps = members.length
    ? await findAll<DevStepDoc>(
        'devSteps',
        { memberId: _.in(members.map((m) => m._id)), step: _.in(REMINDER_STEPS) },
        {
          memberId: 1,
          step: 1,
          date: 1,
          facts: 1,
        },
      )
    : []
  const dev = ws.settings.development
  const today = chinaDay(ctx.now)
  const horizon = addDays(today, dev.reminderDays)
  const byMember = new Map<string, DevStepDoc[]>()
  for (const d of steps) byMember.set(d.memberId, [...(byMember.get(d.memberId) ?? []), d])

  const list: Reminder[] = []
  for (const m of members) {
    const facts = developmentFacts(progressOf(m, byStep(byMember.get(m._id) ?? []), 0, dev), today)
    const base = {
      memberId: m._id,
      name: m.name,
      className: m.className,
      branchName: branchName(m.branchId, ws.branches),
      stageLabel: STAGE_LABELS[m.stage],
    }
    const a = facts.assessment
    if (a?.nextDue && a.nextDue <= horizon) {
      const daysLeft = daysBetween(today, a.nextDue)
      list.push({
        ...base,
        kind: 'assessment',
        due: a.nextDue,
        daysLeft,
        overdue: daysLeft < 0,
        badge: dueBadge(daysLeft, daysLeft < 0),
        text: `第 ${a.count + 1} 次考察${daysLeft < 0 ? `已逾期 ${-daysLeft} 天` : daysLeft === 0 ? '今天到期' : `应于 ${formatDay(a.nextDue)} 前完成`}（${a.count ? '上次考察' : '确定为积极分子'}：${a.last ? formatDay(a.last) : '未登记'}）`,
      })
    }
    const p = facts.probation
    if (p?.applicationDue && p.ends && p.applicationDue <= horizon) {
      const ended = p.ends < today
      const daysLeft = daysBetween(today, p.applicationDue)
      // The application is late once its day has passed, even while probation still runs.
      const overdue = ended || daysLeft < 0
      list.push({
        ...base,
        kind: 'conversion',
        due: p.applicationDue,
        daysLeft,
        overdue,
        badge: dueBadge(daysLeft, overdue),
        text: ended
          ? `预备期已于 ${formatDay(p.ends)} 期满，请及时召开支部党员大会讨论转正`
          : daysLeft < 0
            ? `转正申请应于 ${formatDay(p.applicationDue)} 前后提交，已过 ${-daysLeft} 天；预备期至 ${formatDay(p.ends)} 期满`
            : `预备期至 ${formatDay(p.ends)} 期满，转正申请应于 ${formatDay(p.applicationDue)} 前后提交`,
      })
    }
  }
  list.sort((x, y) => (x.due < y.due ? -1 : x.due > y.due ? 1 : x.name.localeCompare(y.name, 'zh-CN')))
  return {
    today,
    reminders: list,
    windowDays: dev.reminderDays,
    counts: {
      assessment: list.filter((r) => r.kind === 'assessment').length,
      conversion: list.filter((r) => r.kind === 'conversion').length,
      overdue: list.filter((r) => r.overdue).length,
    },
    scopeLabel: branchId ? branchName(branchId, ws.branches) : `${ws.collegeName || '全院'}（全部支部）`,
    canImport: isCommittee(caller),
  }
}
