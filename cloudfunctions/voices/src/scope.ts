import { canAssistBranch, hasRole, type Caller } from '../../_shared/auth'
import { command, findMany } from '../../_shared/db'
import type { Stage } from '../../_shared/domain'
import { AppError } from '../../_shared/envelope'
import type { MemberDoc } from '../../_shared/models'
import type { Electorate } from './contract'

/** Who sees a vote or survey: one branch, or the whole college. */
export function branchKey(branchId: string): string {
  return `branch:${branchId}`
}
export function collegeKey(collegeId: string): string {
  return `college:${collegeId}`
}

/** Where a new vote or survey lives and who sees it: one branch (`branchId`), or the whole college. */
export function boxScope(
  collegeId: string,
  branchId: string | null,
): { collegeId: string; audienceKey: string; branchId: string | null } {
  return { collegeId, audienceKey: branchId ? branchKey(branchId) : collegeKey(collegeId), branchId }
}

/** A new vote or survey, open until `closesAt`, by the caller. */
export function openedBy(
  caller: Caller,
  closesAt: Date,
  now: Date,
): { status: 'open'; closesAt: Date; createdBy: string; createdByName: string; createdAt: Date } {
  return { status: 'open', closesAt, createdBy: caller.memberId, createdByName: caller.member.name, createdAt: now }
}

/** The audience keys a member belongs to. */
export function audienceKeysOf(caller: Caller): string[] {
  return [collegeKey(caller.member.collegeId), ...(caller.branchId ? [branchKey(caller.branchId)] : [])]
}

/**
 * A vote or survey of a branch is managed by that branch's secretary, its 支委 and the committee; a
 * college one by the committee.
 */
export function canManageBox(caller: Caller, box: { branchId: string | null; collegeId: string }): boolean {
  if (box.collegeId !== caller.member.collegeId) return false
  return box.branchId ? canAssistBranch(caller, box.branchId) : hasRole(caller, 'committee')
}

/** The branch a vote or survey is created for: a secretary's or 支委's own, or the one the committee names. */
export function boxBranchId(caller: Caller, branchId: string | undefined): string {
  const target = branchId ?? caller.branchId
  if (!target) throw new AppError('INVALID_ARGUMENT', '请选择支部')
  if (!canAssistBranch(caller, target)) throw new AppError('FORBIDDEN', '只能管理本支部的事务')
  return target
}

export function canSeeBox(
  caller: Caller,
  box: { audienceKey: string; branchId: string | null; collegeId: string },
): boolean {
  return audienceKeysOf(caller).includes(box.audienceKey) || canManageBox(caller, box)
}

export const ELECTORATE_STAGES: Record<Electorate, readonly Stage[] | null> = {
  full: ['full'],
  party: ['probationary', 'full'],
  all: null,
}

/** The people of a branch or of the college, of the given stages (null: everyone): at most 1000. */
export async function peopleOf(
  scope: { branchId: string | null; collegeId: string },
  stages: readonly Stage[] | null,
): Promise<Pick<MemberDoc, '_id' | 'name' | 'stage'>[]> {
  const _ = command()
  const where: Record<string, unknown> = scope.branchId ? { branchId: scope.branchId } : { collegeId: scope.collegeId }
  if (stages) where.stage = _.in([...stages])
  const people = await findMany<Pick<MemberDoc, '_id' | 'name' | 'stage'>>('members', where, {
    limit: 1000,
    fields: { _id: true, name: true, stage: true },
  })
  if (people.length >= 1000) throw new AppError('FAILED_PRECONDITION', '范围内人数超过 1000 人，请按支部分别发起')
  return people
}

/** Closing times in the future and not absurdly far. */
export function assertClosesAt(closesAt: Date, now: Date): void {
  if (closesAt.getTime() <= now.getTime()) throw new AppError('INVALID_ARGUMENT', '截止时间应晚于现在')
  if (closesAt.getTime() - now.getTime() > 366 * 24 * 60 * 60 * 1000)
    throw new AppError('INVALID_ARGUMENT', '截止时间不能超过一年')
}
