import { audit } from '../../_shared/audit'
import { canManageBranch, refuseOwnRecord, type CallerWith } from '../../_shared/auth'
import { assertTextSafe } from '../../_shared/content'
import { command, findMany, findOne, getById, insert, readInTx, transaction, updateWhere } from '../../_shared/db'
import { AppError } from '../../_shared/envelope'
import { assertOwnFiles } from '../../_shared/files'
import type { CallContext } from '../../_shared/handler'
import { tempUrls } from '../../_shared/storage'
import { chinaDay } from '../../_shared/time'
import { callerWithCollege, isCommittee, listScope, ownPartyRecord } from './access'
import type { LetterResult, TransfersResult, TransferView } from './contract'
import { renderLetterFiles } from './letter'
import {
  careSettingsOf,
  isLapsed,
  transferView,
  validUntilOf,
  type AwayDoc,
  type LetterRecord,
  type TransferDoc,
} from './model'

/** Statuses of an application still under way (one at a time per member). */
const OPEN = ['applied', 'approved', 'issued'] as const

export function openTransfer(memberId: string): Promise<TransferDoc | null> {
  return findOne<TransferDoc>('careTransfers', { memberId, status: command().in([...OPEN]) })
}

type ApplyParams = Pick<TransferDoc, 'reason' | 'destUnit' | 'destOrg' | 'nation' | 'idNumber' | 'note'>

/** 转接申请: a Party member applies (one open application at a time). */
export async function applyTransfer(params: ApplyParams, ctx: CallContext): Promise<TransferView> {
  const caller = await callerWithCollege(ctx)
  const own = ownPartyRecord(caller, '组织关系转接面向党员和预备党员')
  const [open, paidTo] = await Promise.all([openTransfer(caller.memberId), duesPaidTo(caller.memberId)])
  if (open) throw new AppError('CONFLICT', '你已有一份进行中的转接申请')
  await assertTextSafe(`${params.destUnit} ${params.destOrg} ${params.note}`, caller.openid)
  const doc: Omit<TransferDoc, '_id'> = {
    ...own,
    gender: caller.member.gender,
    stage: caller.member.stage,
    ...params,
    status: 'applied',
    appliedAt: ctx.now,
    review: null,
    letter: null,
    pastLetters: [],
    receipt: null,
    // What the secretary checks the dues against; read again when they approve.
    duesPaidTo: paidTo,
    updatedAt: ctx.now,
  }
  const id = await insert('careTransfers', doc)
  await audit(
    caller,
    'care.applyTransfer',
    caller.memberId,
    {
      transferId: id,
      before: null,
      after: { reason: params.reason, destUnit: params.destUnit, destOrg: params.destOrg },
    },
    ctx.now,
  )
  return transferView({ _id: id, ...doc }, ctx.now)
}

async function loadTransfer(caller: CallerWith, transferId: string): Promise<TransferDoc> {
  const t = await getById<TransferDoc>('careTransfers', transferId)
  if (!t || (t.memberId !== caller.memberId && !canManageBranch(caller, t.branchId)))
    throw new AppError('NOT_FOUND', '没有找到这份转接申请')
  return t
}

/** Moves a transfer from `from` to its next state, only if nobody moved it meanwhile. */
async function advance(
  t: TransferDoc,
  from: TransferDoc['status'],
  changes: Partial<TransferDoc>,
  now: Date,
): Promise<TransferDoc> {
  const moved = await updateWhere(
    'careTransfers',
    { _id: t._id, status: from, updatedAt: t.updatedAt },
    { ...changes, updatedAt: now },
  )
  if (moved === 0) throw new AppError('CONFLICT', '这份申请刚刚有变动，请刷新后重试')
  return { ...t, ...changes, updatedAt: now }
}

export async function withdrawTransfer(params: { transferId: string }, ctx: CallContext): Promise<TransferView> {
  const caller = await callerWithCollege(ctx)
  const t = await loadTransfer(caller, params.transferId)
  if (t.memberId !== caller.memberId) throw new AppError('FORBIDDEN', '只有申请人本人可以撤回')
  if (t.status !== 'applied') throw new AppError('FAILED_PRECONDITION', '支部已审核，不能撤回；如需变更请联系支部书记')
  const after = await advance(t, 'applied', { status: 'withdrawn' }, ctx.now)
  await audit(
    caller,
    'care.withdrawTransfer',
    t.memberId,
    { transferId: t._id, before: { status: 'applied' }, after: { status: 'withdrawn' } },
    ctx.now,
  )
  return transferView(after, ctx.now)
}

/** Dues paid up to (the latest paid month), for the secretary's check: one indexed read (`member_month`). */
async function duesPaidTo(memberId: string): Promise<string | null> {
  const last = await findOne<{ month: string }>(
    'duesPayments',
    { memberId },
    { orderBy: [['month', 'desc']], fields: { month: true } },
  )
  return last?.month ?? null
}

type ReviewParams =
  | { transferId: string; approve: true; duesChecked: true; filesChecked: true; note: string }
  | { transferId: string; approve: false; note: string }

/** The secretary checks dues and files and approves, or returns it with a reason. Never their own. */
export async function reviewTransfer(params: ReviewParams, ctx: CallContext): Promise<TransferView> {
  const caller = await callerWithCollege(ctx)
  const t = await loadTransfer(caller, params.transferId)
  if (!canManageBranch(caller, t.branchId)) throw new AppError('FORBIDDEN', '只有本支部书记可以审核转接申请')
  refuseOwnRecord(caller, t.memberId, '不能审核自己的转接申请，请由本支部其他书记或院党委审核')
  if (t.status !== 'applied') throw new AppError('FAILED_PRECONDITION', '这份申请已审核过')
  if (params.note) await assertTextSafe(params.note, caller.openid)
  const review = {
    byId: caller.memberId,
    byName: caller.member.name,
    at: ctx.now,
    note: params.note,
    duesChecked: params.approve,
    filesChecked: params.approve,
  }
  const paidTo = params.approve ? await duesPaidTo(t.memberId) : t.duesPaidTo
  const status = params.approve ? 'approved' : 'returned'
  const after = await advance(t, 'applied', { status, review, duesPaidTo: paidTo }, ctx.now)
  await audit(
    caller,
    params.approve ? 'care.approveTransfer' : 'care.returnTransfer',
    t.memberId,
    { transferId: t._id, before: { status: 'applied' }, after: { status, note: params.note } },
    ctx.now,
  )
  return transferView(after, ctx.now)
}

/** 〔2026〕第 003 号: the next number of the college's year, from its counter (in the same transaction). */
function letterNo(year: number, n: number): string {
  return `〔${year}〕第 ${String(n).padStart(3, '0')} 号`
}

/**
 * The committee issues the numbered 介绍信: on an approved application, or again when the letter lapsed
 * without a 回执 (the old one is kept). The number comes from the college's yearly counter in one
 * transaction with the transfer; then the .docx and PDF are generated and stored.
 */
export async function issueLetter(params: { transferId: string }, ctx: CallContext): Promise<TransferView> {
  const caller = await callerWithCollege(ctx)
  if (!isCommittee(caller)) throw new AppError('FORBIDDEN', '介绍信由院党委开具')
  const t = await loadTransfer(caller, params.transferId)
  if (t.collegeId !== caller.member.collegeId) throw new AppError('NOT_FOUND', '没有找到这份转接申请')
  refuseOwnRecord(caller, t.memberId, '不能为自己开具介绍信')
  const reissue = isLapsed(t, ctx.now)
  if (t.status !== 'approved' && !reissue) {
    throw new AppError(
      'FAILED_PRECONDITION',
      t.status === 'issued' ? '介绍信仍在有效期内，过期未收到回执的才能重新开具' : '支部审核同意后才能开具介绍信',
    )
  }
  const settings = careSettingsOf(caller.college)
  const year = Number(chinaDay(ctx.now).slice(0, 4))
  const counterId = `${t.collegeId}:letters:${year}`
  const letter: LetterRecord = {
    no: '',
    issuedAt: ctx.now,
    validUntil: validUntilOf(ctx.now, settings.letterValidDays),
    issuedBy: caller.memberId,
    issuedByName: caller.member.name,
    docx: null,
    pdf: null,
  }
  const issued = await transaction(async (tx) => {
    const current = await readInTx<TransferDoc>(tx.collection('careTransfers').doc(t._id))
    if (!current || current.status !== t.status || String(current.updatedAt) !== String(t.updatedAt))
      throw new AppError('CONFLICT', '这份申请刚刚有变动，请刷新后重试')
    const counter = await readInTx<{ next: number }>(tx.collection('careCounters').doc(counterId))
    const n = counter?.next ?? 1
    await tx
      .collection('careCounters')
      .doc(counterId)
      .set({ data: { next: n + 1 } })
    const withNo: LetterRecord = { ...letter, no: letterNo(year, n) }
    const pastLetters = reissue && t.letter ? [...t.pastLetters, t.letter] : t.pastLetters
    await tx
      .collection('careTransfers')
      .doc(t._id)
      .update({ data: { status: 'issued', letter: withNo, pastLetters, updatedAt: ctx.now } })
    return { ...t, status: 'issued' as const, letter: withNo, pastLetters, updatedAt: ctx.now }
  })
  await audit(
    caller,
    reissue ? 'care.reissueLetter' : 'care.issueLetter',
    t.memberId,
    {
      transferId: t._id,
      before: { status: t.status, letterNo: t.letter?.no ?? null },
      after: { status: 'issued', letterNo: issued.letter.no, validUntil: issued.letter.validUntil },
    },
    ctx.now,
  )
  const files = await renderLetterFiles(caller, issued, caller.college?.name ?? '', ctx.now)
  // The files belong to this letter only: stored if the letter is still the current one.
  await updateWhere(
    'careTransfers',
    { _id: t._id, 'letter.no': issued.letter.no },
    { 'letter.docx': files.docx, 'letter.pdf': files.pdf },
  )
  return transferView({ ...issued, letter: { ...issued.letter, ...files } }, ctx.now)
}

/** The letter's files as temporary links, for the member, their secretary and the committee. Audited. */
export async function letter(params: { transferId: string }, ctx: CallContext): Promise<LetterResult> {
  const caller = await callerWithCollege(ctx)
  const t = await loadTransfer(caller, params.transferId)
  if (!t.letter) throw new AppError('FAILED_PRECONDITION', '介绍信尚未开具')
  const urls = await tempUrls([t.letter.docx, t.letter.pdf])
  await audit(caller, 'care.readLetter', t.memberId, { transferId: t._id, letterNo: t.letter.no }, ctx.now)
  return {
    no: t.letter.no,
    docxUrl: t.letter.docx ? (urls.get(t.letter.docx) ?? null) : null,
    pdfUrl: t.letter.pdf ? (urls.get(t.letter.pdf) ?? null) : null,
    validUntil: t.letter.validUntil,
  }
}

/**
 * The 回执 is back: the transfer completes, and in the same transaction the member leaves the branch's
 * active roster (branchId cleared, where they went kept on their record) and any registration away
 * closes. Their reports, meetings and records stay, readable by the committee.
 */
export async function uploadReceipt(
  params: { transferId: string; file: string },
  ctx: CallContext,
): Promise<TransferView> {
  const caller = await callerWithCollege(ctx)
  assertOwnFiles([params.file], caller)
  const t = await loadTransfer(caller, params.transferId)
  if (t.status !== 'issued' || !t.letter)
    throw new AppError(
      'FAILED_PRECONDITION',
      t.status === 'completed' ? '回执已上传，转接已完成' : '介绍信开具后才能上传回执',
    )
  const receipt = { file: params.file, at: ctx.now, byId: caller.memberId, byName: caller.member.name }
  const away = await findMany<Pick<AwayDoc, '_id'>>(
    'careAway',
    { memberId: t.memberId, status: 'away' },
    { limit: 5, fields: { _id: true } },
  )
  const done = await transaction(async (tx) => {
    const current = await readInTx<TransferDoc>(tx.collection('careTransfers').doc(t._id))
    if (!current || current.status !== 'issued') throw new AppError('CONFLICT', '这份申请刚刚有变动，请刷新后重试')
    await tx
      .collection('careTransfers')
      .doc(t._id)
      .update({ data: { status: 'completed', receipt, updatedAt: ctx.now } })
    await tx
      .collection('members')
      .doc(t.memberId)
      .update({
        data: {
          branchId: null,
          leftBranch: {
            branchId: t.branchId,
            branchName: t.branchName,
            at: ctx.now,
            transferId: t._id,
            destOrg: t.destOrg,
          },
          updatedAt: ctx.now,
        },
      })
    for (const a of away)
      await tx
        .collection('careAway')
        .doc(a._id)
        .update({ data: { status: 'back', endedAt: ctx.now, endedBy: caller.memberId } })
    return { ...t, status: 'completed' as const, receipt, updatedAt: ctx.now }
  })
  await audit(
    caller,
    'care.completeTransfer',
    t.memberId,
    {
      transferId: t._id,
      before: { status: 'issued', branchId: t.branchId },
      after: { status: 'completed', branchId: null, destOrg: t.destOrg },
    },
    ctx.now,
  )
  return transferView(done, ctx.now)
}

/** Transfers of the branch (college): those under way, letters lapsed without 回执, and the completed history. */
export async function transfers(params: { branchId?: string }, ctx: CallContext): Promise<TransfersResult> {
  const caller = await callerWithCollege(ctx, params.branchId ? { branches: [params.branchId] } : undefined)
  const scope = listScope(caller, params.branchId)
  const docs = await findMany<TransferDoc>(
    'careTransfers',
    { ...scope.where, status: command().in(['applied', 'approved', 'issued', 'completed']) },
    { orderBy: [['appliedAt', 'desc']], limit: 500 },
  )
  const views = docs.map((d) => transferView(d, ctx.now))
  return {
    scopeLabel: scope.label,
    open: views.filter((v) => v.status !== 'completed' && !v.letter?.lapsed),
    lapsed: views.filter((v) => v.letter?.lapsed === true),
    completed: views.filter((v) => v.status === 'completed'),
    canIssue: isCommittee(caller),
  }
}
