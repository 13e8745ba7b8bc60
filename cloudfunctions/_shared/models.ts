import type { CollegeSettings, Role, Stage, StageDates } from './domain'

/** Stored documents of the foundation. Dates are stored as Date, calendar days as 'YYYY-MM-DD'. */

export interface CollegeDoc {
  _id: string
  name: string
  settings: CollegeSettings
}

export interface BranchDoc {
  _id: string
  collegeId: string
  name: string
  order: number
  /**
   * The members holding the secretary role in this branch, in appointment order: written with their
   * roles by branch.saveBranch, so "who are my secretaries" is one read by `_id`. Members' `roles` stay
   * the truth (readers check them). Absent on branches saved before the field existed.
   */
  secretaryIds?: string[]
  /** When the committee created it (absent on branches older than the field: they existed all along). */
  createdAt?: Date
}

/** A roster entry: a person of the college, bound to at most one WeChat user (openid). */
export interface MemberDoc {
  _id: string
  collegeId: string
  branchId: string | null
  studentNo: string
  name: string
  className: string
  gender: 'male' | 'female'
  stage: Stage
  stageDates: StageDates
  roles: Role[]
  /** 支部委员职务 (e.g. 组织委员) of a branch committee member (支委); absent for everyone else. */
  branchPost?: string | null
  /**
   * Where the member went when their organisational relation was transferred out (member-care): set with
   * `branchId` cleared, so they leave the branch's active roster and their records stay.
   */
  leftBranch?: { branchId: string; branchName: string; at: Date; transferId: string; destOrg: string } | null
  /** Set once by `bind`; uniqueness is guaranteed by the bindings collection. */
  openid: string | null
  boundAt: Date | null
  /** The current one-time binding code (hashed; `_shared/bind-codes`), cleared when it is used. */
  bindCode?: StoredBindCode | null
  createdAt: Date
  updatedAt: Date
}

/** What a roster entry keeps of its current binding code (`_shared/bind-codes`): never the code itself. */
export interface StoredBindCode {
  /** scrypt of the code with `salt`, hex. */
  hash: string
  salt: string
  issuedAt: Date
  expiresAt: Date
  /** The member who issued it (null: the seed). */
  issuedBy: string | null
}

/** `_id` is the openid: one roster entry per WeChat user; a unique index on memberId: one WeChat user per entry. */
export interface BindingDoc {
  _id: string
  memberId: string
  boundAt: Date
}

export interface AuditDoc {
  _id?: string
  at: Date
  actorId: string | null
  actorName: string
  action: string
  targetId: string | null
  detail: Record<string, unknown>
}

export interface RateLimitDoc {
  _id: string
  count: number
  resetAt: Date
}
