/**
 * The development file (issue #17) in the H5 build, in headless Chromium against the real local cloud:
 * - a secretary opens 发展纪实 from the workspace, takes 赵一鸣 through 确定发展对象 with a 公示 that spans a
 *   national holiday (the end date follows the calendar), and downloads his 全程纪实表 as .docx (read back:
 *   the dates are there) and PDF;
 * - the branch meeting for 周俊杰: a vote without quorum is refused with its message, then one with it passes;
 * - the student sees what is still missing from their file.
 * Screens at 390×844 go to test-results/development/. Needs `npm run build:h5` first and /usr/bin/chromium.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { MemberDoc } from '../../cloudfunctions/_shared/models'
import { chinaDay } from '../../cloudfunctions/_shared/time'
import { demoOpenid } from '../../local-cloud/src/seed/people'
import { ROOT } from '../helpers/cloud'
import { noticeAcrossHoliday, recordPastSteps } from '../helpers/development'
import { docxXml, xmlText } from '../helpers/documents'
import { memberIdOf } from '../helpers/members'
import { findDocs } from '../helpers/sdk'
import { PDFDocument } from 'pdf-lib'
import { openFromMe, waitForPage } from './helpers/app'
import { hasChromium, settle } from './helpers/browser'
import { openAt, tapTo } from './helpers/steps'
import { useE2ESession } from './helpers/world'

const OUT = join(ROOT, 'test-results', 'development')
const ZHAO = memberIdOf('2022010219')
const ZHOU = memberIdOf('2021010122')
const SECRETARY = demoOpenid('T2016003')
const today = chinaDay(new Date())

function formatDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(OUT, { recursive: true })
  await settle(page)
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: false })
}

/**
 * Taro's H5 date picker scrolls wheels in an overlay; the test delivers the picker's `change` (as the weapp
 * renderer test fires it on the picker node): the Picker's own onChange, found on its React component.
 */
async function pickDate(page: Page, testId: string, value: string): Promise<void> {
  await page.locator(`[data-testid="step-form"] [data-testid="${testId}"]`).evaluate((el, v) => {
    type Fiber = {
      memoizedProps?: { mode?: string; onChange?: (e: { detail: { value: string } }) => void }
      return: Fiber | null
    }
    const isFiber = (v: unknown): v is Fiber => typeof v === 'object' && v !== null && 'return' in v
    const found: unknown = Object.entries(el).find(([k]) => k.startsWith('__reactFiber$'))?.[1]
    let fiber: Fiber | null = isFiber(found) ? found : null
    while (fiber && !(fiber.memoizedProps?.mode === 'date' && fiber.memoizedProps.onChange)) fiber = fiber.return
    if (!fiber?.memoizedProps?.onChange) throw new Error('no date picker around this field')
    fiber.memoizedProps.onChange({ detail: { value: v } })
  }, value)
}

describe.skipIf(!hasChromium)('the development file in Chromium against the local cloud', () => {
  const session = useE2ESession()
  /** A page of the development package on the session's local cloud (a deep link). */
  const pageUrl = (path: string): string => `${session.cloud.url}/packages/development/${path}`
  /** The committee (刘建国) signed in on a new phone, on the development branch page (`query`: e.g. `?tab=problems`). */
  const committeeOnBranchPage = async (query = '') => {
    const phone = await session.signIn('刘建国')
    return { ...phone, branch: await openAt(phone.page, pageUrl(`branch/index${query}`), 'page-development-branch') }
  }

  it('a secretary records 确定发展对象 with a 公示 across a holiday and downloads the 全程纪实表', async () => {
    const { eve, end } = await noticeAcrossHoliday(session.cloud, ZHAO, SECRETARY, today)

    const { page, errors } = await session.signIn('陈立华')
    const workspace = await openFromMe(page, '支部工作台', 'page-branch-workspace')
    const branch = await tapTo(workspace.locator('[data-testid="tool-development"]'), 'page-development-branch')
    await branch.locator('[data-testid="upcoming-item"]').first().waitFor({ timeout: 30_000 })
    await shoot(page, 'secretary-next-30-days')
    await branch.locator('.zbd-tab', { hasText: '问题档案' }).click()
    await branch.locator('[data-testid="problem-file"]').first().waitFor({ timeout: 30_000 })
    await shoot(page, 'secretary-problems')
    await branch.locator('.zbd-tab', { hasText: '未来 30 天' }).click()
    await branch.locator('[data-testid="upcoming-item"]', { hasText: '赵一鸣' }).first().click()

    const filePage = await waitForPage(page, 'page-development-file', 30_000)
    await filePage.getByText('赵一鸣的发展纪实').waitFor()
    await shoot(page, 'secretary-file')
    await filePage.locator('[data-testid="record-7"]').click({ timeout: 10_000 })
    await filePage.locator('[data-testid="step-form"]').waitFor({ timeout: 10_000 })
    await pickDate(page, 'step-date', eve)
    await pickDate(page, 'publicity-start', eve)
    await filePage.locator('[data-testid="step-date"]', { hasText: formatDay(eve) }).waitFor({ timeout: 10_000 })
    await shoot(page, 'secretary-record-step-7')
    await filePage.locator('[data-testid="step-submit"]').click()
    await filePage.getByText(`公示 ${formatDay(eve)} 至 ${formatDay(end)}`).waitFor({ timeout: 30_000 })
    const [member] = await findDocs<MemberDoc>(session.sdk, 'members', { _id: ZHAO })
    expect(member.stage).toBe('candidate')
    expect(member.stageDates.candidate).toBe(eve)

    const pending = page.waitForEvent('download', { timeout: 60_000 })
    await filePage.locator('[data-testid="download-docx"]').click()
    const download = await pending
    expect(download.suggestedFilename()).toBe('赵一鸣发展党员全程纪实表.docx')
    const text = xmlText(await docxXml(readFileSync((await download.path()) as string)))
    expect(text).toContain(formatDay(eve))
    expect(text).toContain(formatDay(end))
    const pdf = page.waitForEvent('download', { timeout: 60_000 })
    await filePage.locator('[data-testid="download-pdf"]').click()
    const pdfFile = await pdf
    expect(pdfFile.suggestedFilename()).toMatch(/\.pdf$/)
    expect(
      readFileSync((await pdfFile.path()) as string)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-')
    expect(errors).toEqual([])
  }, 180_000)

  it('the branch meeting’s vote without quorum is refused with its message', async () => {
    await recordPastSteps(session.cloud, ZHOU, SECRETARY, [
      [12, 3],
      [13, 2],
      [14, 1],
    ])
    const { page, errors } = await session.signIn('陈立华')
    const filePage = await openAt(page, pageUrl(`file/index?id=${ZHOU}`), 'page-development-file')
    await filePage.getByText('周俊杰的发展纪实').waitFor({ timeout: 30_000 })
    await filePage.locator('[data-testid="record-15"]').click()
    await filePage.getByPlaceholder('应到人数').fill('20')
    await filePage.getByPlaceholder('实到人数').fill('9')
    await filePage.getByPlaceholder('赞成票').fill('9')
    await filePage.locator('[data-testid="step-submit"]').click()
    await filePage
      .locator('[data-testid="step-error"]', { hasText: '应到 20 人，实到 9 人，未超过半数' })
      .waitFor({ timeout: 30_000 })
    await shoot(page, 'secretary-vote-no-quorum')
    await filePage.getByPlaceholder('实到人数').fill('16')
    await filePage.getByPlaceholder('赞成票').fill('15')
    await filePage.getByPlaceholder('反对票').fill('1')
    await filePage.locator('[data-testid="step-submit"]').click()
    const reason = filePage.locator('[data-testid="step-reason"]')
    const outcome = await Promise.race([
      reason.waitFor({ timeout: 30_000 }).then(() => 'reason'),
      filePage
        .getByText('应到 20 人，实到 16 人')
        .waitFor({ timeout: 30_000 })
        .then(() => 'done'),
    ])
    if (outcome === 'reason') {
      await reason.locator('input').fill('纸质思想汇报已审阅，尚未录入系统')
      await filePage.locator('[data-testid="step-submit"]').click()
    }
    await filePage.getByText('应到 20 人，实到 16 人；赞成 15，反对 1，弃权 0').waitFor({ timeout: 30_000 })
    expect(errors).toEqual([])
  }, 180_000)

  it('the student sees where they are, what is next and what is missing', async () => {
    const { page, errors } = await session.signIn('赵一鸣')
    const filePage = await openFromMe(page, '我的发展纪实', 'page-development-file')
    await filePage.getByText('我的发展纪实').first().waitFor({ timeout: 30_000 })
    await filePage.locator('[data-testid="missing-material"]', { hasText: '第 7 步：发展对象公示及结果' }).waitFor()
    await expect(filePage.locator('[data-testid="position-next"]').innerText()).resolves.toMatch(/下一步：第 \d+ 步/)
    await shoot(page, 'student-file')
    expect(errors).toEqual([])
  }, 180_000)

  it('the committee sees every branch’s files with problems and keeps the calendar', async () => {
    const { page, errors, branch } = await committeeOnBranchPage('?tab=problems')
    await branch.locator('[data-testid="problem-file"]').first().waitFor({ timeout: 30_000 })
    await shoot(page, 'committee-problems')
    const calendar = await tapTo(branch.locator('[data-testid="open-calendar"]'), 'page-development-calendar')
    await calendar.getByText('修改本年安排').waitFor({ timeout: 30_000 })
    await shoot(page, 'committee-calendar')
    expect(errors).toEqual([])
  }, 180_000)

  it('the committee sets the college’s rules and materials from the branch page; errors are in Chinese', async () => {
    const { page, errors, branch } = await committeeOnBranchPage()
    const rules = await tapTo(branch.locator('[data-testid="open-rules"]'), 'page-development-rules')
    const publicity = rules.locator('[data-testid="rule-publicity-days"]')
    await publicity.getByText('国家规定：必须遵守，5 个工作日').waitFor({ timeout: 30_000 })
    await publicity.getByText('依据：本院发展党员工作实施办法', { exact: false }).waitFor()
    await shoot(page, 'committee-rules')
    await publicity.locator('[data-testid="rule-edit-publicity-days"]').click()
    const plus = publicity.locator('[data-testid="rule-value-publicity-days"] .zu-stepper__btn').last()
    await plus.click()
    await plus.click()
    await publicity.locator('[data-testid="rule-save-publicity-days"]').click()
    await publicity.getByText('本院：必须遵守，7 个工作日（已调整）').waitFor({ timeout: 30_000 })
    await shoot(page, 'committee-rules-changed')
    const [college] = await findDocs<{ settings: { development: { rules: Record<string, unknown> } } }>(
      session.sdk,
      'colleges',
      {},
    )
    expect(college.settings.development.rules['publicity-days']).toEqual({ value: 7 })
    await publicity.locator('[data-testid="rule-edit-publicity-days"]').click()
    await publicity.locator('[data-testid="rule-reset-publicity-days"]').click()
    await publicity.getByText('本院：必须遵守，5 个工作日（同国家规定）').waitFor({ timeout: 30_000 })

    await rules.locator('[data-testid="rules-tabs"]').getByText('材料清单').click()
    await rules.getByPlaceholder('如 发展对象公示回执').fill('公')
    await rules.locator('[data-testid="material-add"]').click()
    await rules.getByText('材料名称至少 2 个字').waitFor({ timeout: 30_000 })
    await shoot(page, 'committee-materials-error')
    await rules.getByPlaceholder('如 发展对象公示回执').fill('发展对象公示回执')
    await rules.locator('[data-testid="material-add"]').click()
    const added = rules.locator('[data-testid="materials-7"]').getByText('发展对象公示回执')
    await added.waitFor({ timeout: 30_000 })
    await shoot(page, 'committee-materials')
    await rules.locator('[data-testid="materials-7"] [data-testid^="material-remove-"]').click()
    await added.waitFor({ state: 'detached', timeout: 30_000 })
    expect(errors).toEqual([])
  }, 180_000)

  it('a student hands in her application as a PDF from the file input; the secretary opens it', async () => {
    const { page, errors } = await session.signIn('张欣怡')
    const filePage = await openFromMe(page, '我的发展纪实', 'page-development-file')
    const application = filePage.locator('[data-testid="step-1"] [data-testid="material"]').first()
    await application.waitFor({ timeout: 30_000 })
    const doc = await PDFDocument.create()
    doc.addPage([595, 842]).drawText('Application', { x: 72, y: 760 })
    const chooser = page.waitForEvent('filechooser', { timeout: 30_000 })
    await application.locator('[data-testid="material-pdf"]').click()
    await (
      await chooser
    ).setFiles({ name: '入党申请书.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await doc.save()) })
    await application.getByText('已上传，待核对').waitFor({ timeout: 30_000 })
    await shoot(page, 'student-material-pdf')
    const steps = await findDocs<{ materials: Record<string, { fileIDs: string[] }> }>(session.sdk, 'devSteps', {
      memberId: memberIdOf('2022010107'),
      step: 1,
    })
    expect(steps[0].materials.application.fileIDs[0]).toMatch(/\.pdf$/)
    expect(errors).toEqual([])
  }, 180_000)

  it('a secretary reads the rules without a form; a file out of reach answers in Chinese', async () => {
    const { page, errors } = await session.signIn('陈立华')
    const rules = await openAt(page, pageUrl('rules/index'), 'page-development-rules')
    await rules.getByText('由院党委维护', { exact: false }).waitFor({ timeout: 30_000 })
    expect(await rules.locator('[data-testid^="rule-edit-"]').count()).toBe(0)
    await shoot(page, 'secretary-rules')
    const file = await openAt(page, pageUrl('file/index?id=m-nobody'), 'page-development-file')
    await file.getByText('没有找到这名成员', { exact: false }).waitFor({ timeout: 30_000 })
    await shoot(page, 'secretary-file-not-found')
    expect(errors.filter((e) => !/NOT_FOUND|404/.test(e))).toEqual([])
  }, 180_000)
})
