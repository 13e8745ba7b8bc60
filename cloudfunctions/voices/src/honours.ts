import { audit } from '../../_shared/audit'
import { canManageBranch, hasRole, refuseOwnRecord, requireCallerWith, requireRole } from '../../_shared/auth'
import { assertTextSafe } from '../../_shared/content'
import { findMany, insert, updateWhere } from '../../_shared/db'
import { AppError } from '../../_shared/envelope'
import { assertOwnFiles } from '../../_shared/files'
import type { CallContext } from '../../_shared/handler'
import type { BranchDoc, MemberDoc } from '../../_shared/models'
import { tempUrls } from '../../_shared/storage'
import type { HonourCard, HonourHead, HonoursResult, NominationCard, VoicesParams } from './contract'
import { randomId, UNDECIDED_HONOUR, type HonourDoc } from './model'

function honourHead(h: HonourDoc): HonourHead {
  return { id: h._id, name: h.name, branchName: h.branchName, title: h.title, year: h.year }
}

function nominationCard(h: HonourDoc): NominationCard {
  return {
    ...honourHead(h),
    memberId: h.memberId,
    reason: h.reason,
    nominatedByName: h.nominatedByName ?? '',
    nominatedAt: (h.nominatedAt ?? new Date(0)).toISOString(),
  }
}

function honourCard(h: HonourDoc, urls: Map<string, string>): HonourCard {
  return {
    ...honourHead(h),
    citation: h.citation,
    photoUrl: h.photo ? (urls.get(h.photo) ?? null) : null,
    articleId: h.articleId,
  }
}

/** A new honour document about `member`: a nomination, or an honour awarded directly. */
async function newHonour(
  member: MemberDoc,
  fields: Pick<HonourDoc, 'title' | 'year'> & Partial<HonourDoc>,
): Promise<HonourDoc> {
  const branch = member.branchId ? await findMany<BranchDoc>('branches', { _id: member.branchId }) : []
  return {
    _id: randomId('hn'),
    collegeId: member.collegeId,
    branchId: member.branchId,
    branchName: branch[0]?.name ?? '院党委',
    memberId: member._id,
    name: member.name,
    status: 'nominated',
    ...UNDECIDED_HONOUR,
    ...fields,
  }
}

/** The 榜样 window: every honour awarded in the college, newest year first; managers also see nominations waiting. */
export async function honours(_params: VoicesParams<'honours'>, ctx: CallContext): Promise<HonoursResult> {
  const caller = await requireCallerWith(ctx, {})
  const collegeId = caller.member.collegeId
  const committee = hasRole(caller, 'committee')
  const secretary = hasRole(caller, 'secretary') && caller.branchId !== null
  const [awarded, waiting] = await Promise.all([
    findMany<HonourDoc>(
      'honours',
      { collegeId, status: 'awarded' },
      {
        orderBy: [
          ['year', 'desc'],
          ['name', 'asc'],
        ],
        limit: 200,
      },
    ),
    committee || secretary
      ? findMany<HonourDoc>(
          'honours',
          committee ? { collegeId, status: 'nominated' } : { branchId: caller.branchId, status: 'nominated' },
          {
            orderBy: [
              ['year', 'desc'],
              ['name', 'asc'],
            ],
            limit: 200,
          },
        )
      : Promise.resolve(null),
  ])
  const urls = await tempUrls(awarded.map((h) => h.photo))
  return {
    honours: awarded.map((h) => honourCard(h, urls)),
    nominations: waiting ? waiting.map(nominationCard) : null,
    canAward: committee,
    canNominate: committee || secretary,
  }
}

/** A branch recommends one of its members (the committee any member) for an honour. */
export async function nominate(params: VoicesParams<'nominate'>, ctx: CallContext): Promise<NominationCard> {
  const caller = await requireCallerWith(ctx, { byId: { members: [params.memberId] } })
  const member = (caller.byId.members?.[0] as MemberDoc | undefined) ?? null
  if (!member || member.collegeId !== caller.member.collegeId || !canManageBranch(caller, member.branchId))
    throw new AppError('NOT_FOUND', '没有找到本支部的这名成员')
  refuseOwnRecord(caller, member._id, '不能推荐自己，请由其他支委或院党委推荐')
  await assertTextSafe(params.reason, caller.openid)
  const doc = await newHonour(member, {
    title: params.title,
    year: params.year,
    reason: params.reason,
    nominatedById: caller.memberId,
    nominatedByName: caller.member.name,
    nominatedAt: ctx.now,
  })
  await insert('honours', doc)
  await audit(
    caller,
    'voices.nominate',
    doc._id,
    { before: null, after: { memberId: member._id, name: member.name, title: doc.title, year: doc.year } },
    ctx.now,
  )
  return nominationCard(doc)
}

/** The committee awards an honour, from a nomination or directly, with a citation and a photo. */
export async function awardHonour(params: VoicesParams<'awardHonour'>, ctx: CallContext): Promise<HonourCard> {
  const caller = await requireCallerWith(ctx, {
    byId: {
      ...(params.nominationId ? { honours: [params.nominationId] } : {}),
      ...(params.memberId ? { members: [params.memberId] } : {}),
      ...(params.articleId ? { articles: [params.articleId] } : {}),
    },
  })
  requireRole(caller, 'committee')
  if (params.photo) assertOwnFiles([params.photo], caller)
  if (params.articleId && !(caller.byId.articles ?? []).length)
    throw new AppError('NOT_FOUND', '没有找到这篇党员风采文章')
  await assertTextSafe(params.citation, caller.openid)
  const fields = {
    status: 'awarded',
    citation: params.citation,
    photo: params.photo ?? null,
    articleId: params.articleId ?? null,
    decidedById: caller.memberId,
    decidedAt: ctx.now,
  }
  let doc: HonourDoc
  if (params.nominationId) {
    const nomination = (caller.byId.honours?.[0] as HonourDoc | undefined) ?? null
    if (!nomination || nomination.collegeId !== caller.member.collegeId)
      throw new AppError('NOT_FOUND', '没有找到这条提名')
    refuseOwnRecord(caller, nomination.memberId, '不能表彰自己')
    if (nomination.status !== 'nominated') throw new AppError('FAILED_PRECONDITION', '这条提名已经处理')
    const changed = await updateWhere('honours', { _id: nomination._id, status: 'nominated' }, fields)
    if (changed !== 1) throw new AppError('CONFLICT', '这条提名已经处理，请刷新后重试')
    doc = { ...nomination, ...fields, status: 'awarded' }
  } else {
    const member = (caller.byId.members?.[0] as MemberDoc | undefined) ?? null
    if (!member || member.collegeId !== caller.member.collegeId) throw new AppError('NOT_FOUND', '没有找到这名成员')
    if (!params.title || !params.year) throw new AppError('INVALID_ARGUMENT', '请选择荣誉称号和年度')
    refuseOwnRecord(caller, member._id, '不能表彰自己')
    doc = await newHonour(member, { title: params.title, year: params.year, ...fields, status: 'awarded' })
    await insert('honours', doc)
  }
  await audit(
    caller,
    'voices.awardHonour',
    doc._id,
    {
      before: params.nominationId ? { status: 'nominated' } : null,
      after: { status: 'awarded', name: doc.name, title: doc.title, year: doc.year },
    },
    ctx.now,
  )
  const urls = await tempUrls([doc.photo])
  return honourCard(doc, urls)
}

export async function declineNomination(
  params: VoicesParams<'declineNomination'>,
  ctx: CallContext,
): Promise<{ ok: true }> {
  const caller = await requireCallerWith(ctx, { byId: { honours: [params.nominationId] } })
  requireRole(caller, 'committee')
  const nomination = (caller.byId.honours?.[0] as HonourDoc | undefined) ?? null
  if (!nomination || nomination.collegeId !== caller.member.collegeId)
    throw new AppError('NOT_FOUND', '没有找到这条提名')
  if (nomination.status !== 'nominated') throw new AppError('FAILED_PRECONDITION', '这条提名已经处理')
  await assertTextSafe(params.reason, caller.openid)
  const changed = await updateWhere(
    'honours',
    { _id: nomination._id, status: 'nominated' },
    { status: 'declined', declineReason: params.reason, decidedById: caller.memberId, decidedAt: ctx.now },
  )
  if (changed !== 1) throw new AppError('CONFLICT', '这条提名已经处理，请刷新后重试')
  await audit(
    caller,
    'voices.declineNomination',
    nomination._id,
    { before: { status: 'nominated' }, after: { status: 'declined', reason: params.reason } },
    ctx.now,
  )
  return { ok: true }
}
