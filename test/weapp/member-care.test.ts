/**
 * Members away and moving on (issue #19) on the weapp build: the pages rendered from WeChat's compiled
 * templates and the build's own JS, driven by tap and input events, against the real functions; what they
 * store is read back with the real SDK.
 */
import { describe, expect, it } from 'vitest'
import { idNumberCheckDigit } from '../../cloudfunctions/member-care/src/contract'
import type { AwayDoc, ContactDoc, TalkDoc, TransferDoc } from '../../cloudfunctions/member-care/src/model'
import { demoOpenid } from '../../local-cloud/src/seed/people'
import { backdateContact, runCareTimer } from '../helpers/member-care'
import { outbox } from '../helpers/suite'
import { memberIdOf } from '../helpers/members'
import { findDocs } from '../helpers/sdk'
import { useWeappCloud } from './suite'
import { WeappApp } from './weapp'
import { COMMITTEE } from '../helpers/personas'

const world = useWeappCloud()
const { launch } = world

const XU = '2021010230' // 徐明轩, 预备党员 of branch-cs
const SUN = '2020010111' // 孙雅琪, 正式党员 of branch-cs
const SECRETARY = demoOpenid('T2016003') // 陈立华

/** A fictional 身份证号码 with its check digit (GB 11643). */
const validId = (first17: string): string => first17 + idNumberCheckDigit(first17)

describe('member-care on the weapp renderer', () => {
  it('a probationary member registers an internship, misses the contact, shows on the overdue list with a reminder sent, then reports in', async () => {
    const member = await launch(demoOpenid(XU), 'packages/member-care/away/index')
    await member.page.waitForText('外出类型')
    await member.page.inputAll({ 广东省深圳市: '江苏省苏州市工业园区', 手机号或微信号: '手机 137 0000 5678' })
    await member.page.tap('提交外出登记')
    expect(member.errors).toEqual([])
    expect(member.toasts).toContain('已登记')
    const [away] = await findDocs<AwayDoc>(world.sdk, 'careAway', { memberId: memberIdOf(XU), status: 'away' })
    expect(away).toMatchObject({ kind: 'internship', place: '江苏省苏州市工业园区' })

    await backdateContact(world.sdk, away._id, 100, 9)
    await runCareTimer(world.cloud)
    expect(
      (await outbox(world.cloud)).some((m) => m.touser === demoOpenid(XU) && m.templateId === 'care-contact-reminder'),
    ).toBe(true)

    const secretary = await launch(SECRETARY, 'packages/member-care/branch/index')
    await secretary.page.waitForText('徐明轩')
    expect(secretary.page.text()).toMatch(/徐明轩[\s\S]*报到逾期/)
    // The secretary records a contact with the first member away: the inline button waits for the note.
    await secretary.page.tap('登记联系情况')
    await secretary.page.tap('登记本次联系')
    expect(secretary.toasts).toContain('请写下联系方式和情况')
    await secretary.page.input('联系方式和情况', '电话联系，实习顺利')
    await secretary.page.tap('登记本次联系')
    expect(secretary.toasts).toContain('已登记')
    const contacts = await findDocs<ContactDoc>(world.sdk, 'careContacts', { text: '电话联系，实习顺利' })
    expect(contacts.map((c) => [c.kind, c.byName])).toEqual([['call', '陈立华']])
    expect(secretary.errors).toEqual([])

    const home = await launch(demoOpenid(XU), 'packages/member-care/index/index')
    await home.page.waitForText('报到已逾期')
    await home.page.input('近况', '在苏州实习，按时参加线上主题党日。')
    await home.page.tap('向支部报到')
    expect(home.toasts).toContain('已报到')
    await home.page.waitForText('外出中')
    expect(home.errors).toEqual([])
  })

  it('a member applies for a transfer, the secretary approves after both checks, the committee issues the letter', async () => {
    const member = await launch(demoOpenid(SUN), 'packages/member-care/transfer/index')
    await member.page.waitForText('接收党组织')
    await member.page.inputAll({
      某某科技有限公司: '北京一家软件企业',
      中共某某科技有限公司委员会: '中共北京某软件有限公司委员会',
      '18 位身份证号码': validId('11010820001010002'),
    })
    await member.page.tap('提交转接申请')
    expect(member.toasts).toContain('已提交')

    const secretary = await launch(SECRETARY, 'packages/member-care/branch/index', { tab: 'transfers' })
    await secretary.page.waitForText('孙雅琪')
    await secretary.page.tap(/已核对党费/)
    await secretary.page.tap(/已核对档案材料/)
    await secretary.page.tap('同意转出')
    expect(secretary.toasts).toContain('已同意')

    const committee = await launch(COMMITTEE, 'packages/member-care/branch/index', { tab: 'transfers' })
    await committee.page.waitForText('开具介绍信')
    await committee.page.tap(/^开具介绍信$/)
    const [t] = await findDocs<TransferDoc>(world.sdk, 'careTransfers', { memberId: memberIdOf(SUN) })
    expect(t.status).toBe('issued')
    expect(committee.toasts).toContain(`已开具 ${t.letter?.no ?? ''}`)
    expect([member.errors, secretary.errors, committee.errors]).toEqual([[], [], []])
  })

  it('a secretary records a talk; what was typed survives closing the page, and is forgotten once saved', async () => {
    const storage = new Map<string, string>()
    const open = () =>
      WeappApp.launch({ cloudUrl: world.cloud.url, openid: SECRETARY, storage }, 'packages/member-care/talk/index')
    let app = await open()
    await app.page.waitForText('谈话对象')
    // 谈话人 defaults to the secretary; 谈话对象 is the second list's chip (the first list chooses the 谈话人).
    const chips = app.page.tappables().filter((n) => app.page.textOf(n) === '吴佳怡（宣传委员）')
    expect(chips).toHaveLength(2)
    await app.page.tap(chips[1])
    await app.page.input('思想状况', '实习期间的思想状况')
    app.close()
    // Opened again: the chosen person and the topic come back from the draft, so saving needs no retyping.
    app = await open()
    await app.page.waitForText('谈话对象')
    await app.page.tap('保存谈话记录')
    expect(app.toasts).toContain('已记录')
    expect([...storage.keys()].filter((k) => k.startsWith('zbt:care-talk:'))).toEqual([])
    app.close()
    const talks = await findDocs<TalkDoc>(world.sdk, 'careTalks', { topic: '实习期间的思想状况' })
    expect(talks).toHaveLength(1)
    expect(talks[0]).toMatchObject({ aName: '陈立华', bName: '吴佳怡' })
  })
})
