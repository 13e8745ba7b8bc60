import { audit } from '../../_shared/audit'
import { hasRole, requireCallerWith, requireRole } from '../../_shared/auth'
import { command, findMany, getDb, insert } from '../../_shared/db'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import type { CollegeDoc } from '../../_shared/models'
import type { Statement, StatementLine } from './contract'
import type { DuesUseDoc } from './model'

function periodOf(year: number, quarter: number | undefined): { from: string; to: string; title: string } {
  const first = quarter ? (quarter - 1) * 3 + 1 : 1
  const last = quarter ? first + 2 : 12
  const m = (n: number) => `${year}-${String(n).padStart(2, '0')}`
  return {
    from: m(first),
    to: m(last),
    title: quarter ? `${year}年第${quarter}季度党费收缴使用情况` : `${year}年度党费收缴使用情况`,
  }
}

/**
 * The public statement (党费公开): dues received (by the month the money came in) and used, per branch
 * and for the college, for a year or a quarter. Every member of the college may read it.
 */
export async function statement(params: { year: number; quarter?: number }, ctx: CallContext): Promise<Statement> {
  const caller = await requireCallerWith(ctx, { college: true })
  const collegeId = caller.member.collegeId
  const { from, to, title } = periodOf(params.year, params.quarter)
  const _ = command()
  const $ = _.aggregate
  const [received, uses, branches] = await Promise.all([
    getDb()
      .collection('duesPayments')
      .aggregate()
      .match({ collegeId, receivedMonth: _.gte(from).and(_.lte(to)) })
      .group({ _id: '$branchId', fen: $.sum('$amountFen'), n: $.sum(1) })
      .limit(1000)
      .end() as Promise<{ list: { _id: string | null; fen: number; n: number }[] }>,
    findMany(
      'duesUses',
      { collegeId, day: _.gte(`${from}-01`).and(_.lte(`${to}-31`)) },
      { orderBy: [['day', 'asc']], limit: 1000 },
    ),
    findMany('branches', { collegeId }, { orderBy: [['order', 'asc']], limit: 100 }),
  ])
  const collegeName = (caller.college as CollegeDoc | null)?.name ?? ''
  const nameOf = (id: string | null) =>
    id === null ? `${collegeName}党委` : (branches.find((b) => b._id === id)?.name ?? '其他')
  const lineOf = (id: string | null): StatementLine => {
    const r = received.list.find((x) => x._id === id)
    return {
      branchId: id,
      name: nameOf(id),
      receivedFen: r?.fen ?? 0,
      payments: r?.n ?? 0,
      usedFen: uses.filter((u) => u.branchId === id).reduce((s, u) => s + u.amountFen, 0),
    }
  }
  const lines = [...branches.map((b) => lineOf(b._id)), lineOf(null)]
  return {
    title,
    collegeName,
    lines,
    total: {
      receivedFen: lines.reduce((s, l) => s + l.receivedFen, 0),
      usedFen: lines.reduce((s, l) => s + l.usedFen, 0),
      payments: lines.reduce((s, l) => s + l.payments, 0),
    },
    uses: uses.map((u) => ({
      day: u.day,
      branchName: nameOf(u.branchId),
      amountFen: u.amountFen,
      note: u.note,
      attachment: u.attachment,
    })),
    canRecordUse: hasRole(caller, 'committee'),
    branches: branches.map((b) => ({ id: b._id, name: b.name })),
  }
}

export async function recordUse(
  params: { branchId: string | null; day: string; amountFen: number; note: string; attachment: string | null },
  ctx: CallContext,
): Promise<{ id: string }> {
  const caller = await requireCallerWith(ctx, {})
  requireRole(caller, 'committee')
  if (params.branchId) {
    const [branch] = await findMany('branches', { _id: params.branchId }, { limit: 1 })
    if (!branch || branch.collegeId !== caller.member.collegeId) throw new AppError('NOT_FOUND', '找不到该支部')
  }
  const doc: Omit<DuesUseDoc, '_id'> = {
    collegeId: caller.member.collegeId,
    branchId: params.branchId,
    day: params.day,
    amountFen: params.amountFen,
    note: params.note,
    attachment: params.attachment,
    recordedBy: caller.memberId,
    recordedAt: ctx.now,
  }
  const id = await insert('duesUses', doc)
  await audit(caller, 'dues.recordUse', id, { before: null, after: { ...doc, recordedAt: undefined } }, ctx.now)
  return { id }
}
