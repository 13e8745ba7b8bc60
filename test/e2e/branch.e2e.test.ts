/**
 * The branch workspace in the H5 build, in headless Chromium against the real local cloud (a child
 * process on a free port with a fresh, seeded data dir):
 * - the committee imports a roster file with two bad rows and sees exactly those rows reported;
 * - a secretary moves 张欣怡, an activist of eleven months, to 发展对象: stopped by the one-year rule,
 *   then done with an override and its reason;
 * - the dashboard shows the numbers of the seeded data (computed here from the database);
 * - a secretary issues a binding code, the owner binds with it, an unbinding issues a new one, and the
 *   printable sheet lists every unbound member;
 * - each export downloads a real .xlsx with the right rows.
 * Needs `npm run build:h5` first (npm test does it) and /usr/bin/chromium.
 */
import ExcelJS from 'exceljs'
import { readFileSync } from 'node:fs'
import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { DEFAULT_COLLEGE_SETTINGS } from '../../cloudfunctions/_shared/domain'
import type { MemberDoc } from '../../cloudfunctions/_shared/models'
import { owedPeriods, periodOf, shiftPeriod } from '../../cloudfunctions/_shared/periods'
import { chinaDay } from '../../cloudfunctions/_shared/time'
import type { DevStepDoc } from '../../cloudfunctions/development/src/file'
import { findDocs } from '../helpers/sdk'
import { readWorkbook, sheetText, sortedColumn } from '../helpers/workbook'
import { openFromMe, visiblePage, waitForPage } from './helpers/app'
import { hasChromium, settle } from './helpers/browser'
import { shooter } from './helpers/script'
import { tapTo } from './helpers/steps'
import { useE2ESession } from './helpers/world'

if (!hasChromium) console.warn('[e2e] skipped: /usr/bin/chromium is missing')

const today = chinaDay(new Date())

describe.skipIf(!hasChromium)('branch workspace in Chromium against the local cloud', () => {
  const session = useE2ESession()

  const { signIn } = session

  async function members(where: Record<string, unknown>): Promise<MemberDoc[]> {
    return findDocs<MemberDoc>(session.sdk, 'members', where)
  }

  async function xlsxRows(path: string, sheet: string): Promise<string[][]> {
    const found = (await readWorkbook(readFileSync(path))).getWorksheet(sheet)
    return found ? sheetText(found) : []
  }

  /** From 我的 → 成员名册, opens the named member's page. */
  async function openMember(page: Page, name: string): Promise<Locator> {
    const roster = await openFromMe(page, '成员名册', 'page-branch-members')
    return tapTo(roster.locator('[data-testid="member-row"]', { hasText: name }), 'page-branch-member')
  }

  it('the committee imports a roster with two bad rows and sees exactly those rows reported', async () => {
    const { page, errors } = await signIn('刘建国')
    const workspace = await openFromMe(page, '支部工作台', 'page-branch-workspace')
    const importer = await tapTo(workspace.locator('[data-testid="tool-import"]'), 'page-branch-import')

    const book = new ExcelJS.Workbook()
    const sheet = book.addWorksheet('名册')
    sheet.addRow(['学号', '姓名', '性别', '班级', '所在支部', '发展阶段', '递交入党申请书日期', '确定为积极分子日期'])
    sheet.addRow(['2025010301', '龚雨晴', '女', '计科2503', '计算机科学本科生党支部', '入党申请人', '2025-10-09', ''])
    sheet.addRow(['2025010302', '窦子航', '男', '计科2503', '计算机科学本科生党支部', '积极份子', '2025-10-09', ''])
    sheet.addRow([
      '2025020303',
      '甘若岚',
      '女',
      '软工2503',
      '软件工程本科生党支部',
      '入党积极分子',
      '2024-10-10',
      '2025-04-18',
    ])
    sheet.addRow(['2025020304', '柏一凡', '男', '软工2503', '软件工程本科生党支部', '入党申请人', '2025-13-01', ''])
    sheet.addRow(['2025110305', '巩晓棠', '女', '计算机硕2503', '研究生第一党支部', '入党申请人', '2025/10/20', ''])
    const buffer = Buffer.from(await book.xlsx.writeBuffer())

    const chooser = page.waitForEvent('filechooser')
    await importer.locator('[data-testid="import-pick"]').click()
    await (
      await chooser
    ).setFiles({
      name: '2025级新生名册.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer,
    })
    await importer.locator('[data-testid="import-summary"]').waitFor({ timeout: 30_000 })
    const reported = await importer.locator('[data-testid="import-error"]').allTextContents()
    expect(reported).toEqual([
      '第 3 行：阶段「积极份子」无法识别',
      '第 5 行：递交入党申请书日期「2025-13-01」不是有效日期',
    ])

    await importer.locator('[data-testid="import-commit"]').click()
    const done = importer.locator('[data-testid="import-done"]')
    await done.waitFor({ timeout: 30_000 })
    expect(await done.textContent()).toContain('新增 3 人')
    const imported = await members({
      className: session.sdk.database().command.in(['计科2503', '软工2503', '计算机硕2503']),
    })
    expect(imported.map((m) => m.name).sort()).toEqual(['巩晓棠', '甘若岚', '龚雨晴'].sort())
    expect(imported.find((m) => m.name === '甘若岚')?.stageDates).toEqual({
      applicant: '2024-10-10',
      activist: '2025-04-18',
    })
    expect(errors).toEqual([])
  }, 180_000)

  it('the dashboard shows the numbers of the seeded data', async () => {
    const { page, errors } = await signIn('陈立华')
    const dash = await openFromMe(page, '数据看板', 'page-dashboard')
    await dash.locator('[data-testid="dashboard-branch"]').waitFor({ timeout: 30_000 })
    await shooter('dashboard-', { settleMs: 500 })(page, 'secretary', true)

    const roster = await members({ branchId: 'branch-cs' })
    const current = periodOf(today, 'quarter')
    const previous = shiftPeriod(current, -1)
    const reports = await findDocs<{ memberId: string; period: string; status: string }>(session.sdk, 'reports', {
      branchId: 'branch-cs',
    })
    const submitted = (id: string, period: string) =>
      reports.some((r) => r.memberId === id && r.period === period && r.status !== 'draft')
    const owes = (m: MemberDoc, id: string) => owedPeriods(m, DEFAULT_COLLEGE_SETTINGS, today).some((p) => p.id === id)
    const owing = roster.filter((m) => owes(m, current.id))
    const handedIn = owing.filter((m) => submitted(m._id, current.id)).length
    expect(await dash.locator('[data-testid="report-count"]').textContent()).toBe(`${handedIn}/${owing.length}`)
    expect(await dash.locator('[data-testid="report-rate"]').textContent()).toBe(
      owing.length ? `${Math.round((handedIn / owing.length) * 100)}%` : '—',
    )
    const missed = roster.filter((m) => owes(m, previous.id) && !submitted(m._id, previous.id)).map((m) => m.name)
    const names = (await dash.locator('[data-testid="overdue-names"] .zbd-name').allTextContents()).map((t) =>
      t.split(' ')[0].trim(),
    )
    expect(names.sort()).toEqual(missed.sort())
    for (const stage of ['applicant', 'activist', 'candidate', 'probationary', 'full'] as const) {
      const n = roster.filter((m) => m.stage === stage).length
      expect(await dash.locator(`[data-testid="stage-bar-${stage}"]`).textContent()).toContain(`${n} 人`)
    }

    const month = Number(today.slice(5, 7))
    const year = Number(today.slice(0, 4))
    const semesterStart = Date.parse(
      `${month >= 8 ? year : month === 1 ? year - 1 : year}-${month >= 2 && month <= 7 ? '02' : '08'}-01T00:00:00+08:00`,
    )
    const meetings = (
      await findDocs<{ _id: string; status: string; startAt: Date; endAt: Date; attendees: { memberId: string }[] }>(
        session.sdk,
        'meetings',
        { branchId: 'branch-cs' },
      )
    ).filter(
      (m) =>
        m.status !== 'cancelled' &&
        new Date(m.endAt).getTime() <= Date.now() &&
        new Date(m.startAt).getTime() >= semesterStart,
    )
    let expected = 0
    let present = 0
    for (const m of meetings) {
      const ids = new Set(m.attendees.map((a) => a.memberId))
      expected += ids.size
      present += (await findDocs<{ memberId: string }>(session.sdk, 'attendance', { meetingId: m._id })).filter((a) =>
        ids.has(a.memberId),
      ).length
    }
    expect(await dash.locator('[data-testid="attendance-meetings"]').textContent()).toBe(String(meetings.length))
    expect(await dash.locator('[data-testid="attendance-rate"]').textContent()).toBe(
      expected ? `${Math.round((present / expected) * 100)}%` : '—',
    )
    expect(errors).toEqual([])
  }, 180_000)

  it('a secretary is stopped by the one-year rule (a block), and records a late assessment with a reason (a warning)', async () => {
    const { page, errors } = await signIn('陈立华')
    let detail = await openMember(page, '张欣怡')
    await detail.locator('[data-testid="next-blockers"]').waitFor({ timeout: 30_000 })
    expect(await detail.locator('[data-testid="next-blockers"]').textContent()).toContain('尚不能确定为发展对象')

    // 确定发展对象 is step 7 of the file: the same rules, a hard block before one year, no override offered.
    let form = await tapTo(detail.locator('[data-testid="move-next"]'), 'page-branch-stage')
    await form.locator('[data-testid="stage-form"]').waitFor({ timeout: 30_000 })
    expect(await form.locator('[data-testid="stage-rules"]').textContent()).toContain('第十三条')
    await form.locator('[data-testid="form-submit"]').click()
    const error = form.locator('[data-testid="form-error"]')
    await error.waitFor({ timeout: 30_000 })
    expect(await error.textContent()).toContain('尚不能确定为发展对象')
    expect(await form.locator('[data-testid="form-override"]').count()).toBe(0)
    const [zhang] = await members({ studentNo: '2022010107' })
    expect(zhang.stage).toBe('activist')
    expect(await findDocs<DevStepDoc>(session.sdk, 'devSteps', { memberId: zhang._id, step: 7 })).toEqual([])
    // Back to the roster (stage page → member page → roster).
    await page.goBack()
    await waitForPage(page, 'page-branch-member', 30_000)
    await page.goBack()
    await waitForPage(page, 'page-branch-members', 30_000)

    // 赵一鸣's second assessment is late: a warning, recorded with a reason that the file and the page keep.
    detail = await tapTo(
      visiblePage(page, 'page-branch-members').locator('[data-testid="member-row"]', { hasText: '赵一鸣' }),
      'page-branch-member',
    )
    form = await tapTo(detail.locator('[data-testid="record-assess"]'), 'page-branch-stage')
    await form.locator('[data-testid="form-submit"]').click()
    await form.locator('[data-testid="form-error"]').waitFor({ timeout: 30_000 })
    expect(await form.locator('[data-testid="form-error"]').textContent()).toContain('间隔超过 6 个月')
    const reason = form.locator('[data-testid="form-override"]').locator('textarea')
    await reason.fill('培养联系人外出挂职，经支委会研究顺延考察')
    await tapTo(form.locator('[data-testid="form-submit"]'), 'page-branch-member')
    await settle(page)
    const [zhao] = await members({ studentNo: '2022010219' })
    const [step6] = await findDocs<DevStepDoc>(session.sdk, 'devSteps', { memberId: zhao._id, step: 6 })
    expect(step6.facts.assessments).toContain(today)
    expect(step6.override?.reason).toContain('顺延考察')
    await expect
      .poll(
        async () =>
          visiblePage(page, 'page-branch-member').locator('[data-testid="event-override"]').first().textContent(),
        { timeout: 30_000 },
      )
      .toContain('顺延考察')
    expect(errors).toEqual([])
  }, 180_000)

  it('a secretary hands out a binding code, the owner binds with it, and an unbinding issues a new one', async () => {
    const { page, errors } = await signIn('陈立华')
    let detail = await openMember(page, '陈浩然')
    await detail.locator('[data-testid="issue-code"]').click()
    const value = detail.locator('[data-testid="issued-code-value"]')
    await value.waitFor({ timeout: 30_000 })
    const code = (await value.textContent())?.trim() ?? ''
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/)
    await expect
      .poll(() => detail.locator('[data-testid="binding-state"]').textContent(), { timeout: 30_000 })
      .toContain('已发放绑定码')

    // The owner, on their own phone: a new WeChat user binds with 学号 + 姓名 + the code.
    const owner = await session.newPhone()
    await owner.page.goto(`${session.cloud.url}/`)
    await waitForPage(owner.page, 'page-persona')
    const bind = await tapTo(owner.page.locator('[data-testid="persona-fresh"]'), 'page-bind')
    await bind.locator('input').nth(0).fill('2023010215')
    await bind.locator('input').nth(1).fill('陈浩然')
    await bind.locator('input').nth(2).fill(code.toLowerCase())
    await tapTo(bind.locator('[data-testid="bind-submit"]'), 'page-me')
    const [chen] = await members({ studentNo: '2023010215' })
    expect(chen.openid).toMatch(/^dev-new-/)

    // Back on the secretary's phone: the member is bound; unbinding needs a reason and gives a new code.
    await page.goBack()
    const back = await waitForPage(page, 'page-branch-members', 30_000)
    detail = await tapTo(back.locator('[data-testid="member-row"]', { hasText: '陈浩然' }), 'page-branch-member')
    await expect
      .poll(() => detail.locator('[data-testid="binding-state"]').textContent(), { timeout: 30_000 })
      .toContain('已绑定微信')
    await detail.locator('[data-testid="unbind"]').click()
    await detail.locator('[data-testid="unbind-reason"]').locator('textarea').fill('本人更换了微信')
    await detail.locator('[data-testid="unbind-confirm"]').click()
    await expect
      .poll(async () => (await detail.locator('[data-testid="issued-code-value"]').textContent())?.trim(), {
        timeout: 30_000,
      })
      .not.toBe(code)
    const [after] = await members({ studentNo: '2023010215' })
    expect(after.openid).toBeNull()
    const [audit] = await findDocs<{ detail: Record<string, unknown> }>(session.sdk, 'audit', {
      targetId: chen._id,
      action: 'branch.unbind',
    })
    expect(audit.detail).toMatchObject({ openid: chen.openid, reason: '本人更换了微信' })

    // The printable sheet: every unbound member of the branch with a fresh code.
    await page.goBack()
    const list = await waitForPage(page, 'page-branch-members', 30_000)
    const codes = await tapTo(list.locator('[data-testid="open-bindcodes"]'), 'page-branch-bindcodes')
    await codes.locator('[data-testid="bindcode-generate"]').click()
    await codes.locator('[data-testid="bindcode-sheet"]').waitFor({ timeout: 30_000 })
    const unbound = await members({ branchId: 'branch-cs', openid: null })
    expect(await codes.locator('[data-testid="bindcode-line"]').count()).toBe(unbound.length)
    expect(await codes.locator('[data-testid="bindcode-line"]', { hasText: '陈浩然' }).textContent()).toContain(
      '2023010215',
    )
    expect(errors).toEqual([])
    expect(owner.errors).toEqual([])
  }, 180_000)

  it('each export downloads a real .xlsx with the right rows', async () => {
    const { page, errors } = await signIn('陈立华')
    const workspace = await openFromMe(page, '支部工作台', 'page-branch-workspace')
    const exportsPage = await tapTo(workspace.locator('[data-testid="tool-exports"]'), 'page-branch-exports')
    await exportsPage.locator('[data-testid="export-members"]').waitFor({ timeout: 30_000 })

    async function download(kind: string): Promise<string> {
      const pending = page.waitForEvent('download', { timeout: 60_000 })
      await exportsPage.locator(`[data-testid="export-${kind}"]`).click()
      const file = await pending
      expect(file.suggestedFilename()).toMatch(/\.xlsx$/)
      return (await file.path()) as string
    }

    const roster = await members({ branchId: 'branch-cs' })
    const memberRows = await xlsxRows(await download('members'), '名册')
    expect(memberRows[0].slice(0, 6)).toEqual(['学号', '姓名', '性别', '班级', '所在支部', '发展阶段'])
    expect(sortedColumn(memberRows, 0)).toEqual(roster.map((m) => m.studentNo).sort())

    const reportRows = await xlsxRows(await download('reports'), '汇报情况')
    const current = periodOf(today, 'quarter')
    const since = shiftPeriod(current, -3).start
    const owing = roster.filter((m) => owedPeriods(m, DEFAULT_COLLEGE_SETTINGS, today).some((p) => p.start >= since))
    expect(reportRows[0]).toContain(current.label)
    expect(sortedColumn(reportRows, 0)).toEqual(owing.map((m) => m.studentNo).sort())

    const meetingRows = await xlsxRows(await download('attendance'), '会议出勤')
    const yearAgo = Date.now() - 365 * 86_400_000
    const held = (
      await findDocs<{ title: string; status: string; endAt: Date }>(session.sdk, 'meetings', { branchId: 'branch-cs' })
    ).filter(
      (m) =>
        m.status !== 'cancelled' && new Date(m.endAt).getTime() <= Date.now() && new Date(m.endAt).getTime() >= yearAgo,
    )
    expect(sortedColumn(meetingRows, 3)).toEqual(held.map((m) => m.title).sort())
    expect(errors).toEqual([])
  }, 180_000)
})
