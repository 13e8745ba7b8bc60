import type { MemberDoc } from '../../_shared/models'

/** What the roster says of a person before they bind: who they are, where, and their stage. */
export type RosterFields = Pick<
  MemberDoc,
  'collegeId' | 'branchId' | 'studentNo' | 'name' | 'className' | 'gender' | 'stage' | 'stageDates'
>

/** A new roster entry: a student with no branch post who has not bound a WeChat identity yet. */
export function unboundMember(fields: RosterFields, now: Date): Omit<MemberDoc, '_id'> {
  return {
    ...fields,
    roles: ['student'],
    branchPost: null,
    openid: null,
    boundAt: null,
    createdAt: now,
    updatedAt: now,
  }
}
