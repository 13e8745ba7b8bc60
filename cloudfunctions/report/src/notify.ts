import { subscribeMessageApi, type SubscribeMessageRequest } from '../../_shared/cloud'
import type { Period } from '../../_shared/periods'
import { chinaDateTime } from '../../_shared/time'
import type { SubscribeTemplates } from './contract'

/**
 * One-time subscribe messages of thought reports. The template ids belong to the mini program (chosen in
 * the WeChat admin console from the public template library), so they are deployment settings: the
 * function's environment variables REPORT_RESULT_TEMPLATE_ID and REPORT_REMINDER_TEMPLATE_ID, with local
 * defaults. The keys below must match the fields of the chosen templates (see README of this function).
 */
export function subscribeTemplates(): SubscribeTemplates {
  return {
    result: process.env.REPORT_RESULT_TEMPLATE_ID || 'local-report-result',
    reminder: process.env.REPORT_REMINDER_TEMPLATE_ID || 'local-report-reminder',
  }
}

/** developer | trial | formal: which build of the mini program a message opens. */
function miniprogramState(): string {
  return process.env.MINIPROGRAM_STATE || 'formal'
}

/** WeChat's limits per field type: thing ≤ 20 characters, name ≤ 10, phrase ≤ 5. */
function clip(value: string, max: number): string {
  const chars = Array.from(value.replace(/\s+/g, ' ').trim())
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('') || '无'
}

export function chinaDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

type SendRequest = Pick<SubscribeMessageRequest, 'touser' | 'templateId' | 'page' | 'data'>

async function send(req: SendRequest): Promise<boolean> {
  try {
    const res = await subscribeMessageApi().send({ ...req, miniprogramState: miniprogramState(), lang: 'zh_CN' })
    return (res.errCode ?? res.errcode ?? 0) === 0
  } catch (error) {
    // A refused message (consent withdrawn, template changed) must not undo the review that caused it.
    console.error('[report] subscribe message not sent', error)
    return false
  }
}

/**
 * A message about a thought report: every report template starts with the report's period (thing1,
 * e.g. 2026年第四季度思想汇报); `keywords` are the template's own after it.
 */
function sendAboutReport(
  template: keyof SubscribeTemplates,
  touser: string,
  page: string,
  periodLabel: string,
  keywords: SendRequest['data'],
): Promise<boolean> {
  return send({
    touser,
    templateId: subscribeTemplates()[template],
    page,
    data: { thing1: { value: clip(`${periodLabel}思想汇报`, 20) }, ...keywords },
  })
}

export interface ResultMessage {
  touser: string
  reportId: string
  periodLabel: string
  decision: 'approve' | 'return'
  reviewerName: string
  at: Date
  comment: string
}

/** 审阅结果通知: thing1 汇报, phrase2 结果, name3 审阅人, time4 审阅时间, thing5 批注. */
export function sendResultMessage(m: ResultMessage): Promise<boolean> {
  const page = `packages/report/detail/index?id=${encodeURIComponent(m.reportId)}`
  return sendAboutReport('result', m.touser, page, m.periodLabel, {
    phrase2: { value: m.decision === 'approve' ? '已通过' : '退回修改' },
    name3: { value: clip(m.reviewerName, 10) },
    time4: { value: chinaDateTime(m.at) },
    thing5: {
      value: clip(m.comment || (m.decision === 'approve' ? '审阅通过，继续保持' : '请按批注修改后重新提交'), 20),
    },
  })
}

export interface ReminderMessage {
  touser: string
  period: Period
}

/** 提交提醒: thing1 事项, time2 截止日期, thing3 温馨提示. */
export function sendReminderMessage(m: ReminderMessage): Promise<boolean> {
  const page = `packages/report/edit/index?period=${encodeURIComponent(m.period.id)}`
  return sendAboutReport('reminder', m.touser, page, m.period.label, {
    time2: { value: chinaDate(m.period.end) },
    thing3: { value: '请按时提交思想汇报' },
  })
}
