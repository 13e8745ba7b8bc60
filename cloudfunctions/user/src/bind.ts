import { audit } from '../../_shared/audit'
import { findCaller, type Caller } from '../../_shared/auth'
import { findOne, transaction } from '../../_shared/db'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import type { MemberDoc } from '../../_shared/models'
import { takeAttempt, type RateLimit } from '../../_shared/rate-limit'
import type { Profile } from './contract'
import { buildProfile } from './profile'

const WRONG_PAIR = '学号或姓名不正确，请核对后重试'
const TOO_MANY = '尝试次数过多，请 10 分钟后再试'

/**
 * A WeChat user claims a roster entry by student number + name. One WeChat user per entry and one
 * entry per WeChat user, both guaranteed by the bindings collection (its _id is the openid, and a
 * unique index on memberId); a wrong pair does not say which half was wrong and counts toward a limit.
 */
export async function bind(params: { studentNo: string; name: string }, ctx: CallContext): Promise<Profile> {
  const openid = ctx.openid
  if (!openid) throw new AppError('UNAUTHENTICATED', '请先登录')
  const limit: RateLimit = { key: `bind:${openid}`, max: 5, windowMs: 10 * 60 * 1000 }
  if (await findCaller(ctx)) throw new AppError('CONFLICT', '你的微信已绑定过学号，无需重复绑定')
  // Every try is counted before it is judged, so parallel guesses can't slip past the limit.
  await takeAttempt(limit, ctx.now, TOO_MANY)

  const member = await findOne<MemberDoc>('members', { studentNo: params.studentNo.toUpperCase() })
  if (!member || member.name !== params.name) throw new AppError('NOT_FOUND', WRONG_PAIR)
  if (member.openid) throw new AppError('CONFLICT', '该学号已绑定其他微信，如需更换请联系支部书记')

  await claim(member._id, openid, ctx.now)
  const bound: MemberDoc = { ...member, openid, boundAt: ctx.now }
  const actor: Caller = { openid, member: bound, memberId: bound._id, roles: bound.roles, branchId: bound.branchId }
  await audit(actor, 'user.bind', member._id, { studentNo: member.studentNo }, ctx.now)
  return buildProfile(bound)
}

async function claim(memberId: string, openid: string, now: Date): Promise<void> {
  await transaction(async (tx) => {
    const existing = await tx.collection('bindings').doc(openid).get().catch(() => ({ data: null }))
    if (existing.data) throw new AppError('CONFLICT', '你的微信已绑定过学号，无需重复绑定')
    const member = (await tx.collection('members').doc(memberId).get()).data as MemberDoc | null
    if (!member || member.openid) throw new AppError('CONFLICT', '该学号已绑定其他微信，如需更换请联系支部书记')
    await tx.collection('bindings').doc(openid).set({ data: { memberId, boundAt: now } })
    await tx.collection('members').doc(memberId).update({ data: { openid, boundAt: now, updatedAt: now } })
  })
}
