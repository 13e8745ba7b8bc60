import { assertTextSafe } from '../../_shared/content'
import { formatBindCode } from '../../_shared/bind-code-text'
import { isBindCodeExpired, newBindCode, storeBindCode } from '../../_shared/bind-codes'
import { findMany, getById, readInTx, transaction } from '../../_shared/db'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import type { MemberDoc, StoredBindCode } from '../../_shared/models'
import { chinaDay, formatDay, iso } from '../../_shared/time'
import type { BindCodeLine, BindCodeSheet, BindingState } from './contract'
import { loadWorkspace, requireManageable, requireManager, scopeBranch, type Workspace } from './context'
import { branchName } from './model'
import { auditEntry, auditInTx } from '../../_shared/audit'

/**
 * Binding codes and unbinding (issue #14): the secretary of the member's branch or the committee hands
 * out a one-time code that binding needs besides student number and name, and can unbind a member so
 * the real owner recovers their record. Every issue and unbind is audited with the WeChat identity.
 */

/** The most a printed sheet covers at once (one transaction). */
const SHEET_MAX = 300

const BOUND_ALREADY = '该成员已绑定微信，无需绑定码；如需更换微信，请先解除绑定'

/** The binding state the member page shows. */
export function bindingState(m: MemberDoc, callerId: string, now: Date): BindingState {
  const code = m.openid ? null : (m.bindCode ?? null)
  return {
    bound: Boolean(m.openid),
    boundAt: iso(m.boundAt),
    codeExpiresAt: code ? iso(code.expiresAt) : null,
    codeExpired: code ? isBindCodeExpired(code, now) : false,
    canUnbind: Boolean(m.openid) && m._id !== callerId,
  }
}

function codeFor(ws: Workspace, now: Date): { code: string; stored: StoredBindCode } {
  const code = newBindCode()
  return { code, stored: storeBindCode(code, { now, days: ws.settings.bindCodeDays, issuedBy: ws.caller.memberId }) }
}

function lineOf(m: MemberDoc, code: string, stored: StoredBindCode): BindCodeLine {
  return {
    memberId: m._id,
    name: m.name,
    studentNo: m.studentNo,
    className: m.className,
    code: formatBindCode(code),
    expiresAt: iso(stored.expiresAt) ?? '',
  }
}

function until(stored: StoredBindCode): string {
  return formatDay(chinaDay(new Date(stored.expiresAt)))
}

async function manageableMember(ws: Workspace, memberId: string): Promise<MemberDoc> {
  const member = await getById('members', memberId)
  requireManageable(ws.caller, member)
  return member
}

/** Issues (or reissues) one member's code; the old code stops working. Workspace, member, transaction. */
export async function issueBindCode(params: { memberId: string }, ctx: CallContext): Promise<BindCodeLine> {
  const ws = await loadWorkspace(ctx)
  requireManager(ws.caller)
  const member = await manageableMember(ws, params.memberId)
  if (member.openid) throw new AppError('FAILED_PRECONDITION', BOUND_ALREADY)
  const { code, stored } = codeFor(ws, ctx.now)
  const reissue = Boolean(member.bindCode)
  await transaction(async (tx) => {
    const now = await readInTx<MemberDoc>(tx.collection('members').doc(member._id))
    if (!now || now.openid) throw new AppError('FAILED_PRECONDITION', BOUND_ALREADY)
    await tx
      .collection('members')
      .doc(member._id)
      .update({ data: { bindCode: stored, updatedAt: ctx.now } })
    const summary = `${reissue ? '重新发放' : '发放'}${member.name}（${member.studentNo}）的绑定码，有效期至${until(stored)}${reissue ? '，原绑定码作废' : ''}`
    await auditInTx(
      tx,
      auditEntry(
        ws.caller,
        'branch.issueBindCode',
        member._id,
        { summary, studentNo: member.studentNo, memberName: member.name, reissue },
        ctx.now,
      ),
    )
  })
  return lineOf(member, code, stored)
}

/**
 * New codes for every unbound member of a branch, for printing: a secretary's own branch, or the branch
 * the committee chose. Codes issued before stop working. Workspace, the unbound members, one transaction.
 */
export async function bindCodeSheet(params: { branchId?: string }, ctx: CallContext): Promise<BindCodeSheet> {
  const ws = await loadWorkspace(ctx, { branches: true })
  requireManager(ws.caller)
  const branchId = scopeBranch(ws, params.branchId)
  if (!branchId) throw new AppError('INVALID_ARGUMENT', '请先选择一个支部，再生成绑定码')
  const unbound = await findMany(
    'members',
    { branchId, openid: null },
    { orderBy: [['studentNo', 'asc']], limit: SHEET_MAX + 1 },
  )
  if (unbound.length > SHEET_MAX)
    throw new AppError('FAILED_PRECONDITION', `未绑定的成员超过 ${SHEET_MAX} 人，请在成员页逐个发放绑定码`)
  const issued = unbound.map((m) => ({ member: m, ...codeFor(ws, ctx.now) }))
  const name = branchName(branchId, ws.branches)
  const lines: BindCodeLine[] = []
  if (issued.length > 0) {
    await transaction(async (tx) => {
      lines.length = 0
      for (const { member, code, stored } of issued) {
        // Someone who bound since the list was read keeps their binding and is left off the sheet.
        const now = await readInTx<MemberDoc>(tx.collection('members').doc(member._id))
        if (!now || now.openid) continue
        await tx
          .collection('members')
          .doc(member._id)
          .update({ data: { bindCode: stored, updatedAt: ctx.now } })
        lines.push(lineOf(member, code, stored))
      }
      const summary = `为「${name}」${lines.length} 名未绑定成员生成绑定码，原绑定码作废`
      await auditInTx(
        tx,
        auditEntry(
          ws.caller,
          'branch.bindCodeSheet',
          branchId,
          { summary, memberIds: lines.map((l) => l.memberId), count: lines.length },
          ctx.now,
        ),
      )
    })
  }
  return {
    branchName: name,
    collegeName: ws.collegeName,
    generatedAt: ctx.now.toISOString(),
    days: ws.settings.bindCodeDays,
    lines,
  }
}

/**
 * Clears a member's WeChat binding and issues a new code, so the real owner can bind again (and whoever
 * had bound the record is signed out). Not one's own record. Audited with the WeChat identity removed.
 */
export async function unbind(params: { memberId: string; reason: string }, ctx: CallContext): Promise<BindCodeLine> {
  const ws = await loadWorkspace(ctx)
  requireManager(ws.caller)
  const member = await manageableMember(ws, params.memberId)
  if (member._id === ws.caller.memberId)
    throw new AppError('FORBIDDEN', '不能解除自己的微信绑定，请联系院党委或本支部的其他书记')
  if (!member.openid) throw new AppError('FAILED_PRECONDITION', '该成员尚未绑定微信')
  await assertTextSafe(params.reason, ws.caller.openid)
  const openid = member.openid
  const { code, stored } = codeFor(ws, ctx.now)
  await transaction(async (tx) => {
    const now = await readInTx<MemberDoc>(tx.collection('members').doc(member._id))
    if (!now || now.openid !== openid) throw new AppError('CONFLICT', '该成员的绑定刚刚发生了变化，请刷新后重试')
    await tx.collection('bindings').doc(openid).remove()
    await tx
      .collection('members')
      .doc(member._id)
      .update({ data: { openid: null, boundAt: null, bindCode: stored, updatedAt: ctx.now } })
    const summary = `解除${member.name}（${member.studentNo}）的微信绑定（微信标识 ${openid}），发放新的绑定码，有效期至${until(stored)}`
    const detail = {
      summary,
      reason: params.reason,
      studentNo: member.studentNo,
      memberName: member.name,
      openid,
      boundAt: member.boundAt,
    }
    await auditInTx(tx, auditEntry(ws.caller, 'branch.unbind', member._id, detail, ctx.now))
  })
  return lineOf(member, code, stored)
}
