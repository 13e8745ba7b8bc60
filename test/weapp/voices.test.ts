/**
 * 民主评议党员 on the weapp build (issue #20): the graduate branch's secretary starts it from the managers'
 * page, its five Party members hand in their anonymous peer sheets on the appraisal page, the secretary
 * closes it and sees the tallies, the 优秀 quota refuses a second 优秀, and a member sees their own grade.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoOpenid } from '../../local-cloud/src/seed/people'
import { startLocalCloud, type LocalCloud } from '../helpers/cloud'
import { memberIdOf } from '../helpers/members'
import { WeappApp, type WeappPage } from './weapp'

let cloud: LocalCloud
let app: WeappApp | null = null

const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear()
const appraisalId = `ap-${year}-branch-grad`
const MEMBERS = [
  { no: '2021110101', name: '周志远' },
  { no: '2023120104', name: '邓皓轩' },
  { no: '2023120112', name: '许静怡' },
  { no: '2022110106', name: '傅晨阳' },
  { no: '2022110113', name: '沈清妍' },
]
const SECRETARY = demoOpenid('2021110101')

beforeAll(async () => {
  cloud = await startLocalCloud()
})

afterAll(async () => {
  app?.close()
  await cloud?.stop()
})

async function open(openid: string, route: string, query: Record<string, string> = {}): Promise<WeappPage> {
  app?.close()
  app = await WeappApp.launch({ cloudUrl: cloud.url, openid }, route, query)
  return app.page
}

/** Taps every chip showing exactly `label` (one per member row), in order. */
async function tapEach(page: WeappPage, label: string): Promise<number> {
  const chips = page.tappables().filter((n) => page.textOf(n) === label)
  for (const chip of chips) await page.tap(chip)
  return chips.length
}

describe('weapp: 民主评议党员', () => {
  it('the self-appraisal shows what was handed in, and a draft survives closing the page', async () => {
    // 孙雅琪 handed hers in (seed): the form opens with it.
    const csId = `ap-${year}-branch-cs`
    let page = await open(demoOpenid('2020010111'), 'packages/voices/appraisal/index', { id: csId })
    await page.waitForText('更新自我评价')
    expect(page.text()).not.toContain('还需 20 字')
    // 徐明轩 has not: what he types is still there when he comes back.
    const draft = '一年来坚持参加组织生活，按时提交思想汇报，在班级学风建设中发挥了带头作用。'
    const storage = new Map<string, string>()
    // Closing the page and opening it again keeps the phone's storage.
    const reopen = async (): Promise<WeappApp> => {
      app?.close()
      app = await WeappApp.launch(
        { cloudUrl: cloud.url, openid: demoOpenid('2021010230'), storage },
        'packages/voices/appraisal/index',
        { id: csId },
      )
      return app
    }
    page = (await reopen()).page
    await page.waitForText('还需 20 字')
    await page.input('对照党员标准', draft)
    const reopened = await reopen()
    page = reopened.page
    await page.waitForText('提交自我评价')
    expect(page.text()).not.toContain('还需 20 字')
    expect(reopened.errors).toEqual([])
  })

  it('the secretary starts it, five members appraise, the tallies show, the quota holds, each sees their grade', async () => {
    let page = await open(SECRETARY, 'packages/voices/manage/index')
    await page.waitForText('研究生第一党支部')
    await page.tap('开展')
    // The branch's 组织生活会 of the year is offered first; the appraisal is held with it.
    await page.waitForText('结合的组织生活会')
    expect(page.text()).toContain('年度组织生活会暨民主评议党员')
    await page.tap('确认开展')
    expect(app?.modals.at(-1)?.title).toBe('开展民主评议')
    expect(app?.modals.at(-1)?.content).toContain('结合')
    await page.waitForText(/互评/)

    for (const m of MEMBERS) {
      page = await open(demoOpenid(m.no), 'packages/voices/appraisal/index', { id: appraisalId })
      await page.waitForText('党员互评（无记名）')
      expect(await tapEach(page, '合格')).toBe(4)
      await page.tap('提交互评')
      await page.waitForText('你的互评表已无记名计入统计')
      expect(app?.toasts).toContain('互评已提交')
      expect(app?.errors).toEqual([])
    }

    page = await open(SECRETARY, 'packages/voices/appraisal/index', { id: appraisalId })
    await page.waitForText('结束互评，查看票数')
    await page.tap('结束互评，查看票数')
    await page.waitForText('互评统计与评定')
    expect(page.text()).toMatch(/合格 4 · 100 ?%/)
    expect(page.text()).toContain('本人的等次由支部其他委员或院党委评定')
    expect(page.text()).toContain('结合')

    // 傅晨阳, 组织委员 (支委): sees the tallies and grades others, his own row has no choices; no close or publish.
    const fuPage = await open(demoOpenid('2022110106'), 'packages/voices/appraisal/index', { id: appraisalId })
    await fuPage.waitForText('互评统计与评定')
    expect(fuPage.text()).not.toContain('公布评议结果')
    expect(fuPage.tappables().filter((n) => fuPage.textOf(n) === '优秀')).toHaveLength(4)
    expect(app?.errors).toEqual([])
    page = await open(SECRETARY, 'packages/voices/appraisal/index', { id: appraisalId })
    await page.waitForText('互评统计与评定')

    // 优秀 for 傅晨阳, then for 沈清妍: one of five is the most one third allows.
    const rows = () => page.tappables().filter((n) => page.textOf(n) === '优秀')
    // The tallies list the members in roster order (student number); the secretary's own row has no grade choices.
    const rowOf = (name: string) =>
      MEMBERS.filter((m) => m.name !== '周志远')
        .sort((a, b) => a.no.localeCompare(b.no))
        .findIndex((m) => m.name === name)
    await page.tap(rows()[rowOf('傅晨阳')])
    await page.tap('保存评定')
    expect(app?.toasts).toContain('已评定')
    await page.waitForText(/优秀 1 ?\/ ?1/)
    await page.tap(rows()[rowOf('沈清妍')])
    await page.tap('保存评定')
    expect(app?.toasts.some((t) => t.includes('三分之一'))).toBe(true)

    // The rest through the function, then publish on the page.
    for (const m of MEMBERS.filter((x) => !['傅晨阳', '周志远'].includes(x.name))) {
      const r = await cloud.call<{ ok: boolean }>(
        'voices',
        { action: 'decideGrade', appraisalId, memberId: memberIdOf(m.no), grade: 'qualified' },
        SECRETARY,
      )
      expect(r.ok).toBe(true)
    }
    const own = await cloud.call<{ ok: boolean }>(
      'voices',
      { action: 'decideGrade', appraisalId, memberId: memberIdOf('2021110101'), grade: 'qualified' },
      demoOpenid('T2009001'),
    )
    expect(own.ok).toBe(true)
    page = await open(SECRETARY, 'packages/voices/appraisal/index', { id: appraisalId })
    await page.waitForText('公布评议结果')
    await page.tap('公布评议结果')
    await page.waitForText('结果已公布')

    page = await open(demoOpenid('2022110106'), 'packages/voices/appraisal/index', { id: appraisalId })
    await page.waitForText('我的评议结果')
    expect(page.text()).toMatch(/我的评议结果\s*优秀/)
    page = await open(demoOpenid('2023120112'), 'packages/voices/appraisal/index', { id: appraisalId })
    await page.waitForText('我的评议结果')
    expect(page.text()).toMatch(/我的评议结果\s*合格/)
    expect(page.text()).not.toContain('互评统计与评定')
    expect(app?.errors).toEqual([])
  })
})
