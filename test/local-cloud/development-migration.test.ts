import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DevStepDoc } from '../../cloudfunctions/development/src/file'
import type { FileView } from '../../cloudfunctions/development/src/contract'
import type { Result } from '../../cloudfunctions/_shared/envelope'
import type { MemberDoc } from '../../cloudfunctions/_shared/models'
import { migrateDevelopmentSteps } from '../../local-cloud/src/migrations/development-steps'
import { demoOpenid } from '../../local-cloud/src/seed/people'
import { startLocalCloud, type LocalCloud } from '../helpers/cloud'
import { newMember } from '../helpers/members'
import { data } from '../helpers/results'
import { adminSdk, findDocs } from '../helpers/sdk'

/**
 * The five stage dates become the dates of the steps that set them (issue #17), through the real SDK:
 * a member stored before the development file gets steps 1, 3, 7, 15; a step that already has a date keeps
 * it; one with materials only gets the date and keeps its materials; a second run writes nothing.
 */
let cloud: LocalCloud
let sdk: ReturnType<typeof adminSdk>
const OLD = 'mbmigrate0001'
const PARTLY = 'mbmigrate0002'
const SECRETARY = demoOpenid('T2016003')

beforeAll(async () => {
  cloud = await startLocalCloud()
  sdk = adminSdk(cloud.url)
})

afterAll(async () => {
  await cloud?.stop()
})

function member(_id: string, studentNo: string, stageDates: MemberDoc['stageDates'], stage: MemberDoc['stage']) {
  return {
    _id,
    ...newMember({ studentNo, name: `迁移${studentNo.slice(-1)}`, className: '计科2401', stage, stageDates }),
  }
}

describe('stage dates → development steps', () => {
  it('migrates, keeps what the file already has, and is idempotent', async () => {
    const db = sdk.database()
    await db.collection('members').add({
      data: member(
        OLD,
        '2099100001',
        { applicant: '2023-03-01', activist: '2023-09-01', candidate: '2024-10-08', probationary: '2025-06-20' },
        'probationary',
      ),
    })
    await db
      .collection('members')
      .add({ data: member(PARTLY, '2099100002', { applicant: '2024-03-01', activist: '2024-09-01' }, 'activist') })
    // A step recorded in the file keeps its date; a step with only a material gets the stage date.
    await db.collection('devSteps').add({
      data: {
        _id: `${PARTLY}:01`,
        memberId: PARTLY,
        collegeId: 'college-main',
        branchId: 'branch-cs',
        step: 1,
        date: '2024-03-02',
        people: [],
        facts: {},
        materials: {},
        override: null,
        recordedBy: null,
        recordedByName: null,
        recordedAt: null,
        updatedAt: new Date(),
      },
    })
    await db.collection('devSteps').add({
      data: {
        _id: `${PARTLY}:03`,
        memberId: PARTLY,
        collegeId: 'college-main',
        branchId: 'branch-cs',
        step: 3,
        date: null,
        people: [],
        facts: {},
        materials: { recommendation: { fileIDs: ['cloud://x/uploads/a/b.png'], date: '2024-08-30' } },
        override: null,
        recordedBy: null,
        recordedByName: null,
        recordedAt: null,
        updatedAt: new Date(),
      },
    })

    const first = await migrateDevelopmentSteps(sdk)
    expect(first.steps).toBeGreaterThanOrEqual(5)
    const old = (await findDocs<DevStepDoc>(sdk, 'devSteps', { memberId: OLD })).sort((a, b) => a.step - b.step)
    expect(old.map((s) => [s.step, s.date])).toEqual([
      [1, '2023-03-01'],
      [3, '2023-09-01'],
      [7, '2024-10-08'],
      [15, '2025-06-20'],
    ])
    const partly = (await findDocs<DevStepDoc>(sdk, 'devSteps', { memberId: PARTLY })).sort((a, b) => a.step - b.step)
    expect(partly.map((s) => [s.step, s.date])).toEqual([
      [1, '2024-03-02'],
      [3, '2024-09-01'],
    ])
    expect(Object.keys(partly[1].materials)).toEqual(['recommendation'])

    const before = JSON.stringify(await findDocs(sdk, 'devSteps', {}))
    const again = await migrateDevelopmentSteps(sdk)
    expect(again).toEqual({ members: 0, steps: 0 })
    expect(JSON.stringify(await findDocs(sdk, 'devSteps', {}))).toBe(before)

    // The migrated file reads: the secretary sees the dates on the steps that set them.
    const file = data(await cloud.call<Result<FileView>>('development', { action: 'file', memberId: OLD }, SECRETARY))
    expect(file.phases[3].steps.find((s) => s.no === 15)?.date).toBe('2025-06-20')
    expect(file.position.next?.step).toBe(16)
  })
})
