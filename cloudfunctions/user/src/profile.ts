import { findMany, getById } from '../../_shared/db'
import { DEFAULT_COLLEGE_SETTINGS, primaryRole, STAGE_LABELS } from '../../_shared/domain'
import type { BranchDoc, CollegeDoc, MemberDoc } from '../../_shared/models'
import type { Profile } from './contract'

/** Builds the profile of a roster entry: its branch and college are two more indexed reads. */
export async function buildProfile(member: MemberDoc): Promise<Profile> {
  const [branch, college] = await Promise.all([
    member.branchId ? getById<BranchDoc>('branches', member.branchId) : Promise.resolve(null),
    getById<CollegeDoc>('colleges', member.collegeId),
  ])
  return {
    memberId: member._id,
    name: member.name,
    studentNo: member.studentNo,
    className: member.className,
    roles: member.roles,
    primaryRole: primaryRole(member.roles),
    stage: member.stage,
    stageLabel: STAGE_LABELS[member.stage],
    stageDates: member.stageDates,
    branch: branch ? { id: branch._id, name: branch.name } : null,
    college: {
      id: member.collegeId,
      name: college?.name ?? '',
      settings: { ...DEFAULT_COLLEGE_SETTINGS, ...college?.settings },
    },
  }
}

export async function branchSecretaries(branchId: string | null): Promise<string[]> {
  if (!branchId) return []
  const secretaries = await findMany<MemberDoc>('members', { branchId, roles: 'secretary' }, { fields: { name: true } })
  return secretaries.map((m) => m.name)
}
