import { audit } from '../../_shared/audit'
import { requireCallerWith, type CallerWith } from '../../_shared/auth'
import { aggregate, command, findMany, insert } from '../../_shared/db'
import type { CareSettings } from '../../_shared/domain'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import type { MemberDoc } from '../../_shared/models'
import { chinaDay, startOfChinaDay } from '../../_shared/time'
import { attendedTrainingMeetings } from '../../meeting/src/hours'
import type { DevStepDoc } from '../../development/src/file'
import { callerWithCollege, isCommittee, listScope } from './access'
import {
  TRAINING_KIND_LABELS,
  type HourItem,
  type HoursResult,
  type MyHoursResult,
  type RecordTrainingResult,
  type TrainingKind,
} from './contract'
import { careSettingsOf, isCadre, isPartyMember, roleLabelOf, type TrainingSessionDoc } from './model'

/**
 * 培训学时 come only from verified sources, each a plug-in: the meetings attended (the meeting feature's
 * own attendance records), the college's training sessions recorded by the committee. The 短期集中培训
 * of 发展对象 recorded with the 25 steps plugs in here as one more source. Reading time in the app is
 * never one: points and rankings stay voluntary and feed no appraisal.
 */
export interface HourSource {
  /** Every credited item of the year, for these members of this scope. */
  collect(input: HourInput): Promise<CreditedItem[]> | CreditedItem[]
}

/**
 * What the sources work from: the scope and its members, and what was read with the caller and the
 * members (the college's sessions, the members' step 11), so only the meetings cost requests of their own.
 */
export interface HourInput {
  scope: { branchId: string } | { collegeId: string }
  year: number
  memberIds: string[]
  sessions: TrainingSessionDoc[]
  steps: DevStepDoc[]
}

/** One credited item of one member; `fromStep` marks a 短期集中培训 taken from the member's development file. */
type CreditedItem = HourItem & { memberId: string; fromStep?: boolean }

function yearRange(year: number): { from: Date; to: Date } {
  return { from: startOfChinaDay(`${year}-01-01`), to: startOfChinaDay(`${year + 1}-01-01`) }
}

/** 党课 and 专题培训 attended, each at most the college's cap. */
function meetingSource(settings: CareSettings): HourSource {
  return {
    async collect({ scope, year, memberIds }) {
      const { from, to } = yearRange(year)
      const attended = await attendedTrainingMeetings(scope, from, to, memberIds)
      return attended.map((a) => ({
        memberId: a.memberId,
        source: 'meeting' as const,
        sourceLabel: '党课与培训会议',
        title: a.title,
        day: chinaDay(a.day),
        hours: Math.min(a.hours, settings.meetingHoursCap),
      }))
    },
  }
}

/** Sessions the committee recorded (read with the caller), credited to those who attended. */
const sessionSource: HourSource = {
  collect({ sessions, year, memberIds }) {
    const wanted = new Set(memberIds)
    return sessions
      .filter((s) => s.year === year)
      .sort((a, b) => a.day.localeCompare(b.day))
      .flatMap((s) =>
        s.memberIds
          .filter((id) => wanted.has(id))
          .map((memberId) => ({
            memberId,
            source: s.kind,
            sourceLabel: TRAINING_KIND_LABELS[s.kind],
            title: s.title,
            day: s.day,
            hours: s.hours,
          })),
      )
  },
}

/** Step 11 of the development file (短期集中培训): its `facts.trainingHours` on the step's date. */
const candidateCourseSource: HourSource = {
  collect({ steps, year, memberIds }) {
    const wanted = new Set(memberIds)
    return steps
      .filter(
        (s) =>
          wanted.has(s.memberId) &&
          s.step === 11 &&
          s.date !== null &&
          s.date.startsWith(`${year}-`) &&
          (s.facts.trainingHours ?? 0) > 0,
      )
      .map((s) => ({
        memberId: s.memberId,
        source: 'candidateCourse' as const,
        sourceLabel: TRAINING_KIND_LABELS.candidateCourse,
        title: '发展对象短期集中培训（发展纪实）',
        day: s.date as string,
        hours: s.facts.trainingHours ?? 0,
        fromStep: true,
      }))
  },
}

/**
 * The sources in use: meetings attended, the committee's sessions, and step 11 of the 25 steps (issue #17),
 * marked `fromStep` so a course the committee also recorded counts once.
 */
export function hourSources(settings: CareSettings): HourSource[] {
  return [meetingSource(settings), sessionSource, candidateCourseSource]
}

/**
 * Every source's items, a 短期集中培训 counted once: when the committee also recorded the course as a
 * session, the step's own record of it is left out for that member.
 */
async function collectAll(settings: CareSettings, input: HourInput): Promise<CreditedItem[]> {
  const parts = await Promise.all(hourSources(settings).map((s) => s.collect(input)))
  const items = parts.flat()
  const recordedCourse = new Set(
    items.filter((i) => i.source === 'candidateCourse' && !i.fromStep).map((i) => i.memberId),
  )
  return items.filter((i) => !(i.fromStep && recordedCourse.has(i.memberId))).sort((a, b) => a.day.localeCompare(b.day))
}

/**
 * The caller with their college and branch, and the college's recorded training sessions (`college_year_day`;
 * a handful a year), in one request; `withStep` adds the caller's own step 11 (`<memberId>:11`).
 */
async function callerWithSessions(
  ctx: CallContext,
  opts: { byId?: Record<string, string[]>; withStep: boolean },
): Promise<{ caller: CallerWith; sessions: TrainingSessionDoc[]; steps: DevStepDoc[] }> {
  const caller = await requireCallerWith(ctx, {
    college: true,
    branch: true,
    byId: opts.byId,
    own: opts.withStep ? { devSteps: [COURSE_STEP_KEY] } : undefined,
    related: { sessions: { from: 'trainingSessions', localField: 'collegeId', foreignField: 'collegeId' } },
  })
  return {
    caller,
    sessions: (caller.related.sessions ?? []) as TrainingSessionDoc[],
    steps: (caller.byId.devSteps ?? []) as DevStepDoc[],
  }
}

/** The `_id` suffix of step 11 in `devSteps` (`<memberId>:11`, development's `stepId`). */
const COURSE_STEP_KEY = '11'

const round = (n: number): number => Math.round(n * 10) / 10

function targetOf(m: Pick<MemberDoc, 'roles' | 'branchPost'>, s: CareSettings): { target: number; label: string } {
  return isCadre(m)
    ? { target: s.hoursTargetCadre, label: '支部书记、支委每年' }
    : { target: s.hoursTargetMember, label: '党员每年' }
}

/**
 * The caller's own hours of the year. Three requests: the caller with the college's sessions and their step 11,
 * then the training meetings and the caller's attendance at them.
 */
export async function myHours(params: { year?: number }, ctx: CallContext): Promise<MyHoursResult> {
  const { caller, sessions, steps } = await callerWithSessions(ctx, { withStep: true })
  const settings = careSettingsOf(caller.college)
  const year = params.year ?? Number(chinaDay(ctx.now).slice(0, 4))
  const scope = caller.branchId ? { branchId: caller.branchId } : { collegeId: caller.member.collegeId }
  const items = await collectAll(settings, { scope, year, memberIds: [caller.memberId], sessions, steps })
  const { target, label } = targetOf(caller.member, settings)
  return {
    year,
    total: round(items.reduce((s, i) => s + i.hours, 0)),
    target,
    targetLabel: `${label} ${target} 学时`,
    items: items.map(({ memberId: _m, fromStep: _s, ...item }) => item),
  }
}

/**
 * Each Party member's hours of the year, those short of the target first. Four requests: the caller with
 * the college's sessions, the Party members with their step 11, the training meetings, the attendance.
 */
export async function hours(params: { branchId?: string; year?: number }, ctx: CallContext): Promise<HoursResult> {
  const { caller, sessions } = await callerWithSessions(ctx, {
    byId: params.branchId ? { branches: [params.branchId] } : undefined,
    withStep: false,
  })
  const scope = listScope(caller, params.branchId)
  const settings = careSettingsOf(caller.college)
  const year = params.year ?? Number(chinaDay(ctx.now).slice(0, 4))
  const { members, steps } = await partyMembersWithCourse(scope.where)
  const party = members.filter(isPartyMember)
  const items = await collectAll(settings, {
    scope: scope.where,
    year,
    memberIds: party.map((m) => m._id),
    sessions,
    steps,
  })
  const totals = new Map<string, number>()
  for (const i of items) totals.set(i.memberId, (totals.get(i.memberId) ?? 0) + i.hours)
  const rows = party
    .map((m) => {
      const total = round(totals.get(m._id) ?? 0)
      const { target } = targetOf(m, settings)
      return {
        memberId: m._id,
        name: m.name,
        className: m.className,
        roleLabel: roleLabelOf(m),
        total,
        target,
        short: total < target,
      }
    })
    .sort(
      (a, b) =>
        Number(b.short) - Number(a.short) ||
        a.total / a.target - b.total / b.target ||
        a.name.localeCompare(b.name, 'zh'),
    )
  return {
    scopeLabel: scope.label,
    year,
    rows,
    counts: { members: rows.length, short: rows.filter((r) => r.short).length },
  }
}

type HoursMember = Pick<MemberDoc, '_id' | 'name' | 'className' | 'roles' | 'branchPost' | 'stage'>

/** The scope's Party members with their step 11 joined by `_id` (`<memberId>:11`): one aggregate. */
async function partyMembersWithCourse(
  where: { branchId: string } | { collegeId: string },
): Promise<{ members: HoursMember[]; steps: DevStepDoc[] }> {
  const $ = command().aggregate
  const rows = await aggregate<HoursMember & { course: DevStepDoc[] }>('members', [
    { $match: { ...where, stage: command().in(['probationary', 'full']) } },
    { $limit: 1000 },
    { $project: { name: 1, className: 1, roles: 1, branchPost: 1, stage: 1 } },
    { $addFields: { courseId: $.concat(['$_id', `:${COURSE_STEP_KEY}`]) } },
    { $lookup: { from: 'devSteps', localField: 'courseId', foreignField: '_id', as: 'course' } },
    {
      $project: {
        name: 1,
        className: 1,
        roles: 1,
        branchPost: 1,
        stage: 1,
        'course.memberId': 1,
        'course.step': 1,
        'course.date': 1,
        'course.facts': 1,
      },
    },
  ])
  return {
    members: rows.map(({ course: _c, ...m }) => m),
    steps: rows.flatMap((r) => r.course),
  }
}

/** The committee records a training session and who attended, by student number (all must be on the roster). */
export async function recordTraining(
  params: { kind: TrainingKind; title: string; day: string; hours: number; studentNos: string[] },
  ctx: CallContext,
): Promise<RecordTrainingResult> {
  const caller = await callerWithCollege(ctx)
  if (!isCommittee(caller)) throw new AppError('FORBIDDEN', '学院培训由院党委登记')
  if (params.day > chinaDay(ctx.now)) throw new AppError('INVALID_ARGUMENT', '培训日期不能晚于今天，请在培训结束后登记')
  const wanted = [...new Set(params.studentNos)]
  const found = await findMany<Pick<MemberDoc, '_id' | 'studentNo'>>(
    'members',
    { collegeId: caller.member.collegeId, studentNo: command().in(wanted) },
    { limit: wanted.length, fields: { _id: true, studentNo: true } },
  )
  const missing = wanted.filter((no) => !found.some((m) => m.studentNo === no))
  if (missing.length > 0)
    throw new AppError(
      'INVALID_ARGUMENT',
      `名册中没有这些学号：${missing.slice(0, 5).join('、')}${missing.length > 5 ? ` 等 ${missing.length} 个` : ''}`,
    )
  const doc: TrainingSessionDoc = {
    collegeId: caller.member.collegeId,
    kind: params.kind,
    title: params.title,
    day: params.day,
    year: Number(params.day.slice(0, 4)),
    hours: params.hours,
    memberIds: found.map((m) => m._id),
    recordedBy: caller.memberId,
    recordedByName: caller.member.name,
    createdAt: ctx.now,
  }
  const id = await insert('trainingSessions', doc)
  await audit(
    caller,
    'care.recordTraining',
    id,
    { before: null, after: { title: doc.title, day: doc.day, hours: doc.hours, people: doc.memberIds.length } },
    ctx.now,
  )
  return { id, credited: doc.memberIds.length }
}
