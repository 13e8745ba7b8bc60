import type { MemberDoc } from '../../cloudfunctions/_shared/models'
import { unboundMember } from '../../cloudfunctions/branch/src/roster-entry'
import { demoOpenid, PEOPLE, seedMemberId } from '../../local-cloud/src/seed/people'

/**
 * Member ids are opaque (cloudfunctions/_shared/ids.ts): tests look a seeded person's id up by student
 * number instead of building it. The seed's ids are stable (local-cloud/src/seed/people.ts).
 */
export { seedMemberId as memberIdOf } from '../../local-cloud/src/seed/people'

/** A seeded person by name, with their member id and the openid they call with. */
export function person(name: string): (typeof PEOPLE)[number] & { id: string; openid: string } {
  const p = PEOPLE.find((x) => x.name === name)
  if (!p) throw new Error(`no seeded person ${name}`)
  return { ...p, id: seedMemberId(p.studentNo), openid: demoOpenid(p.studentNo) }
}

/** Who a test or a benchmark calls as: a seeded person's openid, role and branch. */
export interface Persona {
  openid: string
  name: string
  role: string
  branchId: string | null
  memberId: string
}

/** A roster entry for a test to store: an unbound applicant of 计科2601 in branch-cs, with `fields` over it. */
export function newMember(
  fields: Pick<MemberDoc, 'studentNo' | 'name'> & Partial<Omit<MemberDoc, '_id'>>,
  now = new Date(),
): Omit<MemberDoc, '_id'> {
  const roster = { collegeId: 'college-main', branchId: 'branch-cs', className: '计科2601', stageDates: {} }
  return { ...unboundMember({ ...roster, gender: 'male', stage: 'applicant', ...fields }, now), ...fields }
}
