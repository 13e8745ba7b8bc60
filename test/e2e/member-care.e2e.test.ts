/**
 * Members away and moving on (issue #19) in the H5 build, in headless Chromium against the real local cloud:
 * a probationary member registers an internship, misses the quarterly contact, is on the secretary's overdue
 * list with a reminder in the outbox, then reports in; a member applies for a transfer, the branch approves,
 * the committee issues the letter, the member uploads the 回执 and leaves the roster; a talk is recorded; the
 * hours pages. Screenshots (390×844) go to test-results/screenshots/care-*.png. Needs `npm run build:h5`.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { idNumberCheckDigit } from '../../cloudfunctions/member-care/src/contract'
import type { MemberDoc } from '../../cloudfunctions/_shared/models'
import type { AwayDoc } from '../../cloudfunctions/member-care/src/model'
import { demoOpenid } from '../../local-cloud/src/seed/people'
import { ROOT } from '../helpers/cloud'
import { backdateContact, runCareTimer } from '../helpers/member-care'
import { outbox } from '../helpers/suite'
import { memberIdOf } from '../helpers/members'
import { findDocs } from '../helpers/sdk'
import { openFromMe, waitForPage } from './helpers/app'
import { hasChromium, settle } from './helpers/browser'
import { fillFields, tapTo } from './helpers/steps'
import { useE2ESession } from './helpers/world'

const SHOTS = join(ROOT, 'test-results', 'screenshots')

/** A fictional 身份证号码 with its check digit (GB 11643). */
const validId = (first17: string): string => first17 + idNumberCheckDigit(first17)

describe.skipIf(!hasChromium)('member-care in Chromium against the local cloud', () => {
  const session = useE2ESession()

  beforeAll(() => {
    mkdirSync(SHOTS, { recursive: true })
  })

  async function shoot(page: Page, name: string): Promise<void> {
    await settle(page)
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
  }

  async function tab(page: Page, scope: Locator, label: string): Promise<void> {
    await scope.locator('.zbc-tab', { hasText: label }).click()
    await settle(page)
  }

  /** A secretary or the committee signs in and opens a tab of 党员教育管理. */
  async function openCareTab(name: string, label: string) {
    const person = await session.signIn(name)
    const branch = await openFromMe(person.page, '党员教育管理', 'page-care-branch')
    await tab(person.page, branch, label)
    return { person, branch }
  }

  /** A member signs in and, from 外出与组织关系, taps `button` to open one of its forms. */
  async function openCareForm(name: string, button: string, formId: string) {
    const member = await session.signIn(name)
    const home = await openFromMe(member.page, '外出与组织关系', 'page-care-home')
    return { member, form: await tapTo(home.locator(`[data-testid="${button}"]`), formId) }
  }

  it('an internship: registered, overdue and reminded, listed for the secretary, then reported in', async () => {
    const { member, form } = await openCareForm('徐明轩', 'care-register', 'page-care-away')
    await fillFields(form, {
      '如：广东省深圳市南山区': '浙江省杭州市余杭区',
      '如：实习单位名称': '一家电商企业技术部',
      手机号或微信号: '手机 139 0000 1234',
    })
    await shoot(member.page, 'care-member-register')
    const back = await tapTo(form.locator('[data-testid="care-away-save"]'), 'page-care-home')
    await expect
      .poll(() => back.locator('[data-testid="care-away"]').innerText(), { timeout: 15_000 })
      .toContain('浙江省杭州市余杭区')

    // A quarter passes without contact; the daily job reminds.
    const [away] = await findDocs<AwayDoc>(session.sdk, 'careAway', {
      memberId: memberIdOf('2021010230'),
      status: 'away',
    })
    await backdateContact(session.sdk, away._id, 100, 9)
    await runCareTimer(session.cloud)
    expect(
      (await outbox(session.cloud)).some(
        (m) => m.touser === demoOpenid('2021010230') && m.templateId === 'care-contact-reminder',
      ),
    ).toBe(true)

    const secretary = await session.signIn('陈立华')
    const branch = await openFromMe(secretary.page, '党员教育管理', 'page-care-branch')
    const row = branch.locator('[data-testid="care-away-row"]', { hasText: '徐明轩' })
    await expect.poll(() => row.innerText(), { timeout: 15_000 }).toContain('报到逾期')
    await shoot(secretary.page, 'care-secretary-away')

    await member.page.reload()
    const reloaded = await waitForPage(member.page, 'page-care-home', 30_000)
    await expect.poll(() => reloaded.innerText(), { timeout: 15_000 }).toContain('报到已逾期')
    await shoot(member.page, 'care-member-overdue')
    await fillFields(reloaded, {
      '近况：学习和工作情况、参加组织生活的情况': '在杭州实习，每周参加线上理论学习，按时提交思想汇报。',
    })
    await reloaded.locator('[data-testid="care-report-in-send"]').click()
    await expect
      .poll(() => reloaded.locator('[data-testid="care-contact"]').first().innerText(), { timeout: 15_000 })
      .toContain('在杭州实习')
    expect(await reloaded.innerText()).not.toContain('报到已逾期')
    await shoot(member.page, 'care-member-reported')
    expect([member.errors, secretary.errors]).toEqual([[], []])
  }, 240_000)

  it('a transfer: applied, approved, letter issued, 回执 uploaded; the member leaves the roster and the committee keeps the history', async () => {
    const { member, form } = await openCareForm('孙雅琪', 'care-apply-transfer', 'page-care-transfer')
    await fillFields(form, {
      '如：某某科技有限公司': '上海一家集成电路企业',
      '如：中共某某科技有限公司委员会': '中共上海某集成电路有限公司委员会',
      '18 位身份证号码': validId('11010820001010002'),
    })
    await tapTo(form.locator('[data-testid="care-transfer-save"]'), 'page-care-home')

    const { person: secretary, branch } = await openCareTab('陈立华', '关系转接')
    const applied = branch.locator('[data-testid="care-transfer-row"]', { hasText: '孙雅琪' })
    await applied.locator('[data-testid="care-checks"] .zu-chip', { hasText: '已核对党费' }).click()
    await applied.locator('[data-testid="care-checks"] .zu-chip', { hasText: '已核对档案材料' }).click()
    await shoot(secretary.page, 'care-secretary-review')
    await applied.locator('[data-testid="care-approve"]').click()
    await expect
      .poll(() => branch.locator('[data-testid="care-transfer-row"]', { hasText: '孙雅琪' }).innerText(), {
        timeout: 15_000,
      })
      .toContain('待院党委开具介绍信')

    const { person: committee, branch: college } = await openCareTab('刘建国', '关系转接')
    await college
      .locator('[data-testid="care-transfer-row"]', { hasText: '孙雅琪' })
      .locator('[data-testid="care-issue-letter"]')
      .click()
    await expect
      .poll(() => college.locator('[data-testid="care-transfer-row"]', { hasText: '孙雅琪' }).innerText(), {
        timeout: 15_000,
      })
      .toContain('介绍信已开具')
    await shoot(committee.page, 'care-committee-transfers')

    // The member photographs the 回执 and uploads it.
    await member.page.reload()
    const mine = await waitForPage(member.page, 'page-care-home', 30_000)
    await expect
      .poll(() => mine.locator('[data-testid="care-transfer"]').innerText(), { timeout: 15_000 })
      .toContain('有效期至')
    await shoot(member.page, 'care-member-letter')
    const receipt = join(tmpdir(), `care-receipt-${process.pid}.png`)
    writeFileSync(
      receipt,
      Buffer.from(
        '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
        'hex',
      ),
    )
    const chooser = member.page.waitForEvent('filechooser')
    await mine.locator('[data-testid="care-upload-receipt"]').click()
    await (await chooser).setFiles(receipt)
    await expect
      .poll(() => mine.innerText(), { timeout: 20_000 })
      .toMatch(/已于[^\n]*转往 中共上海某集成电路有限公司委员会/)
    await shoot(member.page, 'care-member-transferred')

    const [doc] = await findDocs<MemberDoc>(session.sdk, 'members', { _id: memberIdOf('2020010111') })
    expect(doc.branchId).toBeNull()
    await committee.page.reload()
    const again = await waitForPage(committee.page, 'page-care-branch', 30_000)
    await tab(committee.page, again, '关系转接')
    await expect.poll(() => again.innerText(), { timeout: 15_000 }).toMatch(/已转出（历史记录）[\s\S]*孙雅琪/)
    await shoot(committee.page, 'care-committee-history')
    expect([member.errors, secretary.errors, committee.errors]).toEqual([[], [], []])
  }, 240_000)

  it('talks and hours: the secretary records a talk; the member and the branch see training hours', async () => {
    const { person: secretary, branch } = await openCareTab('陈立华', '谈心谈话')
    await expect
      .poll(() => branch.locator('[data-testid="care-duty-row"]').count(), { timeout: 15_000 })
      .toBeGreaterThan(0)
    await shoot(secretary.page, 'care-secretary-talks')
    const form = await tapTo(branch.locator('[data-testid="care-new-talk"]'), 'page-care-talk')
    await form.locator('[data-testid="care-talk-b"] .zu-seg__item', { hasText: '吴佳怡' }).click()
    await fillFields(form, { '如：思想状况和学习情况': '实习期间的思想和学习' })
    await shoot(secretary.page, 'care-secretary-talk-form')
    const back = await tapTo(form.locator('[data-testid="care-talk-save"]'), 'page-care-branch')
    await expect
      .poll(() => back.locator('[data-testid="care-talk"]').first().innerText(), { timeout: 15_000 })
      .toContain('实习期间的思想和学习')
    await tab(secretary.page, back, '培训学时')
    await expect
      .poll(() => back.locator('[data-testid="care-hours-row"]').count(), { timeout: 15_000 })
      .toBeGreaterThan(0)
    await shoot(secretary.page, 'care-secretary-hours')

    const member = await session.signIn('宋佳琪')
    const hours = await openFromMe(member.page, '我的培训学时', 'page-care-hours')
    await expect
      .poll(() => hours.locator('[data-testid="care-hour-item"]').count(), { timeout: 15_000 })
      .toBeGreaterThan(1)
    await shoot(member.page, 'care-member-hours')
    await member.page.goBack()
    const home = await openFromMe(member.page, '外出与组织关系', 'page-care-home')
    await expect.poll(() => home.innerText(), { timeout: 15_000 }).toContain('香港')
    await shoot(member.page, 'care-member-away')
    expect([member.errors, secretary.errors]).toEqual([[], []])

    // The committee: the college's hours, and a training recorded by student number.
    const { person: committee, branch: college } = await openCareTab('刘建国', '培训学时')
    await expect
      .poll(() => college.locator('[data-testid="care-hours-row"]').count(), { timeout: 15_000 })
      .toBeGreaterThan(5)
    await shoot(committee.page, 'care-committee-hours')
    // 徐明轩's hours before: meetings, the college's sessions and his 短期集中培训 (development file, step 11).
    const xuHours = async (page: typeof college): Promise<number> =>
      Number((await page.locator('[data-testid="care-hours-row"]', { hasText: '徐明轩' }).innerText()).split('\n')[2])
    const xuBefore = await xuHours(college)
    const training = await tapTo(college.locator('[data-testid="care-new-training"]'), 'page-care-training')
    await fillFields(training, {
      '如：全院党员冬训集中学习': '学生党员暑期集中轮训',
      '如：8（以 0.5 为单位）': '16',
      '每行一个学号，或用空格、逗号分隔': '2021010230\n2021010208',
    })
    await shoot(committee.page, 'care-committee-training')
    const after = await tapTo(training.locator('[data-testid="care-training-save"]'), 'page-care-branch')
    await expect.poll(() => xuHours(after), { timeout: 15_000 }).toBe(xuBefore + 16)
    expect(committee.errors).toEqual([])
  }, 240_000)
})
