import { command, findMany, updateWhere } from '../../_shared/db'
import type { CallContext } from '../../_shared/handler'
import { parsePeriod, toDay } from '../../_shared/periods'
import type { RemindResult } from './contract'
import { reportIdFor, type ReportDoc } from './model'
import { sendReminderMessage } from './notify'

/** Reminders handled per run; the daily trigger picks up the rest the next day. */
const BATCH = 100

type Due = Pick<ReportDoc, '_id' | 'memberId' | 'openid' | 'remindPeriod' | 'remindOn'>

/**
 * The due-reminder job, run by the function's timer trigger (config.json): every reminder consent whose
 * day has come sends one message, unless the report it is about was submitted meanwhile. Each handled
 * request is cleared, so a second run the same day sends nothing twice. Four database requests a run.
 */
export async function remind(ctx: CallContext): Promise<RemindResult> {
  const _ = command()
  const today = toDay(ctx.now)
  const due = await findMany<Due>(
    'reports',
    { remindOn: _.lte(today), reminderConsents: _.gt(0) },
    {
      orderBy: [['remindOn', 'asc']],
      limit: BATCH,
      fields: { memberId: true, openid: true, remindPeriod: true, remindOn: true },
    },
  )
  if (due.length === 0) return { sent: 0, skipped: 0 }

  const targetId = (d: Due): string => reportIdFor(d.memberId, d.remindPeriod ?? '')
  const targets = await findMany<Pick<ReportDoc, '_id' | 'status'>>(
    'reports',
    { _id: _.in([...new Set(due.map(targetId))]) },
    { limit: BATCH, fields: { status: true } },
  )
  const done = new Set(targets.filter((t) => t.status === 'pending' || t.status === 'approved').map((t) => t._id))

  const consumed: string[] = []
  const cleared: string[] = []
  const remindedTargets = new Set<string>()
  for (const d of due) {
    const period = d.remindPeriod ? parsePeriod(d.remindPeriod) : null
    const target = targetId(d)
    // Submitted already, or a consent on another report already reminded of the same period: keep the consent.
    if (!period || done.has(target) || remindedTargets.has(target)) {
      cleared.push(d._id)
      continue
    }
    remindedTargets.add(target)
    const sent = await sendReminderMessage({ touser: d.openid, period })
    ;(sent ? consumed : cleared).push(d._id)
  }
  const reset = { remindOn: null, remindPeriod: null }
  await Promise.all([
    consumed.length
      ? updateWhere('reports', { _id: _.in(consumed) }, { ...reset, reminderConsents: _.inc(-1) })
      : Promise.resolve(0),
    cleared.length ? updateWhere('reports', { _id: _.in(cleared) }, reset) : Promise.resolve(0),
  ])
  return { sent: consumed.length, skipped: cleared.length }
}
