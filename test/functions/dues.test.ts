import { describe, expect, it } from 'vitest'
import type { Result } from '../../cloudfunctions/_shared/envelope'
import { chinaDay, chinaMonth } from '../../cloudfunctions/_shared/time'
import type { BranchDues, DuesHome, PayStart, Statement } from '../../cloudfunctions/dues/src/contract'
import type { DuesOrderDoc, DuesPaymentDoc, DuesReconciliationDoc } from '../../cloudfunctions/dues/src/model'
import { addMonths } from '../../cloudfunctions/dues/src/rules'
import type { PayOrder } from '../../local-cloud/src/pay/pay-service'
import type { LocalCloud } from '../helpers/cloud'
import { person } from '../helpers/members'
import { type adminSdk, findDocs } from '../helpers/sdk'
import { useLocalCloud, outbox, runTimer } from '../helpers/suite'
import { data, expectError } from '../helpers/results'

/** Dues (issue #18) through the real SDK: WeChat cloud pay emulated by the local cloud. */
let cloud: LocalCloud
let sdk: ReturnType<typeof adminSdk>

const xu = person('徐明轩') // 预备党员 for three months, branch-cs, paid nothing
const zheng = person('郑凯文') // five months behind, branch-se
const fu = person('傅晨阳') // two months behind, branch-grad
const csSecretary = person('陈立华')
const seSecretary = person('林晓雯')
const gradSecretary = person('周志远')
const committee = person('刘建国')
const activist = person('张欣怡')

const current = chinaMonth(new Date())

const call = <T>(event: Record<string, unknown>, openid: string | null): Promise<Result<T>> =>
  cloud.call<Result<T>>('dues', event, openid)
const home = async (openid: string): Promise<DuesHome> => data(await call<DuesHome>({ action: 'home' }, openid))
const payments = (memberId: string) => findDocs<DuesPaymentDoc>(sdk, 'duesPayments', { memberId })
const orders = (memberId: string) => findDocs<DuesOrderDoc>(sdk, 'duesOrders', { memberId })

async function devPost(path: string, body: Record<string, unknown>, openid?: string): Promise<Response> {
  return fetch(`${cloud.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) },
    body: JSON.stringify(body),
  })
}
const prepayOf = (start: PayStart): string => start.payment.package.replace('prepay_id=', '')
const wechatOrders = async (): Promise<PayOrder[]> =>
  (await (await fetch(`${cloud.url}/api/dev/pay/orders`)).json()) as PayOrder[]
const wechatOrder = async (outTradeNo: string): Promise<PayOrder | undefined> =>
  (await wechatOrders()).find((o) => o.outTradeNo === outTradeNo)
const sentMessages = () => outbox(cloud)
const timer = () => runTimer<Result<{ closed: number; warned: number }>>(cloud, 'dues', 'duesTimer')

useLocalCloud((started, admin) => {
  cloud = started
  sdk = admin
})

describe('dues rules', () => {
  it('a 预备党员 owes 0.2 元 a month from the month of the branch meeting that admitted them, nothing in advance', async () => {
    const h = await home(xu.openid)
    expect(h.liable).toBe(true)
    expect(h.monthlyFen).toBe(20)
    const admitted = (
      await findDocs<{ stageDates: { probationary: string } }>(sdk, 'members', { _id: xu.id })
    )[0].stageDates.probationary.slice(0, 7)
    expect(h.months[0].month).toBe(admitted)
    expect(h.months[h.months.length - 1].month).toBe(current)
    expect(h.months.every((m) => m.status === 'owed' && m.amountFen === 20)).toBe(true)
    expect(h.behind).toBe(3)
  })

  it('not a Party member: nothing owed and nothing to pay', async () => {
    expect((await home(activist.openid)).liable).toBe(false)
    expectError(await call({ action: 'pay', months: [current] }, activist.openid), 'FAILED_PRECONDITION')
  })

  it('members with income pay by the college’s bands (陈立华: 6500 元 at 1.5 %)', async () => {
    expect((await home(csSecretary.openid)).monthlyFen).toBe(9750)
  })

  it('the order amount is the server’s: a client amount, an advance month, a gap or too many months are refused and nothing is stored', async () => {
    const h = await home(xu.openid)
    const owed = h.months.map((m) => m.month)
    expectError(await call({ action: 'pay', months: owed.slice(0, 3), totalFee: 1 }, xu.openid), 'INVALID_ARGUMENT')
    expectError(await call({ action: 'pay', months: [addMonths(current, 1)] }, xu.openid), 'INVALID_ARGUMENT')
    expectError(await call({ action: 'pay', months: [owed[1]] }, xu.openid), 'INVALID_ARGUMENT')
    const seven = Array.from({ length: 7 }, (_, i) => addMonths(owed[0], i))
    expect(expectError(await call({ action: 'pay', months: seven }, xu.openid), 'INVALID_ARGUMENT').message).toContain(
      '6 个月',
    )
    expect(await orders(xu.id)).toEqual([])
    expect(await wechatOrders()).toEqual([])
  })
})

describe('warnings at 3 and 5 months behind', () => {
  it('the timer warns by subscribe message once, and the secretary’s list shows the level', async () => {
    // A member whose relation has moved out (组织关系转出: no branch) owes the receiving organisation, not us.
    const [zhengDoc] = await findDocs<Record<string, unknown> & { _id: string }>(sdk, 'members', { _id: zheng.id })
    const { _id: _zhengId, ...moved } = zhengDoc
    await sdk
      .database()
      .collection('members')
      .add({
        data: {
          ...moved,
          _id: 'mb00000000000000000a1e',
          studentNo: '2099000001',
          openid: 'o-dev-moved-out',
          branchId: null,
        },
      })
    data(await timer())
    const sent = (await sentMessages()).filter((m) => m.templateId === 'dues-reminder')
    expect(sent.map((m) => m.touser).sort()).toEqual([xu.openid, zheng.openid].sort())
    expect(sent.find((m) => m.touser === zheng.openid)?.data.thing2.value).toContain('5个月')
    data(await timer())
    expect((await sentMessages()).filter((m) => m.templateId === 'dues-reminder')).toHaveLength(2)
    const se = data(await call<BranchDues>({ action: 'branch' }, seSecretary.openid))
    expect(se.rows[0]).toMatchObject({ name: zheng.name, behind: 5, warning: 5 })
    const cs = data(await call<BranchDues>({ action: 'branch' }, csSecretary.openid))
    expect(cs.rows.find((r) => r.name === xu.name)).toMatchObject({ behind: 3, warning: 3 })
    const grad = data(await call<BranchDues>({ action: 'branch' }, gradSecretary.openid))
    expect(grad.rows.find((r) => r.name === fu.name)).toMatchObject({ behind: 2, warning: 0 })
    expectError(await call({ action: 'branch', branchId: 'branch-se' }, csSecretary.openid), 'FORBIDDEN')
    expectError(await call({ action: 'branch' }, xu.openid), 'FORBIDDEN')
    expectError(await call({ action: 'tick' }, committee.openid), 'FORBIDDEN')
  })
})

describe('paying with WeChat Pay', () => {
  let start: PayStart

  it('a probationary member pays three owed months; the notification arrives twice and the months are paid once', async () => {
    const before = data(await call<Statement>({ action: 'statement', year: Number(current.slice(0, 4)) }, xu.openid))
    const owed = (await home(xu.openid)).months.map((m) => m.month)
    start = data(await call<PayStart>({ action: 'pay', months: owed.slice(0, 3) }, xu.openid))
    expect(start.totalFee).toBe(60)
    expect(start.payment.package).toMatch(/^prepay_id=wx/)
    expect((await wechatOrder(start.outTradeNo))?.totalFee).toBe(60)
    expect((await home(xu.openid)).pendingOrder?.outTradeNo).toBe(start.outTradeNo)
    // Another order while this one is open is refused.
    expectError(await call({ action: 'pay', months: [owed[3]] }, xu.openid), 'CONFLICT')

    // Only the payer can pay on the sheet.
    expect((await devPost('/api/dev/pay/confirm', { prepayId: prepayOf(start) }, fu.openid)).status).toBe(409)
    const res = await devPost('/api/dev/pay/confirm', { prepayId: prepayOf(start), notifications: 2 }, xu.openid)
    expect(res.status).toBe(200)
    const wx = await wechatOrder(start.outTradeNo)
    expect(wx?.state).toBe('SUCCESS')
    expect(wx?.notifications.map((n) => n.answered)).toEqual([true, true])
    expect((await devPost('/api/dev/pay/notify', { outTradeNo: start.outTradeNo })).ok).toBe(true)

    const paid = await payments(xu.id)
    expect(paid.map((p) => p.month).sort()).toEqual(owed.slice(0, 3))
    expect(paid.every((p) => p.method === 'wechat' && p.orderId === start.outTradeNo && p.amountFen === 20)).toBe(true)
    const [order] = await orders(xu.id)
    expect(order).toMatchObject({ state: 'paid', transactionId: wx?.transactionId })
    const h = await home(xu.openid)
    expect(h.months.filter((m) => m.status === 'paid')).toHaveLength(3)
    expect(h.behind).toBe(0)
    expect(h.pendingOrder).toBeNull()
    expect(
      data(await call<{ state: string }>({ action: 'orderStatus', outTradeNo: start.outTradeNo }, xu.openid)).state,
    ).toBe('paid')
    expectError(await call({ action: 'orderStatus', outTradeNo: start.outTradeNo }, fu.openid), 'NOT_FOUND')

    const cs = data(await call<BranchDues>({ action: 'branch' }, csSecretary.openid))
    expect(cs.rows.find((r) => r.name === xu.name)).toMatchObject({ behind: 0, warning: 0 })
    expect(cs.monthly.find((m) => m.month === current)?.payments).toBeGreaterThanOrEqual(3)
    const after = data(await call<Statement>({ action: 'statement', year: Number(current.slice(0, 4)) }, xu.openid))
    expect(after.total.receivedFen - before.total.receivedFen).toBe(60)
    expect(after.lines.find((l) => l.branchId === 'branch-cs')?.receivedFen).toBe(
      (before.lines.find((l) => l.branchId === 'branch-cs')?.receivedFen ?? 0) + 60,
    )
  })

  it('a made-up notification sent by a client pays nothing (the function asks WeChat)', async () => {
    const owed = (await home(xu.openid)).months.filter((m) => m.status === 'owed').map((m) => m.month)
    const open = data(await call<PayStart>({ action: 'pay', months: [owed[0]] }, xu.openid))
    const forged = {
      returnCode: 'SUCCESS',
      resultCode: 'SUCCESS',
      outTradeNo: open.outTradeNo,
      totalFee: open.totalFee,
      transactionId: '4200000000000000000000099999',
      subMchId: '1900000109',
    }
    const answer = await cloud.call<{ errcode: number }>('dues', forged, xu.openid)
    expect(answer.errcode).toBe(0)
    expect((await orders(xu.id)).find((o) => o._id === open.outTradeNo)?.state).toBe('pending')
    expect((await payments(xu.id)).some((p) => p.month === owed[0])).toBe(false)
    // The payer closes the sheet: the order is closed with WeChat too.
    expect(
      data(await call<{ state: string }>({ action: 'cancelOrder', outTradeNo: open.outTradeNo }, xu.openid)).state,
    ).toBe('closed')
    expect((await wechatOrder(open.outTradeNo))?.state).toBe('CLOSED')
    expect((await devPost('/api/dev/pay/confirm', { prepayId: prepayOf(open) }, xu.openid)).status).toBe(409)
  })

  it('an unpaid order is closed by the timer once its time is up', async () => {
    const owed = (await home(xu.openid)).months.filter((m) => m.status === 'owed').map((m) => m.month)
    const open = data(await call<PayStart>({ action: 'pay', months: [owed[0]] }, xu.openid))
    data(await timer())
    expect((await orders(xu.id)).find((o) => o._id === open.outTradeNo)?.state).toBe('pending')
    await sdk
      .database()
      .collection('duesOrders')
      .doc(open.outTradeNo)
      .update({ data: { expiresAt: new Date(Date.now() - 1000) } })
    expect(data(await timer()).closed).toBe(1)
    expect((await orders(xu.id)).find((o) => o._id === open.outTradeNo)?.state).toBe('closed')
    expect((await wechatOrder(open.outTradeNo))?.state).toBe('CLOSED')
    expect((await home(xu.openid)).pendingOrder).toBeNull()
  })

  it('a paid order whose months were meanwhile paid in cash is refunded in full, and cash needs a receipt and another hand', async () => {
    const owed = (await home(zheng.openid)).months.filter((m) => m.status === 'owed').map((m) => m.month)
    const open = data(await call<PayStart>({ action: 'pay', months: owed.slice(0, 2) }, zheng.openid))
    expectError(
      await call(
        { action: 'recordCash', memberId: zheng.id, months: [owed[0]], receiptNo: 'DF-2026-0101' },
        csSecretary.openid,
      ),
      'NOT_FOUND',
    )
    expectError(
      await call(
        { action: 'recordCash', memberId: seSecretary.id, months: [current], receiptNo: 'DF-2026-0102' },
        seSecretary.openid,
      ),
      'FORBIDDEN',
    )
    expectError(
      await call({ action: 'recordCash', memberId: zheng.id, months: [owed[0]], receiptNo: '' }, seSecretary.openid),
      'INVALID_ARGUMENT',
    )
    const cash = data(
      await call<{ totalFen: number }>(
        { action: 'recordCash', memberId: zheng.id, months: [owed[0]], receiptNo: 'DF-2026-0103' },
        seSecretary.openid,
      ),
    )
    expect(cash.totalFen).toBe(20)
    const audit = await findDocs<{ action: string; detail: { after: { receiptNo: string } } }>(sdk, 'audit', {
      action: 'dues.recordCash',
      targetId: zheng.id,
    })
    expect(audit[0]?.detail.after.receiptNo).toBe('DF-2026-0103')

    expect((await devPost('/api/dev/pay/confirm', { prepayId: prepayOf(open) }, zheng.openid)).status).toBe(200)
    const order = (await orders(zheng.id)).find((o) => o._id === open.outTradeNo)
    expect(order?.state).toBe('refunded')
    expect(order?.refundReason).toContain('已通过其他方式交纳')
    const wx = await wechatOrder(open.outTradeNo)
    expect(wx?.state).toBe('REFUND')
    expect(wx?.refund?.refundFee).toBe(40)
    const mine = await payments(zheng.id)
    expect(mine.filter((p) => p.orderId === open.outTradeNo)).toEqual([])
    expect(mine.find((p) => p.month === owed[0])?.method).toBe('cash')
  })
})

describe('代缴: paying for another member with the secretary’s approval', () => {
  it('only an authorised payer pays, the amount is the member’s, and the months are the member’s', async () => {
    const payer = person('孙雅琪') // branch-cs, full member
    const zhengOwed = (await home(zheng.openid)).months.filter((m) => m.status === 'owed').map((m) => m.month)
    expectError(await call({ action: 'home', forMemberId: zheng.id }, payer.openid), 'FORBIDDEN')
    expectError(await call({ action: 'pay', months: [zhengOwed[0]], forMemberId: zheng.id }, payer.openid), 'FORBIDDEN')
    // The payer's own secretary cannot grant it for a member of another branch; the member's secretary can.
    expectError(
      await call(
        { action: 'authorizeProxy', memberId: zheng.id, payerStudentNo: payer.studentNo, reason: '本人外出实习' },
        csSecretary.openid,
      ),
      'NOT_FOUND',
    )
    expectError(
      await call(
        { action: 'authorizeProxy', memberId: zheng.id, payerStudentNo: seSecretary.studentNo, reason: '本人外出实习' },
        seSecretary.openid,
      ),
      'FORBIDDEN',
    )
    expect(
      data(
        await call<{ payerName: string }>(
          { action: 'authorizeProxy', memberId: zheng.id, payerStudentNo: payer.studentNo, reason: '本人外出实习' },
          seSecretary.openid,
        ),
      ).payerName,
    ).toBe(payer.name)

    const h = data(await call<DuesHome>({ action: 'home', forMemberId: zheng.id }, payer.openid))
    expect(h.forMember?.name).toBe(zheng.name)
    expect((await home(payer.openid)).proxies.map((p) => p.name)).toEqual([zheng.name])
    const start = data(
      await call<PayStart>({ action: 'pay', months: zhengOwed.slice(0, 2), forMemberId: zheng.id }, payer.openid),
    )
    expect(start.totalFee).toBe(40)
    expect((await devPost('/api/dev/pay/confirm', { prepayId: prepayOf(start) }, payer.openid)).status).toBe(200)
    const paid = (await payments(zheng.id)).filter((p) => p.orderId === start.outTradeNo)
    expect(paid.map((p) => p.month).sort()).toEqual(zhengOwed.slice(0, 2))
    expect(paid.every((p) => p.recordedBy === payer.id)).toBe(true)
    expect(await payments(payer.id).then((list) => list.some((p) => p.orderId === start.outTradeNo))).toBe(false)
    expect(
      data(await call<{ state: string }>({ action: 'orderStatus', outTradeNo: start.outTradeNo }, payer.openid)).state,
    ).toBe('paid')
  })
})

describe('exemptions, income, statement and reconciliation', () => {
  it('an exemption asked by the secretary is decided by the committee, never by the asker', async () => {
    const owed = (await home(fu.openid)).months.filter((m) => m.status === 'owed').map((m) => m.month)
    const { id } = data(
      await call<{ id: string }>(
        {
          action: 'requestExemption',
          memberId: fu.id,
          kind: 'exempt',
          fromMonth: owed[0],
          toMonth: owed[0],
          reason: '家庭经济困难，经支部大会讨论同意',
        },
        gradSecretary.openid,
      ),
    )
    expectError(
      await call({ action: 'decideExemption', exemptionId: id, approve: true }, gradSecretary.openid),
      'FORBIDDEN',
    )
    expectError(
      await call(
        {
          action: 'requestExemption',
          memberId: csSecretary.id,
          kind: 'exempt',
          fromMonth: current,
          toMonth: current,
          reason: '本人申请',
        },
        csSecretary.openid,
      ),
      'FORBIDDEN',
    )
    data(await call({ action: 'decideExemption', exemptionId: id, approve: true }, committee.openid))
    const h = await home(fu.openid)
    expect(h.months.find((m) => m.month === owed[0])?.status).toBe('exempt')
    expect(h.behind).toBe(1)
  })

  it('an income set by the secretary moves the member into a band', async () => {
    expect(
      data(
        await call<{ monthlyFen: number }>(
          { action: 'setIncome', memberId: fu.id, monthlyIncomeFen: 400000 },
          gradSecretary.openid,
        ),
      ).monthlyFen,
    ).toBe(4000)
    expect((await home(fu.openid)).monthlyFen).toBe(4000)
    expectError(
      await call({ action: 'setIncome', memberId: csSecretary.id, monthlyIncomeFen: 1 }, csSecretary.openid),
      'FORBIDDEN',
    )
    expectError(
      await call({ action: 'setIncome', memberId: fu.id, monthlyIncomeFen: 12.5 }, gradSecretary.openid),
      'INVALID_ARGUMENT',
    )
    expectError(
      await call({ action: 'setIncome', memberId: fu.id, monthlyIncomeFen: 400000 }, csSecretary.openid),
      'NOT_FOUND',
    )
  })

  it('uses are recorded by the committee and published to members', async () => {
    const year = Number(current.slice(0, 4))
    expectError(
      await call(
        { action: 'recordUse', branchId: 'branch-cs', day: chinaDay(new Date()), amountFen: 5000, note: '支部活动' },
        csSecretary.openid,
      ),
      'FORBIDDEN',
    )
    data(
      await call(
        {
          action: 'recordUse',
          branchId: 'branch-cs',
          day: chinaDay(new Date()),
          amountFen: 5000,
          note: '购买党员学习资料',
        },
        committee.openid,
      ),
    )
    const s = data(await call<Statement>({ action: 'statement', year }, activist.openid))
    expect(s.uses.some((u) => u.note === '购买党员学习资料' && u.amountFen === 5000)).toBe(true)
    expect(s.lines.find((l) => l.branchId === 'branch-cs')?.usedFen).toBeGreaterThanOrEqual(5000)
    expect(s.canRecordUse).toBe(false)
  })

  it('the daily reconciliation lists a payment WeChat took but this system never recorded', async () => {
    const owed = (await home(fu.openid)).months.filter((m) => m.status === 'owed').map((m) => m.month)
    const open = data(await call<PayStart>({ action: 'pay', months: [owed[0]] }, fu.openid))
    // The notification never arrives.
    expect(
      (await devPost('/api/dev/pay/confirm', { prepayId: prepayOf(open), notifications: 0 }, fu.openid)).status,
    ).toBe(200)
    expectError(await call({ action: 'reconcile', day: chinaDay(new Date()) }, csSecretary.openid), 'FORBIDDEN')
    const r = data(
      await call<{ mismatches: number }>({ action: 'reconcile', day: chinaDay(new Date()) }, committee.openid),
    )
    expect(r.mismatches).toBe(1)
    const [doc] = await findDocs<DuesReconciliationDoc>(sdk, 'duesReconciliations', {
      _id: `college-main:${chinaDay(new Date())}`,
    })
    expect(doc.mismatches[0]).toMatchObject({ outTradeNo: open.outTradeNo, problem: '微信已收款，本系统未记为已交纳' })
    expect(doc.billCount).toBe(4) // 徐明轩's, 郑凯文's (refunded later the same day), 孙雅琪's for 郑凯文 and this one
    // The late notification mends it; the next comparison is clean.
    expect((await devPost('/api/dev/pay/notify', { outTradeNo: open.outTradeNo })).ok).toBe(true)
    expect(
      data(await call<{ mismatches: number }>({ action: 'reconcile', day: chinaDay(new Date()) }, committee.openid))
        .mismatches,
    ).toBe(0)
  })

  it('the branch export is an .xlsx, audited', async () => {
    const r = data(await call<{ url: string; fileName: string }>({ action: 'exportBranch' }, csSecretary.openid))
    expect(r.fileName).toContain('.xlsx')
    const bytes = Buffer.from(await (await fetch(r.url)).arrayBuffer())
    expect(bytes.subarray(0, 2).toString()).toBe('PK')
    expect((await findDocs(sdk, 'audit', { action: 'dues.exportBranch' })).length).toBe(1)
  })
})
