import { audit } from '../../_shared/audit'
import { refuseOwnRecord, requireCaller } from '../../_shared/auth'
import { getById, updateWhere } from '../../_shared/db'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import type { BranchPost } from '../../_shared/domain'
import type { BranchPostResult } from './contract'
import { requireManageable, requireManager } from './context'

/**
 * The secretary (or the committee) designates a branch committee member (支委) and their post, or takes
 * the post away. A 支委 helps run the branch's appraisal, votes and surveys (`canAssistBranch`). Only full
 * members hold a post (预备党员 have no right to be elected), never the secretary (they hold the branch)
 * and never the caller themselves. Caller, member, conditional write, audit: 4 requests.
 */
export async function setPost(
  params: { memberId: string; post: BranchPost | null },
  ctx: CallContext,
): Promise<BranchPostResult> {
  const caller = await requireCaller(ctx)
  requireManager(caller)
  refuseOwnRecord(caller, params.memberId, '不能设定自己的支委职务，请由院党委或本支部其他书记设定')
  const member = await getById('members', params.memberId)
  requireManageable(caller, member)
  if (!member.branchId) throw new AppError('FAILED_PRECONDITION', '该成员已不在支部，不能担任支委')
  if (params.post && member.roles.includes('secretary'))
    throw new AppError('FAILED_PRECONDITION', '支部书记无需另设支委职务')
  if (params.post && member.stage !== 'full') throw new AppError('FAILED_PRECONDITION', '支部委员应由正式党员担任')
  const before = member.branchPost ?? null
  if (before === params.post) return { memberId: member._id, post: before }
  // Conditional on the post read above: two managers changing it at once cannot both write.
  const changed = await updateWhere(
    'members',
    { _id: member._id, branchId: member.branchId, branchPost: before },
    { branchPost: params.post, updatedAt: ctx.now },
  )
  if (changed !== 1) throw new AppError('CONFLICT', '该成员的信息刚刚发生了变化，请刷新后重试')
  await audit(
    caller,
    'branch.setPost',
    member._id,
    { memberName: member.name, branchId: member.branchId, before: { post: before }, after: { post: params.post } },
    ctx.now,
  )
  return { memberId: member._id, post: params.post }
}
