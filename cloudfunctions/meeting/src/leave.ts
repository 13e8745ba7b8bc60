import { audit } from '../../_shared/audit'
import { refuseOwnRecord, requireBranchManager, requireCallerWith, type Caller } from '../../_shared/auth'
import { assertTextSafe } from '../../_shared/content'
import { getById, getDb, isDuplicateKeyError, updateWhere } from '../../_shared/db'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import { loadMeeting, requireNotCancelled } from './access'
import type { LeaveView } from './contract'
import { isExpected, leaveId, type LeaveDoc, type MeetingDoc } from './model'
import { meetingMessage, sendMessage, thing } from './notify'
import { markForRecount } from './roll'

function view(l: Pick<LeaveDoc, 'status' | 'reason' | 'note'>): LeaveView {
  return { status: l.status, reason: l.reason, note: l.note }
}

/**
 * A member asks for leave before the meeting starts. One request per meeting; after a refusal they
 * may ask again. Caller, meeting, existing request, write: four requests.
 */
export async function requestLeave(
  params: { meetingId: string; reason: string },
  ctx: CallContext,
  caller: Caller,
): Promise<LeaveView> {
  const meeting = await loadMeeting(params.meetingId)
  if (!isExpected(meeting, caller.memberId)) {
    throw new AppError('FORBIDDEN', '你不在本次会议的参会名单中，无需请假')
  }
  requireNotCancelled(meeting)
  if (new Date(meeting.startAt).getTime() <= ctx.now.getTime()) {
    throw new AppError('FAILED_PRECONDITION', '会议已经开始，不能再请假；如有特殊情况请直接联系支部书记')
  }
  await assertTextSafe(params.reason, caller.openid)
  const id = leaveId(meeting._id, caller.memberId)
  const existing = await getById('meetingLeaves', id)
  if (existing?.status === 'pending') throw new AppError('CONFLICT', '你已提交过请假申请，请等待支部书记审批')
  if (existing?.status === 'approved') throw new AppError('CONFLICT', '你的请假已获批准，无需重复申请')
  const request = {
    reason: params.reason,
    status: 'pending' as const,
    note: '',
    openid: caller.openid,
    requestedAt: ctx.now,
    decidedBy: null,
    decidedAt: null,
  }
  if (existing) {
    // Asking again after a refusal: only if nobody changed it meanwhile.
    const updated = await updateWhere('meetingLeaves', { _id: id, status: 'refused' }, request)
    if (updated === 0) throw new AppError('CONFLICT', '请假申请状态已变化，请刷新后查看')
  } else {
    const doc: Omit<LeaveDoc, '_id'> = {
      ...request,
      meetingId: meeting._id,
      branchId: meeting.branchId,
      memberId: caller.memberId,
      name: caller.member.name,
      meetingTitle: meeting.title,
      meetingStartAt: meeting.startAt,
    }
    try {
      await getDb()
        .collection('meetingLeaves')
        .add({ data: { _id: id, ...doc } })
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new AppError('CONFLICT', '你已提交过请假申请，请等待支部书记审批')
      throw error
    }
  }
  return view(request)
}

/**
 * The secretary approves or refuses; the student hears back by subscribe message. The caller with
 * the request and its meeting (one request), the mark on the meeting's figures (approval only),
 * conditional update, audit: four requests.
 */
export async function decideLeave(
  params: { meetingId: string; memberId: string; approve: boolean; note: string },
  ctx: CallContext,
): Promise<LeaveView> {
  const id = leaveId(params.meetingId, params.memberId)
  const caller = await requireCallerWith(ctx, { byId: { meetingLeaves: [id], meetings: [params.meetingId] } })
  const leave = (caller.byId.meetingLeaves as LeaveDoc[] | undefined)?.find((l) => l._id === id)
  const meeting = (caller.byId.meetings as MeetingDoc[] | undefined)?.find((m) => m._id === params.meetingId)
  if (!leave) throw new AppError('NOT_FOUND', '没有找到这条请假申请')
  requireBranchManager(caller, leave.branchId)
  refuseOwnRecord(caller, leave.memberId, '不能审批自己的请假申请，请由本支部其他书记或院党委审批')
  if (leave.status !== 'pending') throw new AppError('CONFLICT', '这条请假申请已经处理过了')
  if (params.note) await assertTextSafe(params.note, caller.openid)
  const status = params.approve ? ('approved' as const) : ('refused' as const)
  if (params.approve && meeting) await markForRecount(meeting, ctx.now)
  const updated = await updateWhere(
    'meetingLeaves',
    { _id: leave._id, status: 'pending' },
    { status, note: params.note, decidedBy: caller.memberId, decidedAt: ctx.now },
  )
  if (updated === 0) throw new AppError('CONFLICT', '这条请假申请已经处理过了')
  await audit(
    caller,
    params.approve ? 'meeting.approveLeave' : 'meeting.refuseLeave',
    leave.memberId,
    { meetingId: leave.meetingId, note: params.note },
    ctx.now,
  )
  const about = { id: leave.meetingId, title: leave.meetingTitle, startAt: leave.meetingStartAt }
  await sendMessage(
    meetingMessage('leaveResult', leave.openid, about, {
      phrase3: { value: params.approve ? '已批准' : '未批准' },
      thing4: thing(params.note || (params.approve ? '请假已批准，请及时学习会议精神' : '请按时参加会议')),
    }),
  )
  return view({ status, reason: leave.reason, note: params.note })
}
