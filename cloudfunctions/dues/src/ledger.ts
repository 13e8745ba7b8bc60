import type { CallerReads, CallerWith } from '../../_shared/auth'
import { findMany } from '../../_shared/db'
import type { DuesSettings } from '../../_shared/domain'
import type { MemberDoc } from '../../_shared/models'
import { chinaMonth } from '../../_shared/time'
import type { DuesExemptionDoc, DuesIncomeDoc, DuesOrderDoc, DuesPaymentDoc } from './model'
import { duesSettingsOf, monthsOf, type MonthDue } from './rules'

/** A member's income document: `_id` = `<memberId>:income`, so the caller's own is read with the caller. */
export function incomeId(memberId: string): string {
  return `${memberId}:income`
}

export function paymentId(memberId: string, month: string): string {
  return `${memberId}:${month}`
}

export interface Ledger {
  settings: DuesSettings
  months: MonthDue[]
  payments: DuesPaymentDoc[]
  pendingOrders: DuesOrderDoc[]
  currentMonth: string
  quarterly: boolean
  monthlyIncomeFen: number | null
}

/** The caller as read by `requireCallerWith(ctx, ownReads)`: with their college and their income. */
export const ownReads: CallerReads = { college: true, own: { duesIncomes: ['income'] } }

/** A member's dues: three indexed reads besides the caller (payments, unpaid orders, approved exemptions). */
export async function loadLedger(caller: CallerWith, now: Date): Promise<Ledger> {
  const member = caller.member
  const settings = duesSettingsOf(caller.college)
  const income = (caller.byId.duesIncomes?.[0] as DuesIncomeDoc | undefined) ?? null
  const [payments, pendingOrders, exemptions] = await Promise.all([
    findMany('duesPayments', { memberId: member._id }, { limit: 1000 }),
    findMany('duesOrders', { memberId: member._id, state: 'pending' }, { limit: 100 }),
    findMany('duesExemptions', { memberId: member._id, status: 'approved' }, { limit: 100 }),
  ])
  return ledgerOf(
    member,
    settings,
    { payments, pendingOrders, exemptions, monthlyIncomeFen: income?.monthlyIncomeFen ?? null },
    now,
  )
}

export function ledgerOf(
  member: Pick<MemberDoc, 'stage' | 'stageDates' | 'branchId'>,
  settings: DuesSettings,
  data: {
    payments: DuesPaymentDoc[]
    pendingOrders: DuesOrderDoc[]
    exemptions: DuesExemptionDoc[]
    monthlyIncomeFen: number | null
  },
  now: Date,
): Ledger {
  const currentMonth = chinaMonth(now)
  const quarterly = member.branchId !== null && settings.quarterlyBranchIds.includes(member.branchId)
  const months = monthsOf({
    stage: member.stage,
    stageDates: member.stageDates,
    monthlyIncomeFen: data.monthlyIncomeFen,
    settings,
    quarterly,
    paid: new Set(data.payments.map((p) => p.month)),
    pending: new Set(data.pendingOrders.flatMap((o) => o.months)),
    exemptions: data.exemptions,
    currentMonth,
  })
  return {
    settings,
    months,
    payments: data.payments,
    pendingOrders: data.pendingOrders,
    currentMonth,
    quarterly,
    monthlyIncomeFen: data.monthlyIncomeFen,
  }
}

/** Another member's dues (代缴): their payments, unpaid orders, exemptions and income, read by id. */
export async function loadMemberLedger(member: MemberDoc, settings: DuesSettings, now: Date): Promise<Ledger> {
  const [payments, pendingOrders, exemptions, income] = await Promise.all([
    findMany('duesPayments', { memberId: member._id }, { limit: 1000 }),
    findMany('duesOrders', { memberId: member._id, state: 'pending' }, { limit: 100 }),
    findMany('duesExemptions', { memberId: member._id, status: 'approved' }, { limit: 100 }),
    findMany('duesIncomes', { _id: incomeId(member._id) }, { limit: 1 }),
  ])
  return ledgerOf(
    member,
    settings,
    { payments, pendingOrders, exemptions, monthlyIncomeFen: income[0]?.monthlyIncomeFen ?? null },
    now,
  )
}
