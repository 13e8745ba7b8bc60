/**
 * Dues on the weapp build (issue #18): a 预备党员 pays three owed months through WeChat Pay's sheet (the
 * renderer pays through the local cloud's pay emulation, which notifies the function like WeChat).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BranchDues, DuesHome } from '../../cloudfunctions/dues/src/contract'
import type { DuesExemptionDoc, DuesPaymentDoc } from '../../cloudfunctions/dues/src/model'
import { demoOpenid } from '../../local-cloud/src/seed/people'
import { startLocalCloud, type LocalCloud } from '../helpers/cloud'
import { memberIdOf } from '../helpers/members'
import { adminSdk, findDocs } from '../helpers/sdk'
import { WeappApp } from './weapp'

let cloud: LocalCloud
let app: WeappApp | null = null

beforeAll(async () => {
  cloud = await startLocalCloud()
})

afterAll(async () => {
  app?.close()
  await cloud?.stop()
})

describe('weapp: dues', () => {
  it('a probationary member chooses three owed months and pays them with WeChat Pay', async () => {
    const openid = demoOpenid('2021010230') // 徐明轩
    const home = await cloud.call<{ ok: true; data: DuesHome }>('dues', { action: 'home' }, openid)
    const third = home.data.months[2]
    app = await WeappApp.launch({ cloudUrl: cloud.url, openid, payments: 'pay' }, 'packages/dues/pay/index', {})
    await app.page.waitForText('欠交月数')
    await app.page.tap(third.label)
    await app.page.waitForText('已选 3 个月，合计 0.60 元')
    await app.page.tap('微信支付')
    // The page polls the order until the notification has reached the function, then says so.
    for (let i = 0; i < 50 && !app.toasts.includes('交纳成功'); i++) await new Promise((r) => setTimeout(r, 200))
    expect(app.toasts).toContain('交纳成功')
    await app.page.waitForText(/欠交月数/)
    expect(app.errors).toEqual([])
    const paid = await findDocs<DuesPaymentDoc>(adminSdk(cloud.url), 'duesPayments', {
      memberId: memberIdOf('2021010230'),
    })
    expect(paid.map((p) => p.month).sort()).toEqual(home.data.months.slice(0, 3).map((m) => m.month))
  })

  it('代缴: a member authorised by the secretary pays another member’s oldest month', async () => {
    const zheng = memberIdOf('2021020220')
    const granted = await cloud.call<{ ok: boolean }>(
      'dues',
      { action: 'authorizeProxy', memberId: zheng, payerStudentNo: '2020010111', reason: '本人外出实习' },
      demoOpenid('2020020102'),
    )
    expect(granted.ok).toBe(true)
    app?.close()
    app = await WeappApp.launch(
      { cloudUrl: cloud.url, openid: demoOpenid('2020010111'), payments: 'pay' },
      'packages/dues/pay/index',
      {},
    )
    await app.page.waitForText(/为\s*郑凯文\s*代缴党费/)
    await app.page.tap(/为\s*郑凯文\s*代缴党费/)
    expect(app.page.route).toBe('packages/dues/pay/index')
    await app.page.waitForText(/为\s*郑凯文\s*代缴党费（经支部书记同意）/)
    const home = await cloud.call<{ ok: true; data: DuesHome }>(
      'dues',
      { action: 'home', forMemberId: zheng },
      demoOpenid('2020010111'),
    )
    const oldest = home.data.months.find((m) => m.status === 'owed')
    if (!oldest) throw new Error('郑凯文 owes nothing')
    await app.page.tap(oldest.label)
    await app.page.tap('微信支付')
    for (let i = 0; i < 50 && !app.toasts.includes('交纳成功'); i++) await new Promise((r) => setTimeout(r, 200))
    expect(app.toasts).toContain('交纳成功')
    expect(app.errors).toEqual([])
    const paid = await findDocs<DuesPaymentDoc>(adminSdk(cloud.url), 'duesPayments', {
      memberId: zheng,
      month: oldest.month,
    })
    expect(paid[0]).toMatchObject({ method: 'wechat', recordedBy: memberIdOf('2020010111') })
  })

  it('减交: the secretary switches the exemption form to 申请减交 and asks for a reduced amount', async () => {
    const secretary = demoOpenid('T2016003') // 陈立华, branch-cs
    const branch = await cloud.call<{ ok: true; data: BranchDues }>('dues', { action: 'branch' }, secretary)
    // Nobody asks for their own exemption: another member who owes.
    const row = branch.data.rows.find((r) => r.owedMonths.length > 0 && r.memberId !== memberIdOf('T2016003'))
    if (!row) throw new Error('nobody else in branch-cs owes dues')
    app?.close()
    app = await WeappApp.launch({ cloudUrl: cloud.url, openid: secretary }, 'packages/dues/branch/index', {})
    await app.page.waitForText(row.name)
    await app.page.tap(row.name)
    await app.page.waitForText('申请减交')
    await app.page.tap('申请减交')
    await app.page.input('减交后每月（元）', '0.1')
    await app.page.input('理由（如家庭经济困难', '家庭经济困难，经支部大会讨论')
    await app.page.tap('提交申请')
    expect(app.toasts).toContain('已提交')
    expect(app.errors).toEqual([])
    const asked = await findDocs<DuesExemptionDoc>(adminSdk(cloud.url), 'duesExemptions', { memberId: row.memberId })
    expect(asked.map((e) => [e.kind, e.monthlyFen, e.status])).toEqual([['reduce', 10, 'pending']])
  })
})
