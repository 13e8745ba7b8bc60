import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { MemberDetail } from '../../cloudfunctions/branch/src/contract'
import type { Result } from '../../cloudfunctions/_shared/envelope'
import type { Profile } from '../../cloudfunctions/user/src/contract'
import { collectionNames, migrateMemberIds, rewriteIds } from '../../local-cloud/src/migrations/member-ids'
import { CS_SECRETARY } from '../helpers/personas'
import { ROOT, startLocalCloud, type LocalCloud } from '../helpers/cloud'
import { memberIdOf, newMember } from '../helpers/members'
import { adminSdk, findDocs } from '../helpers/sdk'
import { useLocalCloud } from '../helpers/suite'

/**
 * The member-id migration (issue #14): data written with `m-<studentNo>` ids, as before opaque ids, is
 * rewritten through the real SDK: every reference in every collection, composite `_id`s, upload
 * folders; a second run changes nothing; the local cloud runs it by itself on an old data dir.
 */
let cloud: LocalCloud
let sdk: ReturnType<typeof adminSdk>

const COLLECTIONS = collectionNames(join(ROOT, 'cloudfunctions', 'collections.json'))
const A = 'm-2099000001' // a student, bound
const S = 'm-2099000002' // a branch committee member who acts on others' records
const PHOTO = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')

async function everything(): Promise<Record<string, Record<string, unknown>[]>> {
  const all: Record<string, Record<string, unknown>[]> = {}
  for (const c of COLLECTIONS) all[c] = await findDocs(sdk, c, {})
  return all
}

function legacyMember(
  _id: string,
  studentNo: string,
  name: string,
  openid: string | null,
  extra: Record<string, unknown> = {},
) {
  const now = new Date()
  const fields = { studentNo, name, gender: 'female', stage: 'activist', openid, boundAt: openid ? now : null } as const
  return { _id, ...newMember({ ...fields, stageDates: { activist: '2026-01-05' } }, now), ...extra }
}

/** What an older version stored for two members with `m-<studentNo>` ids, in many collections. */
async function writeLegacyData(): Promise<{ photo: string }> {
  const db = sdk.database()
  const _ = db.command
  const { fileID: photo } = await sdk.uploadFile({ cloudPath: `uploads/${A}/202611/page1.png`, fileContent: PHOTO })
  const add = (c: string, doc: Record<string, unknown>) => db.collection(c).add({ data: doc })
  await add('members', legacyMember(A, '2099000001', '旧编号甲', 'o-legacy-a'))
  await add('members', legacyMember(S, '2099000002', '旧编号乙', 'o-legacy-s'))
  await add('bindings', { _id: 'o-legacy-a', memberId: A, boundAt: new Date() })
  await add('bindings', { _id: 'o-legacy-s', memberId: S, boundAt: new Date() })
  await add('reports', {
    _id: `${A}:2026Q3`,
    memberId: A,
    memberName: '旧编号甲',
    className: '计科2601',
    stage: 'activist',
    branchId: 'branch-cs',
    collegeId: 'college-main',
    period: '2026Q3',
    status: 'approved',
    openid: 'o-legacy-a',
    latest: { title: '第三季度思想汇报' },
    submittedAt: new Date('2026-09-20'),
    versions: [
      { title: '第三季度思想汇报', body: '正文', photos: [photo], review: { reviewerId: S, decision: 'approve' } },
    ],
    timeline: [{ actorId: S, kind: 'review' }],
  })
  await add('pointsTotals', {
    _id: A,
    memberId: A,
    branchId: 'branch-cs',
    collegeId: 'college-main',
    total: 12,
    month: '2026-11',
    monthTotal: 12,
  })
  await add('pointsLedger', { _id: `${A}:read:article-1`, memberId: A, kind: 'read', refId: 'article-1', points: 2 })
  await add('checkIns', { _id: `${A}:2026-11-01`, memberId: A, day: '2026-11-01' })
  await add('meetingLeaves', {
    _id: `meeting-legacy_${A}`,
    meetingId: 'meeting-legacy',
    memberId: A,
    status: 'approved',
    decidedBy: S,
  })
  await add('quizAttempts', {
    _id: `daily:2026-11-01:${A}`,
    memberId: A,
    kind: 'daily',
    openKey: `daily:2026-11-01:${A}`,
  })
  await add('audit', {
    at: new Date(),
    actorId: S,
    actorName: '旧编号乙',
    action: 'branch.moveStage',
    targetId: A,
    detail: { memberIds: [A, S], summary: '登记' },
  })
  await add('rateLimits', { _id: `bind-no:2099000001`, count: 1, resetAt: new Date() })
  // References from documents that are not about these two: a seeded branch and a seeded member.
  const [branch] = await findDocs<{ secretaryIds: string[] }>(sdk, 'branches', { _id: 'branch-cs' })
  await db
    .collection('branches')
    .doc('branch-cs')
    .update({ data: { secretaryIds: _.set([...branch.secretaryIds, S]) } })
  await db
    .collection('members')
    .doc(memberIdOf('2023010215'))
    .update({ data: { 'bindCode.issuedBy': S } })
  return { photo }
}

useLocalCloud((started, admin) => {
  cloud = started
  sdk = admin
})

describe('rewriteIds', () => {
  it('rewrites whole ids and ids inside composite strings, nothing else', () => {
    const map = new Map([[A, 'mbnew']])
    expect(
      rewriteIds(
        {
          a: A,
          b: `${A}:2026Q3`,
          c: `x_${A}`,
          d: `cloud://e.b/uploads/${A}/p.png`,
          e: `${A}0`,
          f: `pm-2099000001`,
          g: new Date(0),
          h: ['m-1234567'],
        },
        map,
      ),
    ).toEqual({
      a: 'mbnew',
      b: 'mbnew:2026Q3',
      c: 'x_mbnew',
      d: 'cloud://e.b/uploads/mbnew/p.png',
      e: `${A}0`,
      f: 'pm-2099000001',
      g: new Date(0),
      h: ['m-1234567'],
    })
  })
})

describe('member-id migration through the real SDK', () => {
  it('rewrites every reference and moves the files; a second run changes nothing', async () => {
    const { photo } = await writeLegacyData()
    const result = await migrateMemberIds(sdk, { collections: COLLECTIONS })
    expect(result.members).toBe(2)
    expect(result.files).toBe(1)

    const all = await everything()
    const a = all.members.find((m) => m.studentNo === '2099000001')!
    const s = all.members.find((m) => m.studentNo === '2099000002')!
    expect(a._id).toMatch(/^mb[0-9a-f]{20}$/)
    expect(s._id).toMatch(/^mb[0-9a-f]{20}$/)
    expect(a).toMatchObject({ formerId: A, openid: 'o-legacy-a', name: '旧编号甲' })
    expect(a.migratedTo).toBeUndefined()
    // No old id anywhere but in formerId.
    for (const [c, docs] of Object.entries(all)) {
      for (const d of docs) {
        const { formerId: _former, ...rest } = d
        expect(JSON.stringify(rest), `${c} ${String(d._id)}`).not.toMatch(/m-209900000[12]/)
      }
    }
    const newA = String(a._id)
    const newS = String(s._id)
    expect(all.bindings.find((b) => b._id === 'o-legacy-a')?.memberId).toBe(newA)
    const report = all.reports.find((r) => r._id === `${newA}:2026Q3`)!
    expect(report.memberId).toBe(newA)
    expect(report.submittedAt).toEqual(new Date('2026-09-20')) // dates stay dates
    const [version] = report.versions as { photos: string[]; review: { reviewerId: string } }[]
    expect(version.review.reviewerId).toBe(newS)
    expect(version.photos[0]).toBe(photo.replace(A, newA))
    expect(all.pointsTotals.find((t) => t._id === newA)?.total).toBe(12)
    expect(all.pointsLedger.some((l) => l._id === `${newA}:read:article-1`)).toBe(true)
    expect(all.checkIns.some((x) => x._id === `${newA}:2026-11-01`)).toBe(true)
    expect(all.meetingLeaves.find((x) => x._id === `meeting-legacy_${newA}`)?.decidedBy).toBe(newS)
    expect(all.quizAttempts.find((x) => x._id === `daily:2026-11-01:${newA}`)?.openKey).toBe(`daily:2026-11-01:${newA}`)
    expect(all.audit.find((x) => x.targetId === newA)).toMatchObject({
      actorId: newS,
      detail: { memberIds: [newA, newS] },
    })
    expect((all.branches.find((b) => b._id === 'branch-cs')?.secretaryIds as string[]).at(-1)).toBe(newS)
    expect((all.members.find((m) => m.studentNo === '2023010215')?.bindCode as { issuedBy: string }).issuedBy).toBe(
      newS,
    )

    // The photo moved to the member's new folder; the old path (with the student number) is gone.
    expect((await sdk.downloadFile({ fileID: photo.replace(A, newA) })).fileContent.equals(PHOTO)).toBe(true)
    await expect(sdk.downloadFile({ fileID: photo })).rejects.toBeTruthy()

    const again = await migrateMemberIds(sdk, { collections: COLLECTIONS })
    expect(again).toEqual({ members: 0, documents: 0, files: 0 })
    expect(await everything()).toEqual(all)

    // The functions see the migrated member: identity, roster, records.
    const profile = await cloud.call<Result<Profile>>('user', { action: 'login' }, 'o-legacy-a')
    expect(profile.ok && profile.data.memberId).toBe(newA)
    const detail = await cloud.call<Result<MemberDetail>>('branch', { action: 'member', memberId: newA }, CS_SECRETARY)
    expect(detail.ok && detail.data.reports.map((r) => r.id)).toEqual([`${newA}:2026Q3`])
  }, 120_000)

  it('the local cloud migrates a data dir from before when it starts', async () => {
    await sdk
      .database()
      .collection('members')
      .add({ data: legacyMember('m-2099000003', '2099000003', '旧编号丙', null) })
    await sdk
      .database()
      .collection('stageEvents')
      .add({ data: { memberId: 'm-2099000003', kind: 'advance', active: true } })
    await cloud.stop({ keepData: true })
    cloud = await startLocalCloud({ dataDir: cloud.dataDir })
    sdk = adminSdk(cloud.url)
    // It migrates right after it starts listening (the migration talks to it through the SDK).
    const migrated = async () =>
      (await findDocs<{ _id: string; formerId: string }>(sdk, 'members', { studentNo: '2099000003' }))[0]
    await expect
      .poll(async () => (await migrated())._id, { timeout: 30_000, interval: 200 })
      .toMatch(/^mb[0-9a-f]{20}$/)
    const c = await migrated()
    expect(c.formerId).toBe('m-2099000003')
    expect(await findDocs(sdk, 'stageEvents', { memberId: c._id })).toHaveLength(1)
  }, 120_000)
})
