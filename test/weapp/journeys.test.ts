/**
 * Journeys on the weapp build, driven by exparser tap and input events on rendered nodes, against the local cloud
 * through the real functions; what they store is read back with the real SDK.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { slotOf } from '../../cloudfunctions/meeting/src/codes'
import { openMeetingForm } from '../helpers/meeting-form'
import { findDocs } from '../helpers/sdk'
import { readSeeded, type Seeded } from './cases'
import { useWeappCloud } from './suite'

const world = useWeappCloud()
const { launch } = world
let seeded: Seeded

beforeAll(async () => {
  seeded = await readSeeded(world.cloud)
})

interface Envelope<T> {
  ok: boolean
  data: T
}

describe('weapp journeys', () => {
  it('a student checks in at a meeting by its 6-digit code', async () => {
    const { secretary, student } = seeded.personas
    const created = await world.cloud.call<Envelope<{ id: string }>>(
      'meeting',
      { action: 'create', ...openMeetingForm({ title: '渲染器签到主题党日' }) },
      secretary.openid,
    )
    expect(created.ok).toBe(true)
    const codes = await world.cloud.call<Envelope<{ serverNow: number; slots: { slot: number; code: string }[] }>>(
      'meeting',
      { action: 'checkInCode', meetingId: created.data.id },
      secretary.openid,
    )
    const code = (codes.data.slots.find((s) => s.slot === slotOf(codes.data.serverNow)) ?? codes.data.slots[0]).code

    const app = await launch(student.openid, 'pages/checkin/index')
    await app.page.waitForText('渲染器签到主题党日')
    await app.page.input('6 位签到码', code)
    await app.page.tap(/^签到$/)
    expect(app.errors).toEqual([])
    expect(app.toasts).toContain('签到成功')
    const attendance = await findDocs(world.sdk, 'attendance', {
      meetingId: created.data.id,
      memberId: student.memberId,
    })
    expect(attendance).toHaveLength(1)
  })

  it('a student starts and submits the daily quiz', async () => {
    const { student } = seeded.personas
    const app = await launch(student.openid, 'pages/quiz/index')
    await app.page.tap('开始每日答题')
    expect(app.page.route).toBe('packages/quiz/take/index')
    await app.page.waitForText('第 1 / 5 题')
    for (let i = 1; i <= 5; i++) {
      await app.page.waitForText(`第 ${i} / 5 题`)
      await app.page.tap(/^A\b/)
      await app.page.tap(i < 5 ? /^下一题$/ : /^交卷$/)
    }
    expect(app.modals.map((m) => m.title)).toContain('确认交卷')
    await app.idle()
    expect(app.page.route).toBe('packages/quiz/result/index')
    expect(app.errors).toEqual([])
    const attempts = await findDocs<{ kind: string; status: string }>(world.sdk, 'quizAttempts', {
      memberId: student.memberId,
      kind: 'daily',
    })
    expect(attempts.map((a) => a.status)).toContain('submitted')
  })

  it('a student saves a report draft', async () => {
    const student = await studentWhoCanWrite()
    const app = await launch(student.openid, 'packages/report/edit/index', { period: seeded.currentPeriod })
    await app.page.input('标题（选填）', '渲染器里写的思想汇报')
    await app.page.input('敬爱的党组织', '敬爱的党组织：这一季度我认真学习了党章，在志愿服务中找到了差距。')
    await app.page.tap(/^保存草稿$/)
    expect(app.errors).toEqual([])
    expect(app.toasts).toContain('草稿已保存')
    const [report] = await findDocs<{ draft: { title: string; body: string } | null }>(world.sdk, 'reports', {
      memberId: student.memberId,
      period: seeded.currentPeriod,
    })
    expect(report.draft?.title).toBe('渲染器里写的思想汇报')
    expect(report.draft?.body).toContain('志愿服务')
  })

  it('a secretary approves a report', async () => {
    const { secretary } = seeded.personas
    const pending = seeded.pendingReport
    const app = await launch(secretary.openid, 'pages/report/index')
    await app.page.waitForText(pending.memberName)
    await app.page.tap(pending.memberName)
    expect(app.page.route).toBe('packages/review/detail/index')
    await app.page.waitForText(pending.title)
    await app.page.tap(/^审阅通过$/)
    await app.page.input('写几句批注', '认识深刻，继续保持。')
    await app.page.tap(/^确认通过$/)
    expect(app.errors).toEqual([])
    expect(app.toasts).toContain('已通过')
    const [report] = await findDocs<{ status: string }>(world.sdk, 'reports', { _id: pending.id })
    expect(report.status).toBe('approved')
  })

  it('a list loads its next page (历史会议), and keeps answering taps after its 加载更多 Text lost its onClick', async () => {
    const app = await launch(seeded.personas.secretary.openid, 'packages/meeting/past/index')
    const before = app.page.text()
    const titlesBefore = countMatches(before, /已结束/g)
    expect(titlesBefore).toBeGreaterThan(0)
    // While page 2 loads, the Text shows 加载中… without onClick: @tarojs/runtime 4.2.1 threw `_num` here (NervJS/taro#19453).
    await app.page.tap(/^加载更多$/)
    expect(app.errors).toEqual([])
    await app.page.waitForText(/加载更多$|没有更多了$/)
    expect(countMatches(app.page.text(), /已结束/g)).toBeGreaterThan(titlesBefore)
    expect(app.page.text()).not.toContain('加载中…')
    // And the page still answers: the next 加载更多 loads again.
    const calls = app.calls.length
    if (app.page.text().endsWith('加载更多')) {
      await app.page.tap(/^加载更多$/)
      expect(app.calls.length).toBe(calls + 1)
      expect(app.errors).toEqual([])
    }
  })

  it('the committee dashboard refreshes twice (a Text that loses and regains its onClick)', async () => {
    const app = await launch(seeded.personas.committee.openid, 'packages/dashboard/index')
    for (let round = 1; round <= 2; round++) {
      const calls = app.calls.length
      await app.page.tap(/^刷新$/)
      expect(app.errors).toEqual([])
      expect(app.calls.length).toBe(calls + 1)
      await app.page.waitForText('刷新')
      expect(app.page.text()).not.toContain('正在刷新…')
    }
  })

  it('a column shows the read a reader just made when they come back to it (issue #16)', async () => {
    const { student } = seeded.personas
    const { columnId, columnName } = seeded.article
    const listed = await world.cloud.call<Envelope<{ items: { id: string; title: string; readCount: number }[] }>>(
      'study',
      { action: 'list', columnId },
      student.openid,
    )
    const marks = new Set(
      (await findDocs<{ articleId: string }>(world.sdk, 'studyMarks', { memberId: student.memberId })).map(
        (m) => m.articleId,
      ),
    )
    const article = listed.data.items.find((a) => !marks.has(a.id))
    if (!article) throw new Error(`the student has read every article of ${columnName}`)

    const app = await launch(student.openid, 'packages/study/column/index', { id: columnId, name: columnName })
    const shows = () => app.page.textOf(app.page.findTappable(article.title))
    expect(shows()).toContain(`阅读 ${article.readCount}`)
    await app.page.tap(article.title)
    expect(app.page.route).toBe('packages/study/article/index')
    await app.back()
    expect(app.page.route).toBe('packages/study/column/index')
    expect(shows()).toContain(`阅读 ${article.readCount + 1}`)
    expect(app.errors).toEqual([])
  })

  it('the dashboard trend names each report period with its year (issue #16)', async () => {
    const { secretary } = seeded.personas
    const dashboard = await world.cloud.call<Envelope<{ branches: { trend: { reports: { label: string }[] } }[] }>>(
      'branch',
      { action: 'dashboard' },
      secretary.openid,
    )
    const labels = dashboard.data.branches[0].trend.reports.map((p) => p.label)
    expect(labels.length).toBeGreaterThan(0)
    const app = await launch(secretary.openid, 'packages/dashboard/index')
    await app.page.waitForText('趋势')
    const text = app.page.text()
    for (const label of labels) expect(text).toMatch(new RegExp(label.replace(/^(\d{4}年)/, '$1\\s*')))
  })
})

/** A seeded student whose report for the running period is not submitted yet (none, a draft or returned). */
async function studentWhoCanWrite(): Promise<{ openid: string; memberId: string }> {
  const personas = (await (await fetch(`${world.cloud.url}/api/dev/personas`)).json()) as {
    openid: string
    memberId: string
    role: string
  }[]
  for (const p of personas.filter((x) => x.role === 'student')) {
    const [report] = await findDocs<{ status: string }>(world.sdk, 'reports', {
      memberId: p.memberId,
      period: seeded.currentPeriod,
    })
    if (!report || report.status === 'draft' || report.status === 'returned') return p
  }
  throw new Error(`no seeded student can still write for ${seeded.currentPeriod}`)
}

function countMatches(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0
}
