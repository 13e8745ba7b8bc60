import { audit, auditEntry, auditInTx } from '../../_shared/audit'
import {
  canManageBranch,
  hasRole,
  refuseOwnRecord,
  requireCallerWith,
  requireRole,
  type Caller,
} from '../../_shared/auth'
import { command, findMany, getById, getDb, insert, readInTx, transaction, updateWhere } from '../../_shared/db'
import { STAGE_LABELS, type DuesSettings } from '../../_shared/domain'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import type { BranchDoc, MemberDoc } from '../../_shared/models'
import { chinaMonth } from '../../_shared/time'
import type { BranchDues, BranchRow, ExemptionView } from './contract'
import { incomeId, ledgerOf, paymentId } from './ledger'
import type { DuesExemptionDoc, DuesIncomeDoc, DuesPaymentDoc, DuesProxyDoc, ExemptionKind } from './model'
import { addMonths, checkChoice, duesSettingsOf, monthlyDueFen, monthLabel, monthsBehind } from './rules'

const PARTY_STAGES = ['probationary', 'full']
/** How far back the branch view reads payments: far enough for every warning level. */
const WINDOW_MONTHS = 24

/** The warning level reached: the highest of `warnAtMonths` not above `behind` (0: none). */
export function warningLevel(settings: DuesSettings, behind: number): number {
  return Math.max(0, ...settings.warnAtMonths.filter((w) => behind >= w))
}

export interface BranchData {
  settings: DuesSettings
  branch: BranchDoc
  branches: BranchDoc[]
  members: MemberDoc[]
  payments: DuesPaymentDoc[]
  exemptions: DuesExemptionDoc[]
  incomes: DuesIncomeDoc[]
}

/** The branch the caller may see (their own, or any for the committee) and its members' dues records. */
export async function loadBranch(
  ctx: CallContext,
  branchId: string | undefined,
  year: number,
): Promise<{ caller: Caller; data: BranchData }> {
  const caller = await requireCallerWith(ctx, { college: true })
  requireRole(caller, 'secretary', 'committee')
  const settings = duesSettingsOf(caller.college)
  const branches = await findMany(
    'branches',
    { collegeId: caller.member.collegeId },
    { orderBy: [['order', 'asc']], limit: 100 },
  )
  const id = branchId ?? caller.branchId ?? branches[0]?._id ?? null
  const branch = branches.find((b) => b._id === id)
  if (!branch || !canManageBranch(caller, branch._id)) throw new AppError('FORBIDDEN', '只能查看本支部的党费')
  const from = [addMonths(chinaMonth(ctx.now), -WINDOW_MONTHS), `${year}-01`].sort()[0]
  const _ = command()
  const [members, payments, exemptions] = await Promise.all([
    findMany('members', { branchId: branch._id, stage: _.in(PARTY_STAGES) }, { limit: 1000 }),
    findMany('duesPayments', { branchId: branch._id, month: _.gte(from) }, { limit: 1000 }),
    findMany('duesExemptions', { branchId: branch._id, status: 'approved' }, { limit: 1000 }),
  ])
  const incomes = members.length
    ? await findMany('duesIncomes', { _id: _.in(members.map((m) => incomeId(m._id))) }, { limit: 1000 })
    : []
  return { caller, data: { settings, branch, branches, members, payments, exemptions, incomes } }
}

export function branchRows(data: BranchData, now: Date): BranchRow[] {
  const incomeOf = new Map(data.incomes.map((d) => [d._id, d.monthlyIncomeFen]))
  return data.members
    .map((m) => {
      const payments = data.payments.filter((p) => p.memberId === m._id)
      const monthlyIncomeFen = incomeOf.get(incomeId(m._id)) ?? null
      const ledger = ledgerOf(
        m,
        data.settings,
        {
          payments,
          pendingOrders: [],
          exemptions: data.exemptions.filter((e) => e.memberId === m._id),
          monthlyIncomeFen,
        },
        now,
      )
      const owed = ledger.months.filter((x) => x.status === 'owed' && x.month <= ledger.currentMonth)
      const behind = monthsBehind(ledger.months, ledger.currentMonth)
      const lastPaid =
        payments
          .map((p) => p.month)
          .sort()
          .pop() ?? null
      return {
        memberId: m._id,
        name: m.name,
        className: m.className,
        stageLabel: STAGE_LABELS[m.stage],
        monthlyFen: monthlyDueFen(data.settings, monthlyIncomeFen),
        behind,
        owedFen: owed.reduce((s, x) => s + x.amountFen, 0),
        owedMonths: owed.map((x) => x.month),
        lastPaidMonth: lastPaid,
        warning: warningLevel(data.settings, behind),
      }
    })
    .sort((a, b) => b.behind - a.behind || a.name.localeCompare(b.name, 'zh-CN'))
}

export async function branchDues(params: { branchId?: string; year?: number }, ctx: CallContext): Promise<BranchDues> {
  const year = params.year ?? Number(chinaMonth(ctx.now).slice(0, 4))
  const { caller, data } = await loadBranch(ctx, params.branchId, year)
  const rows = branchRows(data, ctx.now)
  const monthly = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`).map((month) => {
    const inMonth = data.payments.filter((p) => p.receivedMonth === month)
    return {
      month,
      label: monthLabel(month),
      fen: inMonth.reduce((s, p) => s + p.amountFen, 0),
      payments: inMonth.length,
    }
  })
  return {
    branchId: data.branch._id,
    branchName: data.branch.name,
    branches: data.branches.filter((b) => canManageBranch(caller, b._id)).map((b) => ({ id: b._id, name: b.name })),
    year,
    rows,
    monthly,
    yearTotalFen: monthly.reduce((s, m) => s + m.fen, 0),
    warned: rows.filter((r) => r.warning > 0).length,
    canReconcile: hasRole(caller, 'committee'),
  }
}

/** A member of the caller's scope, for an action on their record (never the caller's own). */
async function managedMember(caller: Caller, memberId: string, ownMessage: string): Promise<MemberDoc> {
  const member = await getById('members', memberId)
  if (!member || member.collegeId !== caller.member.collegeId || !canManageBranch(caller, member.branchId))
    throw new AppError('NOT_FOUND', '找不到该成员')
  refuseOwnRecord(caller, memberId, ownMessage)
  return member
}

/**
 * Cash the secretary collected, with the receipt number: the same rules as paying in the app (the
 * oldest months first, at most six, no advance). Written with its audit entry in one transaction.
 */
export async function recordCash(
  params: { memberId: string; months: string[]; receiptNo: string },
  ctx: CallContext,
): Promise<{ paidMonths: string[]; totalFen: number }> {
  const caller = await requireCallerWith(ctx, { college: true })
  requireRole(caller, 'secretary', 'committee')
  const member = await managedMember(caller, params.memberId, '不能为自己登记党费，请由本支部其他支委或院党委登记')
  const settings = duesSettingsOf(caller.college)
  const [payments, exemptions, income] = await Promise.all([
    findMany('duesPayments', { memberId: member._id }, { limit: 1000 }),
    findMany('duesExemptions', { memberId: member._id, status: 'approved' }, { limit: 100 }),
    getById('duesIncomes', incomeId(member._id)),
  ])
  // Cash counts even for months in the member's unpaid WeChat order: if that order is paid later, it is refunded.
  const ledger = ledgerOf(
    member,
    settings,
    { payments, pendingOrders: [], exemptions, monthlyIncomeFen: income?.monthlyIncomeFen ?? null },
    ctx.now,
  )
  if (ledger.months.length === 0) throw new AppError('FAILED_PRECONDITION', '只有党员（含预备党员）需要交纳党费')
  const choice = checkChoice(ledger.months, params.months, settings.maxMonthsPerPayment)
  if ('refused' in choice) throw new AppError('INVALID_ARGUMENT', choice.refused)
  const months = [...params.months].sort()
  const totalFen = choice.amounts.reduce((s, n) => s + n, 0)
  const received = chinaMonth(ctx.now)
  await transaction(async (tx) => {
    for (const m of months) {
      if (await readInTx(tx.collection('duesPayments').doc(paymentId(member._id, m))))
        throw new AppError('CONFLICT', `${monthLabel(m)}的党费已交纳`)
    }
    for (const [i, m] of months.entries()) {
      const doc: Omit<DuesPaymentDoc, '_id'> = {
        memberId: member._id,
        memberName: member.name,
        branchId: member.branchId,
        collegeId: member.collegeId,
        month: m,
        amountFen: choice.amounts[i] ?? 0,
        method: 'cash',
        orderId: null,
        receiptNo: params.receiptNo,
        paidAt: ctx.now,
        receivedMonth: received,
        recordedBy: caller.memberId,
      }
      await tx.collection('duesPayments').doc(paymentId(member._id, m)).set({ data: doc })
    }
    await auditInTx(
      tx,
      auditEntry(
        caller,
        'dues.recordCash',
        member._id,
        { before: null, after: { months, totalFen, receiptNo: params.receiptNo }, memberName: member.name },
        ctx.now,
      ),
    )
  })
  return { paidMonths: months, totalFen }
}

export async function setIncome(
  params: { memberId: string; monthlyIncomeFen: number | null },
  ctx: CallContext,
): Promise<{ monthlyFen: number }> {
  const caller = await requireCallerWith(ctx, { college: true })
  requireRole(caller, 'secretary', 'committee')
  const member = await managedMember(caller, params.memberId, '不能修改自己的党费基数，请由本支部其他支委或院党委修改')
  const settings = duesSettingsOf(caller.college)
  const before = await getById('duesIncomes', incomeId(member._id))
  const ref = getDb().collection('duesIncomes').doc(incomeId(member._id))
  if (params.monthlyIncomeFen === null || params.monthlyIncomeFen === 0) {
    if (before) await ref.remove()
  } else {
    await ref.set({ data: { monthlyIncomeFen: params.monthlyIncomeFen, setBy: caller.memberId, setAt: ctx.now } })
  }
  await audit(
    caller,
    'dues.setIncome',
    member._id,
    { before: before?.monthlyIncomeFen ?? null, after: params.monthlyIncomeFen || null, memberName: member.name },
    ctx.now,
  )
  return { monthlyFen: monthlyDueFen(settings, params.monthlyIncomeFen || null) }
}

export async function requestExemption(
  params: {
    memberId: string
    kind: ExemptionKind
    monthlyFen: number
    fromMonth: string
    toMonth: string
    reason: string
  },
  ctx: CallContext,
): Promise<{ id: string }> {
  const caller = await requireCallerWith(ctx, {})
  requireRole(caller, 'secretary', 'committee')
  if (params.toMonth < params.fromMonth) throw new AppError('INVALID_ARGUMENT', '结束月份不能早于起始月份')
  if (params.kind === 'reduce' && params.monthlyFen <= 0)
    throw new AppError('INVALID_ARGUMENT', '请填写减交后的月党费（免交请选择免交）')
  const member = await managedMember(caller, params.memberId, '不能为自己申请免交或减交党费')
  const doc: Omit<DuesExemptionDoc, '_id'> = {
    memberId: member._id,
    memberName: member.name,
    branchId: member.branchId,
    collegeId: member.collegeId,
    kind: params.kind,
    monthlyFen: params.kind === 'exempt' ? 0 : params.monthlyFen,
    fromMonth: params.fromMonth,
    toMonth: params.toMonth,
    reason: params.reason,
    status: 'pending',
    requestedBy: caller.memberId,
    requestedAt: ctx.now,
    decidedBy: null,
    decidedAt: null,
  }
  const id = await insert('duesExemptions', doc)
  await audit(
    caller,
    'dues.requestExemption',
    member._id,
    { before: null, after: { ...doc, requestedAt: undefined }, exemptionId: id },
    ctx.now,
  )
  return { id }
}

/** The committee decides; not on an exemption for themselves, nor on one they asked for. */
export async function decideExemption(
  params: { exemptionId: string; approve: boolean },
  ctx: CallContext,
): Promise<{ status: DuesExemptionDoc['status'] }> {
  const caller = await requireCallerWith(ctx, {})
  requireRole(caller, 'committee')
  const doc = await getById('duesExemptions', params.exemptionId)
  if (!doc || doc.collegeId !== caller.member.collegeId) throw new AppError('NOT_FOUND', '找不到该申请')
  refuseOwnRecord(caller, doc.memberId, '不能审批自己的免交或减交')
  if (doc.requestedBy === caller.memberId)
    throw new AppError('FORBIDDEN', '不能审批自己提出的申请，请由院党委其他成员审批')
  const status = params.approve ? 'approved' : 'refused'
  const changed = await updateWhere(
    'duesExemptions',
    { _id: doc._id, status: 'pending' },
    { status, decidedBy: caller.memberId, decidedAt: ctx.now },
  )
  if (changed === 0) throw new AppError('CONFLICT', '该申请已经审批过了')
  await audit(
    caller,
    'dues.decideExemption',
    doc.memberId,
    { before: { status: 'pending' }, after: { status }, exemptionId: doc._id },
    ctx.now,
  )
  return { status }
}

export async function listExemptions(_params: object, ctx: CallContext): Promise<{ items: ExemptionView[] }> {
  const caller = await requireCallerWith(ctx, {})
  requireRole(caller, 'secretary', 'committee')
  const committee = hasRole(caller, 'committee')
  const where = committee ? { collegeId: caller.member.collegeId } : { branchId: caller.branchId ?? '-' }
  const docs = await findMany('duesExemptions', where, { orderBy: [['requestedAt', 'desc']], limit: 100 })
  return {
    items: docs.map((d) => ({
      id: d._id,
      memberName: d.memberName,
      kind: d.kind,
      monthlyFen: d.monthlyFen,
      fromMonth: d.fromMonth,
      toMonth: d.toMonth,
      reason: d.reason,
      status: d.status,
      canDecide:
        committee && d.status === 'pending' && d.memberId !== caller.memberId && d.requestedBy !== caller.memberId,
    })),
  }
}

/**
 * 代缴: the member's secretary (or the committee) lets another member of the college pay the member's dues,
 * e.g. while the member is away. Neither the member nor the payer may be the one who grants it.
 */
export async function authorizeProxy(
  params: { memberId: string; payerStudentNo: string; reason: string },
  ctx: CallContext,
): Promise<{ payerName: string }> {
  const caller = await requireCallerWith(ctx, {})
  requireRole(caller, 'secretary', 'committee')
  const member = await managedMember(caller, params.memberId, '不能为自己批准代缴，请由本支部其他支委或院党委办理')
  const payer = await findMany(
    'members',
    { collegeId: caller.member.collegeId, studentNo: params.payerStudentNo },
    { limit: 1 },
  ).then((r) => r[0])
  if (!payer) throw new AppError('NOT_FOUND', '找不到该学号的成员')
  if (payer._id === member._id) throw new AppError('INVALID_ARGUMENT', '代缴人不能是本人')
  refuseOwnRecord(caller, payer._id, '不能批准自己代缴，请由本支部其他支委或院党委办理')
  const doc: Omit<DuesProxyDoc, '_id'> = {
    payerId: payer._id,
    payerName: payer.name,
    memberId: member._id,
    memberName: member.name,
    collegeId: member.collegeId,
    reason: params.reason,
    grantedBy: caller.memberId,
    grantedAt: ctx.now,
  }
  const before = await getById('duesProxies', `${payer._id}:${member._id}`)
  await getDb().collection('duesProxies').doc(`${payer._id}:${member._id}`).set({ data: doc })
  await audit(
    caller,
    'dues.authorizeProxy',
    member._id,
    {
      before: before ? { reason: before.reason } : null,
      after: { payerName: payer.name, reason: params.reason },
      memberName: member.name,
    },
    ctx.now,
  )
  return { payerName: payer.name }
}
