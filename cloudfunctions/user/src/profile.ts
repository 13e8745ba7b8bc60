import { getById } from '../../_shared/db'
import { primaryRole, STAGE_LABELS } from '../../_shared/domain'
import type { BranchDoc, CollegeDoc, MemberDoc } from '../../_shared/models'
import { secretariesOfBranch } from '../../_shared/secretaries'
import { readSettings } from '../../_shared/settings'
import type { Profile } from './contract'

/** The branch and college of a roster entry: two indexed reads, made together. */
export async function loadPlaces(member: MemberDoc): Promise<{ branch: BranchDoc | null; college: CollegeDoc | null }> {
  const [branch, college] = await Promise.all([
    member.branchId ? getById('branches', member.branchId) : Promise.resolve(null),
    getById('colleges', member.collegeId),
  ])
  return { branch, college }
}

/** Builds the profile of a roster entry: its branch and college are two more indexed reads. */
export async function buildProfile(member: MemberDoc): Promise<Profile> {
  const { branch, college } = await loadPlaces(member)
  return profileOf(member, branch, college)
}

export function profileOf(member: MemberDoc, branch: BranchDoc | null, college: CollegeDoc | null): Profile {
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
    branchPost: branch ? (member.branchPost ?? null) : null,
    college: {
      id: member.collegeId,
      name: college?.name ?? '',
      settings: readSettings(college),
    },
  }
}

/** Names of the secretaries of the member's branch (through the branch document: see secretariesOfBranch). */
export async function branchSecretaries(branch: BranchDoc | null): Promise<string[]> {
  if (!branch) return []
  return (await secretariesOfBranch(branch)).map((m) => m.name)
}
