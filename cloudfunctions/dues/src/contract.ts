import { z } from 'zod'
import type { ActionKinds, Contract } from '../../_shared/contract'
import { id, text } from '../../_shared/validate'
import type { ExemptionKind, ExemptionStatus, Mismatch, OrderState } from './model'
import type { MonthStatus } from './rules'

const month = (label: string) =>
  z.string({ error: `请选择${label}` }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, `${label}格式不正确`)
const day = (label: string) => z.string({ error: `请选择${label}` }).regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式不正确`)
const months = z
  .array(month('月份'), { error: '请选择要交纳的月份' })
  .min(1, '请选择要交纳的月份')
  .max(12, '一次最多选择 12 个月')
const tradeNo = z.string({ error: '缺少订单号' }).regex(/^[A-Za-z0-9_-]{1,32}$/, '订单号格式不正确')
const fen = (label: string, max: number) =>
  z
    .number({ error: `请输入${label}` })
    .int(`${label}以分为单位，必须是整数`)
    .min(0, `${label}不能为负数`)
    .max(max, `${label}过大`)

export const duesSchemas = {
  /** The member's own dues: months paid and owed, what one month costs, an unpaid order. */
  home: z.object({ forMemberId: id('代缴对象').optional() }),
  /** Starts a WeChat Pay order for the chosen months; the amount is computed here, never sent by the client. */
  pay: z.object({ months, forMemberId: id('代缴对象').optional() }).strict(),
  /** The payer closed the payment sheet without paying: the order is closed. */
  cancelOrder: z.object({ outTradeNo: tradeNo }),
  /** Where an order of the caller's stands (after the payment sheet closes). */
  orderStatus: z.object({ outTradeNo: tradeNo }),
  /** Who owes what in a branch, warnings at 3 and 5 months behind, monthly totals (secretary, committee). */
  branch: z.object({ branchId: id('支部').optional(), year: z.number().int().min(2000).max(2100).optional() }),
  /** Cash collected by the secretary, with the receipt number (never for the secretary's own record). */
  recordCash: z.object({ memberId: id('成员'), months, receiptNo: text('收据编号', 30) }),
  exportBranch: z.object({ branchId: id('支部').optional(), year: z.number().int().min(2000).max(2100).optional() }),
  /** A member's monthly income for the rate bands (null: no income, the student rate). */
  setIncome: z.object({ memberId: id('成员'), monthlyIncomeFen: fen('月收入', 100_000_000).nullable() }),
  /** 免交或减交 asked by the branch for a member. */
  requestExemption: z.object({
    memberId: id('成员'),
    kind: z.enum(['exempt', 'reduce'], { error: '请选择免交或减交' }),
    monthlyFen: fen('减交后的月党费', 1_000_000).default(0),
    fromMonth: month('起始月份'),
    toMonth: month('结束月份'),
    reason: text('理由', 200, 2),
  }),
  decideExemption: z.object({ exemptionId: id('申请'), approve: z.boolean({ error: '请选择批准或不批准' }) }),
  exemptions: z.object({}),
  /** The public statement: dues received and used, per branch and for the college, by year or quarter. */
  statement: z.object({
    year: z.number({ error: '请选择年份' }).int().min(2000).max(2100),
    quarter: z.number().int().min(1).max(4).optional(),
  }),
  /** A use of dues, recorded by the committee. */
  recordUse: z.object({
    branchId: id('支部').nullable(),
    day: day('日期'),
    amountFen: fen('金额', 100_000_000).refine((n) => n > 0, '金额必须大于 0'),
    note: text('用途说明', 200, 2),
    attachment: z.string().max(500).nullable().default(null),
  }),
  /** 代缴: the secretary lets `payerStudentNo` pay the member's dues (never involving the secretary's own record). */
  authorizeProxy: z.object({
    memberId: id('成员'),
    payerStudentNo: z
      .string({ error: '请输入代缴人学号' })
      .trim()
      .regex(/^[A-Za-z0-9]{4,20}$/, '代缴人学号格式不正确'),
    reason: text('代缴事由', 100, 2),
  }),
  /** The reconciliation results (committee). */
  reconciliation: z.object({}),
  /** Compares the orders of one day (default yesterday) with WeChat's bill (timer, or the committee). */
  reconcile: z.object({ day: day('对账日期').optional() }),
}

export const duesActionKinds = {
  home: 'read',
  pay: 'write',
  cancelOrder: 'write',
  orderStatus: 'read',
  branch: 'read',
  recordCash: 'write',
  exportBranch: 'audited-read',
  setIncome: 'write',
  requestExemption: 'write',
  decideExemption: 'write',
  exemptions: 'read',
  statement: 'read',
  recordUse: 'write',
  authorizeProxy: 'write',
  reconciliation: 'read',
  reconcile: 'write',
} as const satisfies ActionKinds<typeof duesSchemas>

export interface MonthRow {
  month: string
  label: string
  amountFen: number
  status: MonthStatus
  method: 'wechat' | 'cash' | null
  paidAt: string | null
}

export interface DuesHome {
  name: string
  stageLabel: string
  /** False: not a Party member (nothing owed). */
  liable: boolean
  monthlyFen: number
  rateLabel: string
  months: MonthRow[]
  behind: number
  maxMonthsPerPayment: number
  quarterly: boolean
  payEnabled: boolean
  pendingOrder: { outTradeNo: string; months: string[]; totalFee: number } | null
  /** Whose dues these are when the caller pays on their behalf (代缴); null: the caller's own. */
  forMember: { id: string; name: string } | null
  /** Members the caller was authorised to pay for. */
  proxies: { memberId: string; name: string }[]
  paidThisYearFen: number
}

export interface PayParams {
  timeStamp: string
  nonceStr: string
  package: string
  signType: 'MD5' | 'HMAC-SHA256' | 'RSA'
  paySign: string
}

export interface PayStart {
  outTradeNo: string
  totalFee: number
  months: string[]
  payment: PayParams
}

export interface BranchRow {
  memberId: string
  name: string
  className: string
  stageLabel: string
  monthlyFen: number
  behind: number
  owedFen: number
  /** Unpaid months up to the current one, oldest first (what cash can be recorded for). */
  owedMonths: string[]
  lastPaidMonth: string | null
  /** 3 or 5 (or more): months behind at a warning level; 0 none. */
  warning: number
}

export interface BranchDues {
  branchId: string
  branchName: string
  branches: { id: string; name: string }[]
  year: number
  rows: BranchRow[]
  monthly: { month: string; label: string; fen: number; payments: number }[]
  yearTotalFen: number
  warned: number
  /** The committee sees the reconciliation with WeChat Pay's bill. */
  canReconcile: boolean
}

export interface ExportResult {
  fileID: string
  url: string
  fileName: string
}

/** A 免交或减交 request, as stored (`DuesExemptionDoc`, model.ts) and as shown. */
export interface ExemptionFields {
  memberName: string
  kind: ExemptionKind
  /** For `reduce`: the reduced monthly amount. */
  monthlyFen: number
  fromMonth: string
  toMonth: string
  reason: string
  status: ExemptionStatus
}

export interface ExemptionView extends ExemptionFields {
  id: string
  canDecide: boolean
}

export interface StatementLine {
  branchId: string | null
  name: string
  receivedFen: number
  usedFen: number
  payments: number
}

export interface Statement {
  title: string
  collegeName: string
  lines: StatementLine[]
  total: { receivedFen: number; usedFen: number; payments: number }
  uses: { day: string; branchName: string; amountFen: number; note: string; attachment: string | null }[]
  canRecordUse: boolean
  branches: { id: string; name: string }[]
}

export interface ReconciliationView {
  days: { day: string; checkedAt: string; billCount: number; billTotalFen: number; mismatches: Mismatch[] }[]
}

export type DuesContract = Contract<
  typeof duesSchemas,
  {
    home: DuesHome
    pay: PayStart
    cancelOrder: { state: OrderState }
    orderStatus: { state: OrderState; months: string[] }
    branch: BranchDues
    recordCash: { paidMonths: string[]; totalFen: number }
    exportBranch: ExportResult
    setIncome: { monthlyFen: number }
    requestExemption: { id: string }
    decideExemption: { status: ExemptionStatus }
    exemptions: { items: ExemptionView[] }
    statement: Statement
    recordUse: { id: string }
    authorizeProxy: { payerName: string }
    reconciliation: ReconciliationView
    reconcile: { day: string; mismatches: number }
  }
>
