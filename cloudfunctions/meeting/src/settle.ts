import { command, findMany, updateWhere } from '../../_shared/db'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import type { SettleResult } from './contract'
import type { AttendanceDoc, LeaveDoc, MeetingDoc } from './model'

/** Meetings settled per run; a run every 15 minutes is far more than the meetings that close in that time. */
const BATCH = 20
const PAGE = 1000

/**
 * The settling job, run by its own timer trigger (config.json). For each meeting whose check-in has
 * closed (plus a grace) and that is not settled yet: the members its attendance records and approved
 * leaves name are added to its present and leave sets (`addToSet`: adding what is there changes
 * nothing, and nothing a concurrent writer adds is lost), and `settleAt` is cleared unless the meeting
 * was moved meanwhile. From then on the dashboard counts the meeting from the sets, which equal a
 * recount of the records. One read, then per meeting two (or more) reads and one write.
 */
export async function settle(_params: Record<string, never>, ctx: CallContext): Promise<SettleResult> {
  if (ctx.openid) throw new AppError('FORBIDDEN', '出勤统计由定时任务自动核对')
  const _ = command()
  const due = await findMany<Pick<MeetingDoc, '_id' | 'settleAt'>>('meetings', { settleAt: _.lte(ctx.now) }, { limit: BATCH, fields: { _id: true, settleAt: true } })
  for (const meeting of due) await settleOne(meeting)
  return { settled: due.length }
}

async function settleOne(meeting: Pick<MeetingDoc, '_id' | 'settleAt'>): Promise<void> {
  const _ = command()
  const [present, leave] = await Promise.all([presentMembers(meeting._id), approvedLeaves(meeting._id)])
  await updateWhere(
    'meetings',
    { _id: meeting._id, settleAt: meeting.settleAt },
    { presentIds: _.addToSet({ $each: present }), leaveIds: _.addToSet({ $each: leave }), settleAt: null },
  )
}

/** Everyone with an attendance record, a page of 1,000 at a time in member order (`meeting_member_unique`). */
async function presentMembers(meetingId: string): Promise<string[]> {
  const _ = command()
  const ids: string[] = []
  for (;;) {
    const last = ids[ids.length - 1]
    const where = last === undefined ? { meetingId } : { meetingId, memberId: _.gt(last) }
    const page = await findMany<Pick<AttendanceDoc, 'memberId'>>('attendance', where, { orderBy: [['memberId', 'asc']], limit: PAGE, fields: { memberId: true } })
    ids.push(...page.map((a) => a.memberId))
    if (page.length < PAGE) return ids
  }
}

/** Everyone with approved leave (`meeting_status`), a page of 1,000 at a time in `_id` order. */
async function approvedLeaves(meetingId: string): Promise<string[]> {
  const _ = command()
  const found: Pick<LeaveDoc, '_id' | 'memberId'>[] = []
  for (;;) {
    const last = found[found.length - 1]
    const where = last === undefined ? { meetingId, status: 'approved' } : { meetingId, status: 'approved', _id: _.gt(last._id) }
    const page = await findMany<Pick<LeaveDoc, '_id' | 'memberId'>>('meetingLeaves', where, { orderBy: [['_id', 'asc']], limit: PAGE, fields: { _id: true, memberId: true } })
    found.push(...page)
    if (page.length < PAGE) return found.map((l) => l.memberId)
  }
}
