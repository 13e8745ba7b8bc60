import { audit } from '../../_shared/audit'
import { hasRole, requireCaller, requireRole, type Caller } from '../../_shared/auth'
import { command, findMany, getById, insert, updateById, updateWhere } from '../../_shared/db'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import type { ColumnView, EditorInfo } from './contract'
import type { ColumnDoc } from './model'
import { newId } from './support'
import { columnView } from './views'

/** Columns of the college in order; hidden ones only for the committee (who manages them). */
export async function collegeColumns(caller: Caller): Promise<ColumnDoc[]> {
  const all = await findMany(
    'studyColumns',
    { collegeId: caller.member.collegeId },
    { orderBy: [['order', 'asc']], limit: 50 },
  )
  return hasRole(caller, 'committee') ? all : all.filter((c) => !c.hidden)
}

/** The branches a caller may publish for: the committee every branch of the college, a secretary their own. */
export async function publishableBranches(caller: Caller): Promise<{ id: string; name: string }[]> {
  if (hasRole(caller, 'committee')) {
    const branches = await findMany(
      'branches',
      { collegeId: caller.member.collegeId },
      { orderBy: [['order', 'asc']], limit: 100 },
    )
    return branches.map((b) => ({ id: b._id, name: b.name }))
  }
  if (!hasRole(caller, 'secretary') || !caller.branchId) return []
  const own = await getById('branches', caller.branchId)
  return own ? [{ id: own._id, name: own.name }] : []
}

/** Columns in order (the committee also gets hidden ones, to manage them) and the branches one may publish for. */
export async function columns(_params: Record<string, never>, ctx: CallContext): Promise<EditorInfo> {
  const caller = await requireCaller(ctx)
  const [list, branches] = await Promise.all([collegeColumns(caller), publishableBranches(caller)])
  return { columns: list.map(columnView), branches }
}

/** Committee: a new column goes last; an existing one is renamed, hidden or shown. */
export async function saveColumn(
  params: { id?: string; name: string; hidden: boolean },
  ctx: CallContext,
): Promise<ColumnView> {
  const caller = await requireCaller(ctx)
  requireRole(caller, 'committee')
  if (params.id === undefined) {
    const existing = await findMany(
      'studyColumns',
      { collegeId: caller.member.collegeId },
      { orderBy: [['order', 'desc']], limit: 50 },
    )
    if (existing.some((c) => c.name === params.name)) throw new AppError('CONFLICT', `已有名为“${params.name}”的栏目`)
    const doc: ColumnDoc = {
      _id: newId('col-'),
      collegeId: caller.member.collegeId,
      name: params.name,
      order: (existing[0]?.order ?? 0) + 1,
      hidden: params.hidden,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    }
    await insert('studyColumns', doc)
    await audit(caller, 'study.column.create', doc._id, { name: doc.name }, ctx.now)
    return columnView(doc)
  }

  const changed = await updateWhere(
    'studyColumns',
    { _id: params.id, collegeId: caller.member.collegeId },
    { name: params.name, hidden: params.hidden, updatedAt: ctx.now },
  )
  if (changed !== 1) throw new AppError('NOT_FOUND', '栏目不存在')
  // Articles carry their column's name so lists need no second read; a rename updates them in one request.
  await updateWhere(
    'articles',
    { columnId: params.id, columnName: command().neq(params.name) },
    { columnName: params.name },
  )
  await audit(caller, 'study.column.update', params.id, { name: params.name, hidden: params.hidden }, ctx.now)
  return { id: params.id, name: params.name, hidden: params.hidden }
}

/** Committee: swaps a column with its neighbour by giving it an order between the next two (one write). */
export async function moveColumn(
  params: { id: string; direction: 'up' | 'down' },
  ctx: CallContext,
): Promise<ColumnView[]> {
  const caller = await requireCaller(ctx)
  requireRole(caller, 'committee')
  const list = await collegeColumns(caller)
  const at = list.findIndex((c) => c._id === params.id)
  if (at < 0) throw new AppError('NOT_FOUND', '栏目不存在')
  const target = params.direction === 'up' ? at - 1 : at + 1
  if (target < 0 || target >= list.length) return list.map(columnView)
  // The new place is between `target` and the column beyond it (or one step past the end).
  const beyond = params.direction === 'up' ? list[target - 1] : list[target + 1]
  const edge = list[target].order + (params.direction === 'up' ? -1 : 1)
  const order = (list[target].order + (beyond?.order ?? edge)) / 2
  await updateById('studyColumns', params.id, { order, updatedAt: ctx.now })
  await audit(caller, 'study.column.move', params.id, { direction: params.direction }, ctx.now)
  const moved = list.map((c) => (c._id === params.id ? { ...c, order } : c)).sort((a, b) => a.order - b.order)
  return moved.map(columnView)
}
