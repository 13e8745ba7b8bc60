import { audit } from '../../_shared/audit'
import { canManageBranch, refuseOwnRecord, type CallerWith } from '../../_shared/auth'
import { assertTextSafe } from '../../_shared/content'
import { command, findMany, findOne, getById, insert, updateWhere } from '../../_shared/db'
import { AppError } from '../../_shared/envelope'
import { assertOwnFiles } from '../../_shared/files'
import type { CallContext } from '../../_shared/handler'
import type { CollegeDoc } from '../../_shared/models'
import { addDays, addMonths, chinaDay, formatDay } from '../../_shared/time'
import { sendMessage, thing } from '../../meeting/src/notify'
import { callerWithCollege, listScope, ownPartyRecord } from './access'
import type { AwayListResult, AwayView, RemindResult } from './contract'
import { awayView, careSettingsOf, nextDueAfter, settingsView, type AwayDoc, type ContactDoc } from './model'

/**
 * The contact reminder (订阅消息): a deployment setting (CARE_CONTACT_TEMPLATE_ID in the function's
 * environment) with keywords thing1 (what), time2 (due since), thing3 (how).
 */
export const CARE_CONTACT_TEMPLATE = process.env.CARE_CONTACT_TEMPLATE_ID || 'care-contact-reminder'

/** The member's open registration, if any (`member_status`). */
export function openAway(memberId: string): Promise<AwayDoc | null> {
  return findOne<AwayDoc>('careAway', { memberId, status: 'away' })
}

type RegisterParams = Pick<AwayDoc, 'kind' | 'place' | 'unit' | 'from' | 'until' | 'contact'>

/** Dates a registration may carry: from at most a month back (registered late) to the planned return. */
function checkDates(p: Pick<RegisterParams, 'kind' | 'from' | 'until'>, keepMonths: number, now: Date): void {
  const today = chinaDay(now)
  if (p.from < addDays(today, -31)) throw new AppError('INVALID_ARGUMENT', '外出日期不能早于一个月前，请如实登记')
  if (p.until < p.from) throw new AppError('INVALID_ARGUMENT', '预计返校日期不能早于外出日期')
  if (p.until < today) throw new AppError('INVALID_ARGUMENT', '预计返校日期已过，请重新选择')
  const limit = p.kind === 'graduated' ? keepMonths : 24
  if (p.until > addMonths(p.from, limit)) {
    throw new AppError(
      'INVALID_ARGUMENT',
      p.kind === 'graduated'
        ? `组织关系暂留学校最长 ${limit} 个月，请在期满前转出组织关系`
        : '外出时间超过两年，请申请转接组织关系',
    )
  }
}

/**
 * 外出登记: a Party member, before leaving, registers where, until when and a contact. One open
 * registration at a time. Caller with college and branch, the open one, text check, insert, audit.
 */
export async function registerAway(params: RegisterParams, ctx: CallContext): Promise<AwayView> {
  const caller = await callerWithCollege(ctx)
  const own = ownPartyRecord(caller, '外出登记面向党员和预备党员；入党积极分子外出请告知支部书记')
  const settings = careSettingsOf(caller.college)
  checkDates(params, settings.graduateKeepMonths, ctx.now)
  if (await openAway(caller.memberId))
    throw new AppError('CONFLICT', '你已有一条外出登记，返校后请先结束它，或在原登记上报到')
  await assertTextSafe(`${params.place} ${params.unit} ${params.contact}`, caller.openid)
  const doc: Omit<AwayDoc, '_id'> = {
    ...own,
    ...params,
    status: 'away',
    // Registering is the first contact: the next one is due an interval later.
    lastContactAt: ctx.now,
    nextContactDue: nextDueAfter(ctx.now, settings.contactIntervalMonths),
    remindedFor: null,
    createdAt: ctx.now,
    endedAt: null,
    endedBy: null,
  }
  const id = await insert('careAway', doc)
  const saved: AwayDoc = { _id: id, ...doc }
  await audit(
    caller,
    'care.registerAway',
    caller.memberId,
    { awayId: id, before: null, after: { kind: doc.kind, place: doc.place, from: doc.from, until: doc.until } },
    ctx.now,
  )
  return awayView(saved, settings, ctx.now)
}

/** Records one contact and moves the next due date; the registration must still be open and unchanged. */
async function recordOne(
  caller: CallerWith,
  away: AwayDoc,
  contact: Omit<ContactDoc, 'awayId' | 'memberId' | 'branchId' | 'byId' | 'byName' | 'at'>,
  now: Date,
): Promise<AwayView> {
  const settings = careSettingsOf(caller.college)
  const due = nextDueAfter(now, settings.contactIntervalMonths)
  const moved = await updateWhere(
    'careAway',
    { _id: away._id, status: 'away', lastContactAt: away.lastContactAt },
    { lastContactAt: now, nextContactDue: due },
  )
  if (moved === 0) throw new AppError('CONFLICT', '外出登记刚刚有变动，请刷新后重试')
  await insert('careContacts', {
    ...contact,
    awayId: away._id,
    memberId: away.memberId,
    branchId: away.branchId,
    byId: caller.memberId,
    byName: caller.member.name,
    at: now,
  } satisfies ContactDoc)
  const action = contact.kind === 'reportIn' ? 'care.reportIn' : 'care.recordContact'
  await audit(
    caller,
    action,
    away.memberId,
    {
      awayId: away._id,
      before: { lastContactAt: away.lastContactAt },
      after: { lastContactAt: now, text: contact.text },
    },
    now,
  )
  return awayView({ ...away, lastContactAt: now, nextContactDue: due }, settings, now)
}

/** 报到: the member away reports in, with a short note and maybe a photo of their own. */
export async function reportIn(params: { text: string; photo: string | null }, ctx: CallContext): Promise<AwayView> {
  const caller = await callerWithCollege(ctx)
  if (params.photo) assertOwnFiles([params.photo], caller)
  const away = await openAway(caller.memberId)
  if (!away) throw new AppError('FAILED_PRECONDITION', '你没有进行中的外出登记，外出前请先登记')
  await assertTextSafe(params.text, caller.openid)
  return recordOne(caller, away, { kind: 'reportIn', text: params.text, photo: params.photo }, ctx.now)
}

async function managedAway(caller: CallerWith, awayId: string): Promise<AwayDoc> {
  const away = await getById<AwayDoc>('careAway', awayId)
  if (!away || (away.memberId !== caller.memberId && !canManageBranch(caller, away.branchId)))
    throw new AppError('NOT_FOUND', '没有找到这条外出登记')
  return away
}

/** The secretary records a call or message with a member away (never their own registration). */
export async function recordContact(params: { awayId: string; note: string }, ctx: CallContext): Promise<AwayView> {
  const caller = await callerWithCollege(ctx)
  const away = await managedAway(caller, params.awayId)
  if (!canManageBranch(caller, away.branchId)) throw new AppError('FORBIDDEN', '只有支部书记和院党委可以登记联系情况')
  refuseOwnRecord(caller, away.memberId, '不能为自己登记联系情况，请在外出登记中报到')
  if (away.status !== 'away') throw new AppError('FAILED_PRECONDITION', '该成员已返校，无需再登记联系')
  await assertTextSafe(params.note, caller.openid)
  return recordOne(caller, away, { kind: 'call', text: params.note, photo: null }, ctx.now)
}

/** Back at the college: the member or the branch closes the registration. */
export async function endAway(params: { awayId: string }, ctx: CallContext): Promise<AwayView> {
  const caller = await callerWithCollege(ctx)
  const away = await managedAway(caller, params.awayId)
  if (away.status !== 'away') throw new AppError('FAILED_PRECONDITION', '这条外出登记已经结束')
  const ended = await updateWhere(
    'careAway',
    { _id: away._id, status: 'away' },
    { status: 'back', endedAt: ctx.now, endedBy: caller.memberId },
  )
  if (ended === 0) throw new AppError('CONFLICT', '外出登记刚刚有变动，请刷新后重试')
  await audit(
    caller,
    'care.endAway',
    away.memberId,
    { awayId: away._id, before: { status: 'away' }, after: { status: 'back' } },
    ctx.now,
  )
  return awayView(
    { ...away, status: 'back', endedAt: ctx.now, endedBy: caller.memberId },
    careSettingsOf(caller.college),
    ctx.now,
  )
}

/** Who is away (branch or college), overdue contacts first. Caller, the open registrations: two requests. */
export async function awayList(params: { branchId?: string }, ctx: CallContext): Promise<AwayListResult> {
  const caller = await callerWithCollege(ctx, params.branchId ? { branches: [params.branchId] } : undefined)
  const scope = listScope(caller, params.branchId)
  const settings = careSettingsOf(caller.college)
  const docs = await findMany<AwayDoc>(
    'careAway',
    { ...scope.where, status: 'away' },
    { orderBy: [['nextContactDue', 'asc']], limit: 1000 },
  )
  const away = docs.map((a) => awayView(a, settings, ctx.now))
  return {
    scopeLabel: scope.label,
    away,
    counts: {
      away: away.length,
      overdue: away.filter((a) => a.overdue).length,
      longAway: away.filter((a) => a.longAway).length,
    },
    settings: settingsView(settings),
  }
}

/**
 * The daily job: every member away whose contact is overdue gets one reminder per missed contact.
 * The claim (`remindedFor` set to the due date, on the condition it still is that date) comes before
 * the message, so two runs never both send; the entry in the audit log says the system reminded.
 */
export async function remind(ctx: CallContext): Promise<RemindResult> {
  const _ = command()
  const due = await findMany<AwayDoc>(
    'careAway',
    { status: 'away', nextContactDue: _.lte(ctx.now) },
    { orderBy: [['nextContactDue', 'asc']], limit: 200 },
  )
  const colleges = new Map<string, CollegeDoc | null>()
  let reminded = 0
  for (const away of due) {
    if (away.remindedFor && new Date(away.remindedFor).getTime() === new Date(away.nextContactDue).getTime()) continue
    const claimed = await updateWhere(
      'careAway',
      { _id: away._id, status: 'away', nextContactDue: away.nextContactDue, remindedFor: away.remindedFor },
      { remindedFor: away.nextContactDue },
    )
    if (claimed === 0) continue
    if (!colleges.has(away.collegeId))
      colleges.set(away.collegeId, await getById<CollegeDoc>('colleges', away.collegeId))
    const months = careSettingsOf(colleges.get(away.collegeId)).contactIntervalMonths
    if (away.openid) {
      await sendMessage({
        touser: away.openid,
        templateId: CARE_CONTACT_TEMPLATE,
        page: 'packages/member-care/index/index',
        data: {
          thing1: thing('外出党员定期报到'),
          time2: { value: formatDay(chinaDay(new Date(away.nextContactDue))) },
          thing3: thing(`请每${months === 3 ? '季度' : ` ${months} 个月`}向支部报到一次`),
        },
      })
    }
    await audit(
      null,
      'care.remind',
      away.memberId,
      { awayId: away._id, before: { remindedFor: away.remindedFor }, after: { remindedFor: away.nextContactDue } },
      ctx.now,
    )
    reminded++
  }
  return { reminded }
}
