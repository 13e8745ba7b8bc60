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
 * it; one with materials only gets the date and keeps its materials; the old records' assessments join
 * step 6 and an extension of the probation becomes step 21's (the file then reads it); the member's stage
 * dates are projected from the steps; a second run writes nothing.
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
    const stepDoc = (step: number, date: string | null, materials: Record<string, unknown>) => ({
      _id: `${PARTLY}:${String(step).padStart(2, '0')}`,
      memberId: PARTLY,
      collegeId: 'college-main',
      branchId: 'branch-cs',
      step,
      date,
      people: [],
      facts: {},
      materials,
      override: null,
      recordedBy: null,
      recordedByName: null,
      recordedAt: null,
      updatedAt: new Date(),
    })
    await db.collection('devSteps').add({ data: stepDoc(1, '2024-03-02', {}) })
    await db.collection('devSteps').add({
      data: stepDoc(3, null, { recommendation: { fileIDs: ['cloud://x/uploads/a/b.png'], date: '2024-08-30' } }),
    })

    // Records of the old five-stage code: two assessments, an extension (and a superseded one).
    const event = (memberId: string, kind: string, date: string, months: number | null, active = true) => ({
      memberId,
      memberName: '迁移',
      branchId: 'branch-cs',
      collegeId: 'college-main',
      kind,
      step: null,
      from: 'activist',
      to: 'activist',
      date,
      previousDate: null,
      months,
      basis: '支部党员大会',
      override: null,
      reason: null,
      corrects: null,
      correctedBy: null,
      active,
      actorId: null,
      actorName: '书记',
      at: new Date(`${date}T08:00:00Z`),
    })
    for (const e of [
      event(PARTLY, 'assess', '2025-03-01', null),
      event(PARTLY, 'assess', '2025-09-01', null),
      event(PARTLY, 'assess', '2025-08-01', null, false),
      event(OLD, 'extend', '2026-05-10', 12, false),
      event(OLD, 'extend', '2026-05-12', 6),
    ])
      await db.collection('stageEvents').add({ data: e })

    const first = await migrateDevelopmentSteps(sdk)
    expect(first.steps).toBeGreaterThanOrEqual(7)
    const old = (await findDocs<DevStepDoc>(sdk, 'devSteps', { memberId: OLD })).sort((a, b) => a.step - b.step)
    expect(old.map((s) => [s.step, s.date])).toEqual([
      [1, '2023-03-01'],
      [3, '2023-09-01'],
      [7, '2024-10-08'],
      [15, '2025-06-20'],
      [21, '2026-05-12'],
    ])
    expect(old[4].facts).toEqual({ extensionMonths: 6, extensionDecidedOn: '2026-05-12' })
    const partly = (await findDocs<DevStepDoc>(sdk, 'devSteps', { memberId: PARTLY })).sort((a, b) => a.step - b.step)
    expect(partly.map((s) => [s.step, s.date])).toEqual([
      [1, '2024-03-02'],
      [3, '2024-09-01'],
      [6, null],
    ])
    expect(Object.keys(partly[1].materials)).toEqual(['recommendation'])
    expect(partly[2].facts.assessments).toEqual(['2025-03-01', '2025-09-01'])
    // The member's stage dates follow the steps: the date recorded in the file wins.
    const [partlyMember] = await findDocs<{ stageDates: Record<string, string> }>(sdk, 'members', { _id: PARTLY })
    expect(partlyMember.stageDates).toEqual({ applicant: '2024-03-02', activist: '2024-09-01' })

    const before = JSON.stringify(await findDocs(sdk, 'devSteps', {}))
    const again = await migrateDevelopmentSteps(sdk)
    expect(again).toEqual({ members: 0, steps: 0 })
    expect(JSON.stringify(await findDocs(sdk, 'devSteps', {}))).toBe(before)

    // The migrated file reads: the secretary sees the dates on the steps that set them.
    const file = data(await cloud.call<Result<FileView>>('development', { action: 'file', memberId: OLD }, SECRETARY))
    expect(file.phases[3].steps.find((s) => s.no === 15)?.date).toBe('2025-06-20')
    // Step 21 is dated by the extension's decision: the open step of that phase before it comes next.
    expect(file.position.next?.step).toBe(19)
    // The extension recorded by the old code is the file's: the probation (one year from 2025-06-20) runs six months longer.
    expect(file.probationEnds).toBe('2026-12-19')
  })
})
