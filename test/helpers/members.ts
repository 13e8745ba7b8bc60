/**
 * Member ids are opaque (cloudfunctions/_shared/ids.ts): tests look a seeded person's id up by student
 * number instead of building it. The seed's ids are stable (local-cloud/src/seed/people.ts).
 */
export { seedMemberId as memberIdOf } from '../../local-cloud/src/seed/people'
