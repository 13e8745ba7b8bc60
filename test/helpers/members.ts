/**
 * Member ids are opaque (cloudfunctions/_shared/ids.ts): tests look a seeded person's id up by student
 * number instead of building it. The seed's ids are stable (local-cloud/src/seed/people.ts).
 */
import { demoOpenid, PEOPLE, seedMemberId, type SeedPerson } from '../../local-cloud/src/seed/people'

export { seedMemberId as memberIdOf } from '../../local-cloud/src/seed/people'

/** A seeded person by name, with their member id and demo openid. */
export function seededPerson(name: string): SeedPerson & { id: string; openid: string } {
  const p = PEOPLE.find((x) => x.name === name)
  if (!p) throw new Error(`no seeded person ${name}`)
  return { ...p, id: seedMemberId(p.studentNo), openid: demoOpenid(p.studentNo) }
}
