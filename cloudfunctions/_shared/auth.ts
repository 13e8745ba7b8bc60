import type { CallContext } from './handler'
import { findOne } from './db'
import type { Role } from './domain'
import { AppError } from './envelope'
import type { MemberDoc } from './models'

/**
 * The one authorization helper every function uses. Identity comes from the platform's openid
 * (CallContext), roles and branch from the caller's roster entry: never from event fields.
 */
export interface Caller {
  openid: string
  member: MemberDoc
  memberId: string
  roles: Role[]
  branchId: string | null
}

export const NOT_BOUND_MESSAGE = '你的微信尚未绑定学号，请先完成身份绑定'

/** The caller's roster entry, or null if this WeChat user has not bound one yet. One indexed read. */
export async function findCaller(ctx: CallContext): Promise<Caller | null> {
  if (!ctx.openid) return null
  const member = await findOne<MemberDoc>('members', { openid: ctx.openid })
  if (!member) return null
  return { openid: ctx.openid, member, memberId: member._id, roles: member.roles, branchId: member.branchId }
}

export async function requireCaller(ctx: CallContext): Promise<Caller> {
  if (!ctx.openid) throw new AppError('UNAUTHENTICATED', '请先登录')
  const caller = await findCaller(ctx)
  if (!caller) throw new AppError('UNAUTHENTICATED', NOT_BOUND_MESSAGE)
  return caller
}

export function hasRole(caller: Caller, role: Role): boolean {
  return caller.roles.includes(role)
}

export function requireRole(caller: Caller, ...roles: Role[]): void {
  if (!roles.some((r) => hasRole(caller, r))) throw new AppError('FORBIDDEN', '你没有权限进行此操作')
}

/** Committee: every branch; secretary: their own branch; nobody else manages a branch. */
export function canManageBranch(caller: Caller, branchId: string | null): boolean {
  if (hasRole(caller, 'committee')) return true
  return hasRole(caller, 'secretary') && branchId !== null && caller.branchId === branchId
}

export function requireBranchManager(caller: Caller, branchId: string | null): void {
  if (!canManageBranch(caller, branchId)) throw new AppError('FORBIDDEN', '只能管理本支部的事务')
}

/** A member's records: the member, their branch's secretary, and the committee. */
export function canReadMember(caller: Caller, member: Pick<MemberDoc, '_id' | 'branchId'>): boolean {
  return caller.memberId === member._id || canManageBranch(caller, member.branchId)
}
