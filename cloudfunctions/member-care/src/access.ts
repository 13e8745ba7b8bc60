import { hasRole, requireCallerWith, type CallerWith } from '../../_shared/auth'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import type { BranchDoc } from '../../_shared/models'
import { recordMemberOf, type RecordMember } from './model'

/** The caller with their college (settings) and branch, in one request. */
export function callerWithCollege(ctx: CallContext, byId?: Record<string, string[]>): Promise<CallerWith> {
  return requireCallerWith(ctx, { college: true, branch: true, byId })
}

export function isCommittee(caller: CallerWith): boolean {
  return hasRole(caller, 'committee')
}

/**
 * What a branch list covers: a secretary their own branch; the committee one branch they name, or the
 * whole college. Members get FORBIDDEN: these lists are the branch's.
 */
export function listScope(
  caller: CallerWith,
  branchId: string | undefined,
): { where: { branchId: string } | { collegeId: string }; label: string } {
  if (isCommittee(caller)) {
    if (branchId) {
      const named = (caller.byId.branches as BranchDoc[] | undefined)?.find((b) => b._id === branchId)
      if (!named || named.collegeId !== caller.member.collegeId) throw new AppError('NOT_FOUND', '没有找到这个支部')
      return { where: { branchId }, label: named.name }
    }
    return { where: { collegeId: caller.member.collegeId }, label: caller.college?.name ?? '全院' }
  }
  if (!hasRole(caller, 'secretary') || !caller.branchId) throw new AppError('FORBIDDEN', '只有支部书记和院党委可以查看')
  if (branchId && branchId !== caller.branchId) throw new AppError('FORBIDDEN', '只能查看本支部的情况')
  return { where: { branchId: caller.branchId }, label: caller.branch?.name ?? '本支部' }
}

/** Who a member's own request is about (`RecordMember`), with the WeChat identity they asked from. */
export type OwnRecordFields = RecordMember & { openid: string }

/**
 * A Party member's own request (time away, a transfer): they must be on a branch's roster and a 预备党员
 * or 正式党员; `refusal` says what is refused otherwise.
 */
export function ownPartyRecord(caller: CallerWith, refusal: string): OwnRecordFields {
  if (!caller.branchId || !caller.branch) throw new AppError('FAILED_PRECONDITION', '你还没有编入党支部，请联系院党委')
  if (caller.member.stage !== 'probationary' && caller.member.stage !== 'full')
    throw new AppError('FAILED_PRECONDITION', refusal)
  return { ...recordMemberOf(caller.member, caller.branch), openid: caller.openid }
}
