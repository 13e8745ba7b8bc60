/**
 * The development file on the weapp build (issue #17): a secretary takes an activist through 确定发展对象
 * with a 公示 that spans a national holiday (the end date follows the calendar), records a branch meeting
 * whose vote has no quorum (refused with its message) and then one that has, and the student's checklist
 * shows what is still missing. Stored data is read back with the real SDK.
 */
import { describe, expect, it } from 'vitest'
import type { MemberDoc } from '../../cloudfunctions/_shared/models'
import { chinaDay } from '../../cloudfunctions/_shared/time'
import { demoOpenid } from '../../local-cloud/src/seed/people'
import { noticeAcrossHoliday, recordPastSteps } from '../helpers/development'
import { memberIdOf } from '../helpers/members'
import { findDocs } from '../helpers/sdk'
import { useWeappCloud } from './suite'
import { type WeappApp } from './weapp'

const world = useWeappCloud()
const SECRETARY = demoOpenid('T2016003')
const ZHAO = memberIdOf('2022010219')
const ZHOU = memberIdOf('2021010122')
const today = chinaDay(new Date())

const RULES_PAGE = 'packages/development/rules/index'

/** The development file's page (or `route`) as `openid`. */
function launch(
  openid: string,
  query: Record<string, string>,
  route = 'packages/development/file/index',
): Promise<WeappApp> {
  return world.launch(openid, route, query)
}

function formatDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

describe('weapp: the development file', () => {
  it('确定发展对象 with a 公示 across a holiday; the student then sees what is missing', async () => {
    const { eve, end } = await noticeAcrossHoliday(world.cloud, ZHAO, SECRETARY, today)

    const app = await launch(SECRETARY, { id: ZHAO })
    await app.page.waitForText('赵一鸣的发展纪实')
    await app.page.tap(/^登记$/)
    await app.page.waitForText('公示开始日期')
    const [date, start] = app.page.nodesOf('picker')
    await app.page.fire(date.node, 'change', { value: eve })
    await app.page.fire(start.node, 'change', { value: eve })
    await app.page.tap('确认登记')
    expect(app.errors).toEqual([])
    expect(app.toasts).toContain('已登记')
    await app.page.waitForText(`公示 ${formatDay(eve)} 至 ${formatDay(end)}`)
    const [member] = await findDocs<MemberDoc>(world.sdk, 'members', { _id: ZHAO })
    expect(member.stage).toBe('candidate')

    const student = await launch(demoOpenid('2022010219'), {})
    await student.page.waitForText('我的发展纪实')
    expect(student.page.text()).toMatch(/还缺 \d+ 项材料/)
    expect(student.page.text()).toContain('第 7 步：发展对象公示及结果')
    expect(student.page.text()).not.toContain('确认登记')
  })

  it('the branch meeting: a vote without quorum is refused with its message, then recorded', async () => {
    await recordPastSteps(world.cloud, ZHOU, SECRETARY, [
      [12, 3],
      [13, 2],
      [14, 1],
    ])
    const app = await launch(SECRETARY, { id: ZHOU })
    await app.page.waitForText('周俊杰的发展纪实')
    await app.page.tap(/^登记$/)
    await app.page.inputAll({ 应到人数: '20', 实到人数: '9', 赞成票: '9' })
    await app.page.tap('确认登记')
    await app.page.waitForText('应到 20 人，实到 9 人，未超过半数')
    await app.page.inputAll({ 实到人数: '16', 赞成票: '15', 反对票: '1' })
    await app.page.tap('确认登记')
    // 思想汇报 fewer than the college's number is a warning: recorded with a reason.
    if (app.page.text().includes('破例理由')) {
      await app.page.input('破例的理由', '纸质思想汇报已审阅，尚未录入系统')
      await app.page.tap('破例办理并登记')
    }
    expect(app.toasts).toContain('已登记')
    await app.page.waitForText('应到 20 人，实到 16 人；赞成 15，反对 1，弃权 0')
    expect(app.errors).toEqual([])
  })

  it('the committee adds a material item for the college on the rules page, with a Chinese error first', async () => {
    const COMMITTEE = demoOpenid('T2009001')
    const app = await launch(COMMITTEE, {}, RULES_PAGE)
    await app.page.waitForText('院党委可在国家规定的范围内调整')
    expect(app.page.text()).toContain('国家规定：必须遵守，5 个工作日')
    expect(app.page.text()).toContain('《中国共产党发展党员工作细则》第十九条')
    await app.page.tap('材料清单')
    await app.page.waitForText('各步骤材料清单')
    await app.page.input('如 发展对象公示回执', '公')
    await app.page.tap('增加材料')
    await app.page.waitForText('材料名称至少 2 个字')
    await app.page.input('如 发展对象公示回执', '发展对象公示回执')
    await app.page.tap('增加材料')
    await app.page.waitForText('本院增加')
    expect(app.toasts).toContain('已增加')
    const [college] = await findDocs<{
      settings: { development: { extraMaterials: { step: number; label: string }[] } }
    }>(world.sdk, 'colleges', {})
    expect(college.settings.development.extraMaterials).toEqual([
      expect.objectContaining({ step: 7, label: '发展对象公示回执' }),
    ])
    await app.page.tap(/^删除$/)
    expect(app.toasts).toContain('已删除')
    expect(app.errors).toEqual([])

    // A secretary reads the same rules with their sources, and has nothing to change.
    const secretary = await launch(SECRETARY, {}, RULES_PAGE)
    await secretary.page.waitForText('由院党委维护')
    expect(secretary.page.text()).toContain('《中国共产党发展党员工作细则》第七条')
    expect(secretary.page.text()).not.toContain('修改本院要求')
    expect(secretary.errors).toEqual([])
  })
})
