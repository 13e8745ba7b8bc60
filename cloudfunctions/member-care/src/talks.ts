import { audit } from '../../_shared/audit'
import { canManageBranch } from '../../_shared/auth'
import { assertTextSafe } from '../../_shared/content'
import { command, findMany, insert } from '../../_shared/db'
import { TALK_DUTY_LABELS, type TalkDuty } from '../../_shared/domain'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import type { MemberDoc } from '../../_shared/models'
import { chinaDay } from '../../_shared/time'
import { callerWithCollege, listScope } from './access'
import type { DutyRow, TalksResult, TalkView } from './contract'
import { careSettingsOf, roleLabelOf, type TalkDoc, type TalkPartyKind } from './model'

type Person = Pick<MemberDoc, '_id' | 'name' | 'roles' | 'branchPost' | 'stage' | 'branchId'>
const PERSON_FIELDS = { _id: true, name: true, roles: true, branchPost: true, stage: true, branchId: true }

const isSecretary = (p: Pick<MemberDoc, 'roles'>): boolean => p.roles.includes('secretary')
const isCommitteeMember = (p: Pick<MemberDoc, 'roles' | 'branchPost'>): boolean =>
  !isSecretary(p) && Boolean(p.branchPost)
const isOrdinary = (p: Pick<MemberDoc, 'roles' | 'branchPost'>): boolean => !isSecretary(p) && !p.branchPost

export function talkPartyKind(p: Pick<MemberDoc, 'roles' | 'branchPost'>): TalkPartyKind {
  return isSecretary(p) ? 'secretary' : p.branchPost ? 'committee' : 'member'
}

function talkView(t: TalkDoc & { _id: string }): TalkView {
  return {
    id: t._id,
    aName: t.aName,
    bName: t.bName,
    day: t.day,
    topic: t.topic,
    notes: t.notes,
    followUp: t.followUp,
    recordedByName: t.recordedByName,
  }
}

/** The Party members of a branch (or the college): who the duties are about (`branch_stage`). */
function partyMembers(where: { branchId: string } | { collegeId: string }): Promise<Person[]> {
  return findMany<Person>(
    'members',
    { ...where, stage: command().in(['probationary', 'full']) },
    { limit: 1000, fields: PERSON_FIELDS },
  )
}

/** What is written of one talk. */
export interface TalkRecord {
  day: string
  topic: string
  notes: string
  followUp: string
}

/** A talk between two members of one branch as stored (`careTalks`), written down by `recorder` at `at`. */
export function talkDoc(
  a: Person & { branchId: string },
  b: Person,
  talk: TalkRecord,
  recorder: Pick<MemberDoc, '_id' | 'name' | 'collegeId'>,
  at: Date,
): TalkDoc {
  return {
    collegeId: recorder.collegeId,
    branchId: a.branchId,
    aId: a._id,
    aName: a.name,
    aKind: talkPartyKind(a),
    bId: b._id,
    bName: b.name,
    bKind: talkPartyKind(b),
    day: talk.day,
    year: Number(talk.day.slice(0, 4)),
    topic: talk.topic,
    notes: talk.notes,
    followUp: talk.followUp,
    recordedBy: recorder._id,
    recordedByName: recorder.name,
    createdAt: at,
  }
}

/**
 * 谈心谈话: the secretary (or the committee) records a talk between two people of the branch. The
 * recorder need not be one of them (the secretary writes up a 支委's talk). Caller, both people, insert,
 * audit.
 */
export async function recordTalk(
  params: { aId: string; bId: string; day: string; topic: string; notes: string; followUp: string },
  ctx: CallContext,
): Promise<TalkView> {
  const caller = await callerWithCollege(ctx)
  if (params.aId === params.bId) throw new AppError('INVALID_ARGUMENT', '谈话双方不能是同一个人')
  if (params.day > chinaDay(ctx.now)) throw new AppError('INVALID_ARGUMENT', '谈话日期不能晚于今天')
  const people = await findMany<Person>(
    'members',
    { _id: command().in([params.aId, params.bId]) },
    { limit: 2, fields: PERSON_FIELDS },
  )
  const a = people.find((p) => p._id === params.aId)
  const b = people.find((p) => p._id === params.bId)
  if (!a || !b || !a.branchId || a.branchId !== b.branchId)
    throw new AppError('INVALID_ARGUMENT', '谈话双方应是同一支部的成员')
  if (!canManageBranch(caller, a.branchId)) throw new AppError('FORBIDDEN', '只有本支部书记和院党委可以记录谈心谈话')
  await assertTextSafe(`${params.topic} ${params.notes} ${params.followUp}`, caller.openid)
  const doc = talkDoc({ ...a, branchId: a.branchId }, b, params, caller.member, ctx.now)
  const id = await insert('careTalks', doc)
  await audit(
    caller,
    'care.recordTalk',
    b._id,
    { talkId: id, before: null, after: { with: a.name, day: params.day, topic: params.topic } },
    ctx.now,
  )
  return talkView({ ...doc, _id: id })
}

/** Who each duty is about, and which talks cover them (local practice: the college's duties). */
export function dutyRows(duty: TalkDuty, people: Person[], talks: TalkDoc[]): DutyRow[] {
  const subjects =
    duty === 'secretaryWithCommittee'
      ? people.filter(isCommitteeMember)
      : duty === 'committeeWithMembers'
        ? people.filter(isOrdinary)
        : people.filter((p) => !isSecretary(p))
  /** Whether a talk with someone who was `other` at the time counts for this duty. */
  const counts = (other: TalkPartyKind): boolean => {
    if (duty === 'secretaryWithCommittee') return other === 'secretary'
    if (duty === 'committeeWithMembers') return other !== 'member'
    return other !== 'secretary'
  }
  return subjects.map((p) => {
    const talk = talks.find((t) => (t.aId === p._id && counts(t.bKind)) || (t.bId === p._id && counts(t.aKind)))
    return {
      memberId: p._id,
      name: p.name,
      roleLabel: roleLabelOf(p),
      covered: Boolean(talk),
      withName: talk ? (talk.aId === p._id ? talk.bName : talk.aName) : null,
    }
  })
}

/** The year's talks and each duty's coverage. Caller, Party members, talks: three requests. */
export async function talks(params: { branchId?: string; year?: number }, ctx: CallContext): Promise<TalksResult> {
  const caller = await callerWithCollege(ctx, params.branchId ? { branches: [params.branchId] } : undefined)
  const scope = listScope(caller, params.branchId)
  const year = params.year ?? Number(chinaDay(ctx.now).slice(0, 4))
  const [people, docs] = await Promise.all([
    partyMembers(scope.where),
    findMany<TalkDoc & { _id: string }>(
      'careTalks',
      { ...scope.where, year },
      { orderBy: [['day', 'desc']], limit: 1000 },
    ),
  ])
  const duties = careSettingsOf(caller.college).talkDuties.map((duty) => {
    const rows = dutyRows(duty, people, docs)
    return {
      duty,
      label: TALK_DUTY_LABELS[duty],
      rows,
      covered: rows.filter((r) => r.covered).length,
      total: rows.length,
    }
  })
  return {
    scopeLabel: scope.label,
    year,
    duties,
    talks: docs.map(talkView),
    people: people.map((p) => ({ memberId: p._id, name: p.name, roleLabel: roleLabelOf(p) })),
  }
}
