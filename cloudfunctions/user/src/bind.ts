import { findCaller } from '../../_shared/auth'
import { isBindCodeExpired, matchesBindCode } from '../../_shared/bind-codes'
import { findOne, transaction } from '../../_shared/db'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import type { AuditDoc, MemberDoc } from '../../_shared/models'
import { takeAttempt, type RateLimit } from '../../_shared/rate-limit'
import type { Profile } from './contract'
import { buildProfile } from './profile'

const WRONG = '学号、姓名或绑定码不正确，请核对后重试'
const TOO_MANY_HERE = '尝试次数过多，请 10 分钟后再试'
const TOO_MANY_FOR_NO = '这个学号的绑定尝试次数过多，请 1 小时后再试，或联系支部书记'
const BOUND_ELSEWHERE = '该学号已绑定其他微信。如果不是你本人绑定的，请联系支部书记解除绑定并领取新的绑定码'

/** Tries per WeChat user, and per student number (so many WeChat users cannot share the guessing). */
function limitsFor(openid: string, studentNo: string): { here: RateLimit; forNo: RateLimit } {
  return {
    here: { key: `bind:${openid}`, max: 5, windowMs: 10 * 60 * 1000 },
    forNo: { key: `bind-no:${studentNo}`, max: 10, windowMs: 60 * 60 * 1000 },
  }
}

/**
 * A WeChat user claims a roster entry with student number + name + the one-time binding code the
 * secretary or the committee handed out. One WeChat user per entry and one entry per WeChat user, both
 * guaranteed by the bindings collection (its _id is the openid, and a unique index on memberId); the
 * code is cleared in the same transaction, so it binds once. A wrong try does not say which part was
 * wrong; every try counts toward a limit for this WeChat user and for this student number.
 */
export async function bind(
  params: { studentNo: string; name: string; code: string },
  ctx: CallContext,
): Promise<Profile> {
  const openid = ctx.openid
  if (!openid) throw new AppError('UNAUTHENTICATED', '请先登录')
  const studentNo = params.studentNo.toUpperCase()
  const { here, forNo } = limitsFor(openid, studentNo)
  // Every try is counted before it is judged, so parallel guesses can't slip past either limit; one
  // refused for this WeChat user does not also use up the student number's tries.
  await takeAttempt(here, ctx.now, TOO_MANY_HERE)
  await takeAttempt(forNo, ctx.now, TOO_MANY_FOR_NO)
  if (await findCaller(ctx)) throw new AppError('CONFLICT', '你的微信已绑定过学号，无需重复绑定')

  const member = await findOne('members', { studentNo })
  if (!member || member.name !== params.name) throw new AppError('NOT_FOUND', WRONG)
  // Only someone who knows the name learns that the entry is taken: the real owner, who can then recover.
  if (member.openid) throw new AppError('CONFLICT', BOUND_ELSEWHERE)
  if (!member.bindCode || !matchesBindCode(member.bindCode, params.code)) throw new AppError('NOT_FOUND', WRONG)
  if (isBindCodeExpired(member.bindCode, ctx.now))
    throw new AppError('FAILED_PRECONDITION', '绑定码已过期，请联系支部书记重新发放')

  await claim(member, params.code, openid, ctx.now)
  return buildProfile({ ...member, openid, boundAt: ctx.now, bindCode: null })
}

/** Binds and spends the code in one transaction: a code reissued or spent meanwhile no longer matches. */
async function claim(seen: MemberDoc, code: string, openid: string, now: Date): Promise<void> {
  const audit: AuditDoc = {
    at: now,
    actorId: seen._id,
    actorName: seen.name,
    action: 'user.bind',
    targetId: seen._id,
    detail: {
      summary: `${seen.name}（${seen.studentNo}）用绑定码绑定微信（微信标识 ${openid}）`,
      studentNo: seen.studentNo,
      openid,
      codeIssuedAt: seen.bindCode?.issuedAt ?? null,
    },
  }
  await transaction(async (tx) => {
    const existing = await tx
      .collection('bindings')
      .doc(openid)
      .get()
      .catch(() => ({ data: null }))
    if (existing.data) throw new AppError('CONFLICT', '你的微信已绑定过学号，无需重复绑定')
    const member = (await tx.collection('members').doc(seen._id).get()).data as MemberDoc | null
    if (!member || member.openid) throw new AppError('CONFLICT', BOUND_ELSEWHERE)
    if (!matchesBindCode(member.bindCode, code))
      throw new AppError('CONFLICT', '绑定码已失效，请向支部书记领取新的绑定码')
    await tx
      .collection('bindings')
      .doc(openid)
      .set({ data: { memberId: seen._id, boundAt: now } })
    await tx
      .collection('members')
      .doc(seen._id)
      .update({ data: { openid, boundAt: now, bindCode: null, updatedAt: now } })
    await tx.collection('audit').add({ data: audit })
  })
}
