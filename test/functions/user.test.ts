import { describe, expect, it } from 'vitest'
import type { ErrorResult, Result } from '../../cloudfunctions/_shared/envelope'
import type { MeResult, Profile } from '../../cloudfunctions/user/src/contract'
import { BRANCH_POSTS, DEMO_BIND_CODES, demoOpenid, PEOPLE } from '../../local-cloud/src/seed/people'
import type { LocalCloud } from '../helpers/cloud'
import { type adminSdk, findDocs } from '../helpers/sdk'
import { memberIdOf } from '../helpers/members'
import { data, expectError } from '../helpers/results'
import { useLocalCloud } from '../helpers/suite'

/** The user function through the gateway and the real SDK, against a freshly seeded local cloud. */
let cloud: LocalCloud
let sdk: ReturnType<typeof adminSdk>

const student = PEOPLE.find((p) => p.roles.includes('student') && p.stage === 'activist' && p.bound)!
const secretary = PEOPLE.find((p) => p.roles.includes('secretary'))!
const unbound = PEOPLE.filter((p) => !p.bound)
/** A bind request for a seeded unbound entry with its demo binding code. */
const bindEvent = (p: (typeof PEOPLE)[number], overrides: Record<string, unknown> = {}) => ({
  action: 'bind',
  studentNo: p.studentNo,
  name: p.name,
  code: DEMO_BIND_CODES[p.studentNo],
  ...overrides,
})

useLocalCloud((started, admin) => {
  cloud = started
  sdk = admin
})

describe('user.login', () => {
  it('answers a seeded student with their profile, stage and branch', async () => {
    const profile = data(await cloud.call<Result<Profile>>('user', { action: 'login' }, demoOpenid(student.studentNo)))
    expect(profile.name).toBe(student.name)
    expect(profile.studentNo).toBe(student.studentNo)
    expect(profile.roles).toEqual(['student'])
    expect(profile.primaryRole).toBe('student')
    expect(profile.stage).toBe('activist')
    expect(profile.stageLabel).toBe('入党积极分子')
    expect(profile.stageDates.activist).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(profile.branch?.id).toBe(student.branchId)
    expect(profile.branchPost).toBeNull()
    expect(profile.college.settings.reportPeriod).toBe('quarter')
  })

  it("carries a 支委's post on the branch committee (我的 offers them the branch's votes and surveys)", async () => {
    const [studentNo, post] = Object.entries(BRANCH_POSTS).find(([no]) =>
      PEOPLE.some((p) => p.studentNo === no && p.bound),
    )!
    const profile = data(await cloud.call<Result<Profile>>('user', { action: 'login' }, demoOpenid(studentNo)))
    expect(profile.branchPost).toBe(post)
  })

  it('answers a secretary with the secretary role and their branch', async () => {
    const profile = data(
      await cloud.call<Result<Profile>>('user', { action: 'login' }, demoOpenid(secretary.studentNo)),
    )
    expect(profile.roles).toContain('secretary')
    expect(profile.primaryRole).toBe('secretary')
    expect(profile.branch?.id).toBe(secretary.branchId)
  })

  it('answers UNAUTHENTICATED without an identity, and "not bound yet" for an unknown WeChat user', async () => {
    expectError(await cloud.call<Result<Profile>>('user', { action: 'login' }, null), 'UNAUTHENTICATED')
    const error = expectError(
      await cloud.call<Result<Profile>>('user', { action: 'login' }, 'o-stranger-1'),
      'UNAUTHENTICATED',
    )
    expect(error.message).toContain('绑定')
  })

  it('takes identity from the platform only, never from event fields', async () => {
    const result = await cloud.call<Result<Profile>>(
      'user',
      {
        action: 'login',
        openid: demoOpenid(secretary.studentNo),
        userInfo: { openId: demoOpenid(secretary.studentNo) },
      },
      demoOpenid(student.studentNo),
    )
    expect(data(result).name).toBe(student.name)
  })
})

describe('user.me', () => {
  it('shows a student who their branch secretary is', async () => {
    const me = data(await cloud.call<Result<MeResult>>('user', { action: 'me' }, demoOpenid(student.studentNo)))
    expect(me.profile.name).toBe(student.name)
    const theirSecretary = PEOPLE.find((p) => p.roles.includes('secretary') && p.branchId === student.branchId)!
    expect(me.secretaries).toEqual([theirSecretary.name])
    expect(me.boundAt).not.toBeNull()
  })
})

describe('input validation', () => {
  it('refuses unknown actions and malformed parameters with INVALID_ARGUMENT', async () => {
    const openid = 'o-validation'
    expectError(await cloud.call<Result<unknown>>('user', { action: 'dropDatabase' }, openid), 'INVALID_ARGUMENT')
    expectError(await cloud.call<Result<unknown>>('user', {}, openid), 'INVALID_ARGUMENT')
    const entry = unbound[0]
    const malformed: Record<string, unknown>[] = [
      { studentNo: '2023;--' },
      { name: '   ' },
      { studentNo: Number(entry.studentNo) },
      { name: '陈'.repeat(21) },
      { code: 'ZBTD-7K3' },
      { code: 'ZBTD-7K30' }, // 0 is never in a code
      { code: { $ne: '' } },
    ]
    for (const overrides of malformed)
      expectError(await cloud.call<Result<unknown>>('user', bindEvent(entry, overrides), openid), 'INVALID_ARGUMENT')
    expect(
      expectError(
        await cloud.call<Result<unknown>>('user', bindEvent(entry, { code: undefined }), openid),
        'INVALID_ARGUMENT',
      ).message,
    ).toContain('绑定码')
    const [stored] = await findDocs<{ openid: string | null }>(sdk, 'members', { studentNo: entry.studentNo })
    expect(stored.openid).toBeNull()
  })
})

describe('user.bind', () => {
  it('refuses a wrong pair without saying which half was wrong, and changes nothing', async () => {
    const target = unbound[0]
    const wrongName = expectError(
      await cloud.call<Result<Profile>>('user', bindEvent(target, { name: '王小明' }), 'o-guess-1'),
      'NOT_FOUND',
    )
    const wrongNo = expectError(
      await cloud.call<Result<Profile>>('user', bindEvent(target, { studentNo: '2099999999' }), 'o-guess-1'),
      'NOT_FOUND',
    )
    const wrongCode = expectError(
      await cloud.call<Result<Profile>>('user', bindEvent(target, { code: 'ZBTD-2222' }), 'o-guess-1'),
      'NOT_FOUND',
    )
    expect(wrongName.message).toBe(wrongNo.message)
    expect(wrongCode.message).toBe(wrongNo.message)
    expect(await findDocs(sdk, 'bindings', { _id: 'o-guess-1' })).toHaveLength(0)
    const [entry] = await findDocs<{ openid: string | null }>(sdk, 'members', { studentNo: target.studentNo })
    expect(entry.openid).toBeNull()
  })

  it('binds a WeChat user to a roster entry once, audited, and then login works', async () => {
    const target = unbound[0]
    const openid = 'o-new-student-1'
    // The code as printed or as typed on a phone (lower case, spaces) is the same code.
    const typed = DEMO_BIND_CODES[target.studentNo].toLowerCase().replace(/^(.{4})/, '$1 ')
    const profile = data(await cloud.call<Result<Profile>>('user', bindEvent(target, { code: typed }), openid))
    expect(profile.name).toBe(target.name)
    expect(data(await cloud.call<Result<Profile>>('user', { action: 'login' }, openid)).studentNo).toBe(
      target.studentNo,
    )

    const [binding] = await findDocs<{ memberId: string }>(sdk, 'bindings', { _id: openid })
    expect(binding.memberId).toBe(memberIdOf(target.studentNo))
    const audits = await findDocs<{ action: string; actorName: string; detail: { openid?: string } }>(sdk, 'audit', {
      targetId: memberIdOf(target.studentNo),
      action: 'user.bind',
    })
    expect(audits).toHaveLength(1)
    expect(audits[0].actorName).toBe(target.name)
    expect(audits[0].detail.openid).toBe(openid)

    // The same WeChat user cannot bind again, and nobody else can claim the entry, the spent code included.
    expectError(await cloud.call<Result<Profile>>('user', bindEvent(unbound[1]), openid), 'CONFLICT')
    expectError(await cloud.call<Result<Profile>>('user', bindEvent(target), 'o-someone-else'), 'CONFLICT')
    expect(await findDocs(sdk, 'bindings', { memberId: memberIdOf(target.studentNo) })).toHaveLength(1)
  })

  it('lets exactly one of many WeChat users racing for the same entry win', async () => {
    const target = unbound[1]
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => cloud.call<Result<Profile>>('user', bindEvent(target), `o-racer-${i}`)),
    )
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    for (const r of results.filter((x) => !x.ok)) expect((r as ErrorResult).code).toBe('CONFLICT')
    expect(await findDocs(sdk, 'bindings', { memberId: memberIdOf(target.studentNo) })).toHaveLength(1)
  })

  it('rate-limits guessing: after 5 wrong pairs even a right one is refused for a while', async () => {
    const target = unbound[2]
    const openid = 'o-guesser'
    for (let i = 0; i < 5; i++) {
      expectError(
        await cloud.call<Result<Profile>>('user', bindEvent(target, { name: `错名${i}` }), openid),
        'NOT_FOUND',
      )
    }
    expectError(await cloud.call<Result<Profile>>('user', bindEvent(target), openid), 'RATE_LIMITED')
    const [entry] = await findDocs<{ openid: string | null }>(sdk, 'members', { studentNo: target.studentNo })
    expect(entry.openid).toBeNull()
  })
})

describe('user.me reads the secretaries through the branch document', () => {
  interface Logged {
    action: string
    queries: { action: string; collection: string; index: string | null; docsExamined: number; docsReturned: number }[]
  }
  const branchId = student.branchId as string
  const theirSecretary = PEOPLE.find((p) => p.roles.includes('secretary') && p.branchId === branchId)!
  const me = async (): Promise<MeResult> =>
    data(await cloud.call<Result<MeResult>>('user', { action: 'me' }, demoOpenid(student.studentNo)))
  const lastMeQueries = async (): Promise<Logged['queries']> => {
    const calls = (await (await fetch(`${cloud.url}/api/dev/calls?limit=20`)).json()) as Logged[]
    return calls.find((c) => c.action === 'me')?.queries ?? []
  }
  const branchDoc = async (): Promise<{ secretaryIds?: string[] }> =>
    (await findDocs<{ secretaryIds?: string[] }>(sdk, 'branches', { _id: branchId }))[0]

  it('reads only the secretaries, by _id: four requests, nothing read and dropped', async () => {
    expect((await me()).secretaries).toEqual([theirSecretary.name])
    const queries = await lastMeQueries()
    expect(queries).toHaveLength(4)
    for (const q of queries) expect(q.docsExamined).toBeLessThanOrEqual(Math.max(1, q.docsReturned))
    expect(
      queries.find(
        (q) => q.collection === 'members' && q.index === '_id_' && q.docsReturned === 1 && q.docsExamined === 1,
      ),
    ).toBeTruthy()
  })

  it('trusts roles over the list: a listed member without the role is not shown', async () => {
    const before = await branchDoc()
    const _ = sdk.database().command
    await sdk
      .database()
      .collection('branches')
      .doc(branchId)
      .update({ data: { secretaryIds: _.set([...(before.secretaryIds ?? []), memberIdOf(student.studentNo)]) } })
    try {
      expect((await me()).secretaries).toEqual([theirSecretary.name])
    } finally {
      await sdk
        .database()
        .collection('branches')
        .doc(branchId)
        .update({ data: { secretaryIds: _.set(before.secretaryIds ?? []) } })
    }
  })

  it('a branch stored before secretaryIds existed is looked up by role once, and the list is filled in', async () => {
    const _ = sdk.database().command
    await sdk
      .database()
      .collection('branches')
      .doc(branchId)
      .update({ data: { secretaryIds: _.remove() } })
    expect((await branchDoc()).secretaryIds).toBeUndefined()
    expect((await me()).secretaries).toEqual([theirSecretary.name])
    expect((await branchDoc()).secretaryIds).toEqual([memberIdOf(theirSecretary.studentNo)])
    expect((await me()).secretaries).toEqual([theirSecretary.name])
    expect(await lastMeQueries()).toHaveLength(4)
  })
})
