import { describe, expect, it } from 'vitest'
import type { BindCodeLine, BindCodeSheet, MemberDetail } from '../../cloudfunctions/branch/src/contract'
import type { Result } from '../../cloudfunctions/_shared/envelope'
import type { AuditDoc, MemberDoc } from '../../cloudfunctions/_shared/models'
import type { Profile } from '../../cloudfunctions/user/src/contract'
import { demoOpenid } from '../../local-cloud/src/seed/people'
import type { LocalCloud } from '../helpers/cloud'
import { type adminSdk, findDocs } from '../helpers/sdk'
import { memberIdOf, newMember } from '../helpers/members'
import { newMemberId } from '../../cloudfunctions/_shared/ids'
import { data, expectError } from '../helpers/results'
import { useLocalCloud } from '../helpers/suite'
import { COMMITTEE, CS_SECRETARY, SE_SECRETARY } from '../helpers/personas'

/**
 * Binding codes and unbinding (issue #14, item 3) through the gateway and the real SDK: binding needs
 * student number + name + a one-time code the secretary or the committee issued; limits per WeChat user
 * and per student number; an audited unbind lets the real owner recover.
 */
let cloud: LocalCloud
let sdk: ReturnType<typeof adminSdk>

const CS_STUDENT = demoOpenid('2022010107') // 张欣怡, branch-cs

const branch = <T>(event: Record<string, unknown>, openid: string | null) =>
  cloud.call<Result<T>>('branch', event, openid)
const bind = (studentNo: string, name: string, code: string, openid: string) =>
  cloud.call<Result<Profile>>('user', { action: 'bind', studentNo, name, code }, openid)

async function memberOf(studentNo: string): Promise<MemberDoc> {
  const [m] = await findDocs<MemberDoc>(sdk, 'members', { studentNo })
  return m
}

/** A fresh unbound roster entry, as the roster import stores one (each test its own: limits are per student number). */
let serial = 0
async function newEntry(branchId = 'branch-cs'): Promise<{ id: string; studentNo: string; name: string }> {
  serial += 1
  const studentNo = `2026099${String(serial).padStart(3, '0')}`
  const name = `测试${'甲乙丙丁戊己庚辛壬癸'[serial % 10]}${serial}`
  const id = newMemberId()
  await sdk
    .database()
    .collection('members')
    .doc(id)
    .set({ data: newMember({ branchId, studentNo, name }) })
  return { id, studentNo, name }
}

async function issue(memberId: string, openid = CS_SECRETARY): Promise<BindCodeLine> {
  return data(await branch<BindCodeLine>({ action: 'issueBindCode', memberId }, openid))
}

useLocalCloud((started, admin) => {
  cloud = started
  sdk = admin
})

describe('binding needs the one-time code', () => {
  it('refuses a bind without a code, with a wrong one, and before any code was issued', async () => {
    const e = await newEntry()
    const openid = 'o-bind-nocode'
    expectError(
      await cloud.call<Result<Profile>>('user', { action: 'bind', studentNo: e.studentNo, name: e.name }, openid),
      'INVALID_ARGUMENT',
    )
    expectError(await bind(e.studentNo, e.name, 'ABCD-EFGH', openid), 'NOT_FOUND') // nothing issued yet
    const line = await issue(e.id)
    expect(line.code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/)
    const wrong = line.code.startsWith('A') ? 'BBBB-BBBB' : 'AAAA-AAAA'
    expectError(await bind(e.studentNo, e.name, wrong, openid), 'NOT_FOUND')
    expect((await memberOf(e.studentNo)).openid).toBeNull()
    expect(await findDocs(sdk, 'bindings', { _id: openid })).toHaveLength(0)
  })

  it('stores only a salted hash of the code, never the code', async () => {
    const e = await newEntry()
    const line = await issue(e.id)
    const stored = (await memberOf(e.studentNo)).bindCode
    expect(stored?.hash).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(stored)).not.toContain(line.code.replace('-', ''))
  })

  it('refuses an expired code and changes nothing', async () => {
    const e = await newEntry()
    const line = await issue(e.id)
    await sdk
      .database()
      .collection('members')
      .doc(e.id)
      .update({ data: { 'bindCode.expiresAt': new Date(Date.now() - 1000) } })
    const error = expectError(await bind(e.studentNo, e.name, line.code, 'o-bind-late'), 'FAILED_PRECONDITION')
    expect(error.message).toContain('过期')
    expect((await memberOf(e.studentNo)).openid).toBeNull()
  })

  it('binds once with the right code, audited with the WeChat identity; the code is then spent', async () => {
    const e = await newEntry()
    const line = await issue(e.id)
    const profile = data(await bind(e.studentNo, e.name, line.code, 'o-bind-owner'))
    expect(profile.studentNo).toBe(e.studentNo)
    const m = await memberOf(e.studentNo)
    expect(m.openid).toBe('o-bind-owner')
    expect(m.bindCode ?? null).toBeNull()
    const [audit] = await findDocs<AuditDoc>(sdk, 'audit', { targetId: e.id, action: 'user.bind' })
    expect(audit.detail.openid).toBe('o-bind-owner')
    expect(audit.actorId).toBe(e.id)
    // A used code binds nobody else.
    expectError(await bind(e.studentNo, e.name, line.code, 'o-bind-second'), 'CONFLICT')
    expect(await findDocs(sdk, 'bindings', { memberId: e.id })).toHaveLength(1)
  })

  it('a reissued code replaces the old one, and the reissue is audited', async () => {
    const e = await newEntry()
    const first = await issue(e.id)
    const second = await issue(e.id, COMMITTEE)
    expect(second.code).not.toBe(first.code)
    expectError(await bind(e.studentNo, e.name, first.code, 'o-bind-reissue'), 'NOT_FOUND')
    data(await bind(e.studentNo, e.name, second.code, 'o-bind-reissue'))
    const audits = await findDocs<AuditDoc>(sdk, 'audit', { targetId: e.id, action: 'branch.issueBindCode' })
    expect(audits.map((a) => a.detail.reissue).sort()).toEqual([false, true])
    expect(
      audits.every((a) => typeof a.detail.summary === 'string' && !String(a.detail.summary).includes(second.code)),
    ).toBe(true)
  })

  it('limits tries per student number, however many WeChat users share the guessing', async () => {
    const e = await newEntry()
    const line = await issue(e.id)
    for (let i = 0; i < 10; i++)
      expectError(
        await bind(e.studentNo, e.name, line.code.startsWith('A') ? 'BBBB-BBBB' : 'AAAA-AAAA', `o-crowd-${i}`),
        'NOT_FOUND',
      )
    const error = expectError(await bind(e.studentNo, e.name, line.code, 'o-crowd-fresh'), 'RATE_LIMITED')
    expect(error.message).toContain('学号')
    expect((await memberOf(e.studentNo)).openid).toBeNull()
  })
})

describe('who may issue codes', () => {
  it('a secretary issues codes in their own branch only; a student not at all', async () => {
    const se = await newEntry('branch-se')
    expectError(await branch({ action: 'issueBindCode', memberId: se.id }, CS_SECRETARY), 'NOT_FOUND')
    expectError(await branch({ action: 'issueBindCode', memberId: se.id }, CS_STUDENT), 'FORBIDDEN')
    expect((await memberOf(se.studentNo)).bindCode ?? null).toBeNull()
    data(await branch({ action: 'issueBindCode', memberId: se.id }, SE_SECRETARY))
  })

  it('refuses a code for a member who is bound already', async () => {
    expectError(
      await branch({ action: 'issueBindCode', memberId: memberIdOf('2022010107') }, CS_SECRETARY),
      'FAILED_PRECONDITION',
    )
  })

  it('prints a sheet of new codes for every unbound member of the branch, and each code works', async () => {
    const a = await newEntry('branch-grad')
    const b = await newEntry('branch-grad')
    expectError(await branch({ action: 'bindCodeSheet' }, COMMITTEE), 'INVALID_ARGUMENT') // which branch?
    expectError(await branch({ action: 'bindCodeSheet', branchId: 'branch-grad' }, CS_SECRETARY), 'FORBIDDEN')
    const sheet = data(await branch<BindCodeSheet>({ action: 'bindCodeSheet', branchId: 'branch-grad' }, COMMITTEE))
    const unbound = await findDocs<MemberDoc>(sdk, 'members', { branchId: 'branch-grad', openid: null })
    expect(sheet.lines.map((l) => l.studentNo).sort()).toEqual(unbound.map((m) => m.studentNo).sort())
    expect(sheet.days).toBe(14)
    expect(sheet.branchName).toBe('研究生第一党支部')
    const lineA = sheet.lines.find((l) => l.studentNo === a.studentNo)!
    const lineB = sheet.lines.find((l) => l.studentNo === b.studentNo)!
    expect(new Date(lineA.expiresAt).getTime() - Date.now()).toBeGreaterThan(13 * 86_400_000)
    data(await bind(a.studentNo, a.name, lineA.code, 'o-sheet-a'))
    data(await bind(b.studentNo, b.name, lineB.code, 'o-sheet-b'))
    const [audit] = await findDocs<AuditDoc>(sdk, 'audit', { targetId: 'branch-grad', action: 'branch.bindCodeSheet' })
    expect(audit.detail.count).toBe(sheet.lines.length)
  })
})

describe('unbinding', () => {
  it('refuses a secretary of another branch, a student, and one’s own record; changes nothing', async () => {
    const target = memberIdOf('2022010107') // 张欣怡, branch-cs
    expectError(await branch({ action: 'unbind', memberId: target, reason: '更换微信' }, SE_SECRETARY), 'NOT_FOUND')
    expectError(await branch({ action: 'unbind', memberId: target, reason: '更换微信' }, CS_STUDENT), 'FORBIDDEN')
    expectError(
      await branch({ action: 'unbind', memberId: memberIdOf('T2016003'), reason: '更换微信' }, CS_SECRETARY),
      'FORBIDDEN',
    )
    expectError(
      await branch({ action: 'unbind', memberId: memberIdOf('T2009001'), reason: '更换微信' }, COMMITTEE),
      'FORBIDDEN',
    )
    expectError(await branch({ action: 'unbind', memberId: target, reason: '' }, CS_SECRETARY), 'INVALID_ARGUMENT')
    expect((await memberOf('2022010107')).openid).toBe(CS_STUDENT)
    expect(await findDocs(sdk, 'audit', { targetId: target, action: 'branch.unbind' })).toHaveLength(0)
    const detail = data(
      await branch<MemberDetail>({ action: 'member', memberId: memberIdOf('T2016003') }, CS_SECRETARY),
    )
    expect(detail.binding.canUnbind).toBe(false)
  })

  it('clears the impostor’s binding, audited, and the owner binds with the new code', async () => {
    const e = await newEntry()
    const first = await issue(e.id)
    data(await bind(e.studentNo, e.name, first.code, 'o-impostor'))
    const before = data(await branch<MemberDetail>({ action: 'member', memberId: e.id }, CS_SECRETARY))
    expect(before.binding).toMatchObject({ bound: true, canUnbind: true, codeExpiresAt: null })

    const fresh = data(
      await branch<BindCodeLine>({ action: 'unbind', memberId: e.id, reason: '绑定被他人冒用' }, CS_SECRETARY),
    )
    expect(fresh.code).not.toBe(first.code)
    const m = await memberOf(e.studentNo)
    expect(m.openid).toBeNull()
    expect(m.boundAt).toBeNull()
    expect(await findDocs(sdk, 'bindings', { _id: 'o-impostor' })).toHaveLength(0)
    expectError(await cloud.call<Result<Profile>>('user', { action: 'login' }, 'o-impostor'), 'UNAUTHENTICATED')
    const [audit] = await findDocs<AuditDoc>(sdk, 'audit', { targetId: e.id, action: 'branch.unbind' })
    expect(audit.detail).toMatchObject({ openid: 'o-impostor', reason: '绑定被他人冒用', studentNo: e.studentNo })
    expect(audit.actorId).toBe(memberIdOf('T2016003'))
    const after = data(await branch<MemberDetail>({ action: 'member', memberId: e.id }, CS_SECRETARY))
    expect(after.binding).toMatchObject({ bound: false, canUnbind: false, codeExpired: false })
    expect(after.binding.codeExpiresAt).toBe(fresh.expiresAt)

    expectError(await bind(e.studentNo, e.name, first.code, 'o-owner'), 'NOT_FOUND')
    const profile = data(await bind(e.studentNo, e.name, fresh.code, 'o-owner'))
    expect(profile.memberId).toBe(e.id)
    const [owner] = await findDocs<AuditDoc>(sdk, 'audit', {
      targetId: e.id,
      action: 'user.bind',
      'detail.openid': 'o-owner',
    })
    expect(owner).toBeTruthy()
  })

  it('the committee may unbind in any branch', async () => {
    const e = await newEntry('branch-se')
    data(await bind(e.studentNo, e.name, (await issue(e.id, SE_SECRETARY)).code, 'o-se-user'))
    data(await branch<BindCodeLine>({ action: 'unbind', memberId: e.id, reason: '本人更换微信' }, COMMITTEE))
    expect((await memberOf(e.studentNo)).openid).toBeNull()
  })
})
