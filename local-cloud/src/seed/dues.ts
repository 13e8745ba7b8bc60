import { DEFAULT_DUES_SETTINGS, type DuesSettings } from '../../../cloudfunctions/_shared/domain'
import type { MemberDoc } from '../../../cloudfunctions/_shared/models'
import { chinaMonth } from '../../../cloudfunctions/_shared/time'
import type { DuesIncomeDoc, DuesOrderDoc, DuesPaymentDoc, DuesUseDoc } from '../../../cloudfunctions/dues/src/model'
import { addMonths, monthsOf } from '../../../cloudfunctions/dues/src/rules'
import { seedMemberId } from './people'

/**
 * Dues (党费) of the demo college: a year of history, mostly cash the secretaries collected (with
 * receipt numbers) and one WeChat Pay order, so every view has something to show. Deliberate gaps:
 * 徐明轩 (预备党员 for three months) has paid nothing yet, 郑凯文 is five months behind (on the warning
 * list), 傅晨阳 two months. The two staff members have incomes, so the bands apply to them.
 */
export const DEMO_SUB_MCH_ID = '1900000109'

/** Local practice of the demo college: collecting in the app for the last year, a demo merchant. */
export function demoDuesSettings(now: Date): DuesSettings {
  return { ...DEFAULT_DUES_SETTINGS, sinceMonth: addMonths(chinaMonth(now), -12), subMchId: DEMO_SUB_MCH_ID }
}

/** Months left unpaid at the end, by student number. */
const UNPAID_MONTHS: Record<string, number> = { '2021010230': 99, '2021020220': 5, '2022110106': 2 }

/** Monthly incomes (fen) of the staff members. */
const INCOMES: Record<string, number> = { T2016003: 650000, T2009001: 900000 }

/** The member with a WeChat Pay order in the history (reads-change-nothing looks it up). */
export const SEED_ORDER_ID = 'DFSEED0000000000001'

function at(month: string, day: number, hour = 10): Date {
  return new Date(`${month}-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+08:00`)
}

export function seedDues(
  base: { members: MemberDoc[] },
  now: Date,
): {
  duesPayments: DuesPaymentDoc[]
  duesOrders: DuesOrderDoc[]
  duesIncomes: DuesIncomeDoc[]
  duesUses: DuesUseDoc[]
} {
  const settings = demoDuesSettings(now)
  const current = chinaMonth(now)
  const committee = base.members.find((m) => m.roles.includes('committee'))
  const secretaryOf = (m: MemberDoc) =>
    base.members.find((s) => s.branchId === m.branchId && s.roles.includes('secretary') && s._id !== m._id) ?? committee
  const duesIncomes: DuesIncomeDoc[] = Object.entries(INCOMES).map(([no, fen]) => ({
    _id: `${seedMemberId(no)}:income`,
    monthlyIncomeFen: fen,
    setBy: committee?._id ?? '',
    setAt: now,
  }))
  const duesPayments: DuesPaymentDoc[] = []
  let receipt = 1
  for (const m of base.members) {
    const months = monthsOf({
      stage: m.stage,
      stageDates: m.stageDates,
      monthlyIncomeFen: INCOMES[m.studentNo] ?? null,
      settings,
      quarterly: false,
      paid: new Set(),
      pending: new Set(),
      exemptions: [],
      currentMonth: current,
    }).filter((x) => x.month < current)
    const paidCount = Math.max(0, months.length - (UNPAID_MONTHS[m.studentNo] ?? 0))
    for (const x of months.slice(0, paidCount)) {
      const paidAt = at(x.month, 8 + (receipt % 15))
      duesPayments.push({
        _id: `${m._id}:${x.month}`,
        memberId: m._id,
        memberName: m.name,
        branchId: m.branchId,
        collegeId: m.collegeId,
        month: x.month,
        amountFen: x.amountFen,
        method: 'cash',
        orderId: null,
        receiptNo: `DF${x.month.replace('-', '')}-${String(receipt++).padStart(4, '0')}`,
        paidAt,
        receivedMonth: x.month,
        recordedBy: secretaryOf(m)?._id ?? '',
      })
    }
  }
  // 孙雅琪 paid last month in the app.
  const sun = base.members.find((m) => m.studentNo === '2020010111')
  const last = addMonths(current, -1)
  const duesOrders: DuesOrderDoc[] = []
  const sunLast = duesPayments.find((p) => p.memberId === sun?._id && p.month === last)
  if (sun && sunLast) {
    const paidAt = at(last, 6, 21)
    Object.assign(sunLast, { method: 'wechat', orderId: SEED_ORDER_ID, receiptNo: null, paidAt, recordedBy: sun._id })
    duesOrders.push({
      _id: SEED_ORDER_ID,
      memberId: sun._id,
      memberName: sun.name,
      openid: sun.openid ?? '',
      branchId: sun.branchId,
      collegeId: sun.collegeId,
      months: [last],
      amounts: [sunLast.amountFen],
      totalFee: sunLast.amountFen,
      state: 'paid',
      subMchId: DEMO_SUB_MCH_ID,
      prepayId: 'wx-seed-prepay',
      createdAt: paidAt,
      expiresAt: new Date(paidAt.getTime() + 30 * 60_000),
      paidAt,
      transactionId: '4200000000000000000000000001',
      closedAt: null,
      refundedAt: null,
      refundReason: null,
    })
  }
  const use = (branchId: string | null, month: string, day: number, amountFen: number, note: string): DuesUseDoc => ({
    _id: `dues-use-${month}-${branchId ?? 'college'}`,
    collegeId: 'college-main',
    branchId,
    day: `${month}-${String(day).padStart(2, '0')}`,
    amountFen,
    note,
    attachment: null,
    recordedBy: committee?._id ?? '',
    recordedAt: at(month, day),
  })
  const duesUses = [
    use(
      null,
      addMonths(current, -8),
      12,
      48000,
      '订购《中国共产党章程》《习近平新时代中国特色社会主义思想学习纲要》学习读本 40 套',
    ),
    use('branch-cs', addMonths(current, -5), 20, 26000, '“重走长征路”主题党日活动参观交通费'),
    use('branch-se', addMonths(current, -3), 16, 15000, '支部党课学习资料印制'),
    use(null, addMonths(current, -1), 8, 60000, '慰问生活困难党员 2 名'),
  ]
  return { duesPayments, duesOrders, duesIncomes, duesUses }
}
