/**
 * Domain vocabulary shared by functions and the app (pure constants, no dependencies,
 * so the client may import values from here).
 */

/** Development stages in order; `masses` (群众) is a student who has not applied. */
export const STAGES = ['masses', 'applicant', 'activist', 'candidate', 'probationary', 'full'] as const
export type Stage = (typeof STAGES)[number]

export const STAGE_LABELS: Record<Stage, string> = {
  masses: '群众',
  applicant: '入党申请人',
  activist: '入党积极分子',
  candidate: '发展对象',
  probationary: '预备党员',
  full: '正式党员',
}

/** The date a member entered each stage (ISO date, YYYY-MM-DD). */
export type StageDates = Partial<Record<Exclude<Stage, 'masses'>, string>>

export const ROLES = ['student', 'secretary', 'committee'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  student: '学生党员/积极分子',
  secretary: '支部书记',
  committee: '院党委',
}

/** The role that decides what a person sees first: committee > secretary > student. */
export function primaryRole(roles: readonly Role[]): Role {
  if (roles.includes('committee')) return 'committee'
  if (roles.includes('secretary')) return 'secretary'
  return 'student'
}

/** College settings (local practice, domain.md): defaults below, overridable per college. */
export interface CollegeSettings {
  /** Length of a thought-report period. */
  reportPeriod: 'month' | 'quarter' | 'half-year'
  /** Stages that owe thought reports. */
  reportStages: Stage[]
}

export const DEFAULT_COLLEGE_SETTINGS: CollegeSettings = {
  reportPeriod: 'quarter',
  reportStages: ['activist', 'candidate', 'probationary'],
}
