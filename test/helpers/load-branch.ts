import type { adminSdk } from './sdk'
import { newMemberId } from '../../cloudfunctions/_shared/ids'

/**
 * A branch of `students` bound members plus its secretary, written straight into the database through
 * the admin SDK: what the load tests and the rush-hour benchmark check in at one meeting.
 */
export async function addLoadBranch(
  sdk: ReturnType<typeof adminSdk>,
  opts: { branchId: string; name: string; prefix: string; students: number },
): Promise<{ secretaryOpenid: string; studentOpenids: string[] }> {
  const db = sdk.database()
  const key = opts.prefix.toLowerCase()
  const secretaryOpenid = `o-${key}-secretary`
  await db
    .collection('branches')
    .add({ data: { _id: opts.branchId, collegeId: 'college-main', name: opts.name, order: 99 } })
  const now = new Date()
  const people = Array.from({ length: opts.students + 1 }, (_, i) => {
    const no = `${opts.prefix}${String(i).padStart(6, '0')}`
    return {
      _id: newMemberId(),
      collegeId: 'college-main',
      branchId: opts.branchId,
      studentNo: no,
      name: i === 0 ? '压测书记' : `压测学生${i}`,
      className: '压测2601',
      gender: 'male',
      stage: 'full',
      stageDates: {},
      roles: i === 0 ? ['secretary'] : ['student'],
      openid: i === 0 ? secretaryOpenid : `o-${key}-${i}`,
      boundAt: now,
      createdAt: now,
      updatedAt: now,
    }
  })
  for (let i = 0; i < people.length; i += 50) {
    await Promise.all(people.slice(i, i + 50).map((p) => db.collection('members').add({ data: p })))
  }
  return { secretaryOpenid, studentOpenids: people.slice(1).map((p) => p.openid) }
}
