/** Stored documents of dues (党费). Amounts are integers in fen; months are 'YYYY-MM' (China time). */
import type { ExemptionFields } from './contract'

/** One member's one month, paid: `_id` = `<memberId>:<month>`, so a month is paid at most once. */
export interface DuesPaymentDoc {
  _id: string
  memberId: string
  memberName: string
  branchId: string | null
  collegeId: string
  month: string
  amountFen: number
  method: 'wechat' | 'cash'
  /** The WeChat Pay order (outTradeNo) or null for cash. */
  orderId: string | null
  /** The receipt number of cash collected by the secretary. */
  receiptNo: string | null
  paidAt: Date
  /** 'YYYY-MM' the money came in (China time): what the statements count. */
  receivedMonth: string
  /** Who recorded it: the payer for WeChat Pay, the secretary for cash. */
  recordedBy: string
}

export type OrderState = 'pending' | 'paid' | 'closed' | 'refunded'

/** A WeChat Pay order: `_id` is the outTradeNo sent to WeChat. */
export interface DuesOrderDoc {
  _id: string
  memberId: string
  memberName: string
  openid: string
  branchId: string | null
  collegeId: string
  months: string[]
  /** Who pays when not the member (代缴, authorised by the secretary); absent or null: the member. */
  payerId?: string | null
  /** Amount per month, same order as `months` (computed on the server when the order was made). */
  amounts: number[]
  totalFee: number
  state: OrderState
  subMchId: string
  prepayId: string
  createdAt: Date
  /** Close the order (with WeChat) if still unpaid at this time. */
  expiresAt: Date
  paidAt: Date | null
  transactionId: string | null
  closedAt: Date | null
  refundedAt: Date | null
  /** Why a paid order was refunded instead of applied. */
  refundReason: string | null
}

export type ExemptionKind = 'exempt' | 'reduce'
export type ExemptionStatus = 'pending' | 'approved' | 'refused'

/** 免交或减交: asked by the branch, decided by the committee (never by the member concerned or the asker). */
export interface DuesExemptionDoc extends ExemptionFields {
  _id: string
  memberId: string
  branchId: string | null
  collegeId: string
  requestedBy: string
  requestedAt: Date
  decidedBy: string | null
  decidedAt: Date | null
}

/** A use of dues recorded by the committee (published in the statement). */
export interface DuesUseDoc {
  _id: string
  collegeId: string
  /** null = used by the college (党委) itself. */
  branchId: string | null
  day: string
  amountFen: number
  note: string
  /** A photo or scan of the voucher (cloud fileID), if any. */
  attachment: string | null
  recordedBy: string
  recordedAt: Date
}

/** The daily comparison of our orders with WeChat's bill: `_id` = bill date 'YYYY-MM-DD'. */
export interface DuesReconciliationDoc {
  _id: string
  collegeId: string
  checkedAt: Date
  billCount: number
  billTotalFen: number
  mismatches: Mismatch[]
}

export interface Mismatch {
  outTradeNo: string
  /** What WeChat's bill says (null: not on the bill) and what our order says (null: no such order). */
  bill: { state: string; fen: number } | null
  ours: { state: OrderState; fen: number } | null
  problem: string
}

/** A warning already sent: `_id` = `<memberId>:<behind>:<month>`, once per level per month. */
export interface DuesWarningDoc {
  _id: string
  memberId: string
  branchId: string | null
  behind: number
  month: string
  sentAt: Date
}

/** A member's income for the dues bands (absent: no income, the student rate). Set by the secretary. */
export interface DuesIncomeDoc {
  _id: string
  monthlyIncomeFen: number
  setBy: string
  setAt: Date
}

/** 代缴: `_id` = `<payerId>:<memberId>`; the payer may pay the member's dues. Granted by the member's secretary. */
export interface DuesProxyDoc {
  _id: string
  payerId: string
  payerName: string
  memberId: string
  memberName: string
  collegeId: string
  reason: string
  grantedBy: string
  grantedAt: Date
}
