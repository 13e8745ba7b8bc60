import { hasRole, isBranchCommitteeMember, requireCaller } from '../../_shared/auth'
import { command, findMany, getDb } from '../../_shared/db'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import type { BranchDoc } from '../../_shared/models'
import { chinaDay, DAY_MS, iso } from '../../_shared/time'
import { appraisalCard } from './appraisal'
import {
  GRADE_LABELS,
  type LifeMeetingOption,
  type VoicesManage,
  type MyGrade,
  type VoicesHome,
  type VoicesParams,
} from './contract'
import { appraisalIdOf, type AppraisalDoc, type SurveyDoc, type VoteDoc } from './model'
import { audienceKeysOf, branchKey } from './scope'
import { isAsked, surveyCard } from './surveys'
import { voteCard } from './votes'

/** Closed votes and surveys stay on the lists this long. */
const RECENT_DAYS = 30
/** A member's grades of this many past years show on their page. */
const GRADE_YEARS = 3

/**
 * The member's page: this year's appraisal of their branch, their published grades, and the votes and
 * surveys open to them (or closed lately), each with the caller's marker: caller and three aggregates, 4 requests.
 */
export async function home(_params: VoicesParams<'home'>, ctx: CallContext): Promise<VoicesHome> {
  const year = Number(chinaDay(ctx.now).slice(0, 4))
  const caller = await requireCaller(ctx)
  const branchId = caller.branchId
  const ids = branchId ? Array.from({ length: GRADE_YEARS }, (_, i) => appraisalIdOf(year - i, branchId)) : []
  const _ = command()
  const since = new Date(ctx.now.getTime() - RECENT_DAYS * DAY_MS)
  const keys = audienceKeysOf(caller)
  const [appraisals, votes, surveys] = await Promise.all([
    ids.length
      ? withOwn<AppraisalDoc>(
          'appraisals',
          { _id: _.in(ids) },
          caller.memberId,
          ['selfAppraisals', 'ballotVoters'],
          'year',
          GRADE_YEARS,
        )
      : Promise.resolve([]),
    withOwn<VoteDoc>(
      'votes',
      { audienceKey: _.in(keys), closesAt: _.gte(since), electorateIds: caller.memberId },
      caller.memberId,
      ['ballotVoters'],
      'closesAt',
      20,
    ),
    withOwn<SurveyDoc>(
      'surveys',
      { audienceKey: _.in(keys), closesAt: _.gte(since) },
      caller.memberId,
      ['ballotVoters'],
      'closesAt',
      20,
    ),
  ])
  const mineOnly = appraisals.filter((a) => a.members.some((m) => m.memberId === caller.memberId))
  const now = mineOnly.find((a) => a._id === ids[0]) ?? null
  const grades: MyGrade[] = mineOnly
    .filter((a) => a.status === 'published' && a.decisions?.[caller.memberId])
    .map((a) => {
      const grade = a.decisions[caller.memberId].grade
      return { appraisalId: a._id, year: a.year, branchName: a.branchName, grade, gradeLabel: GRADE_LABELS[grade] }
    })
  return {
    appraisal: now
      ? {
          ...appraisalCard(now, null),
          selfWritten: now.own.selfAppraisals.length > 0,
          hasAppraised: now.own.ballotVoters.length > 0,
        }
      : null,
    grades,
    votes: votes.map((v) => voteCard(v, null, v.own.ballotVoters.length > 0)),
    surveys: surveys.filter((s) => isAsked(caller, s)).map((s) => surveyCard(s, null, s.own.ballotVoters.length > 0)),
    isManager:
      hasRole(caller, 'committee') ||
      (hasRole(caller, 'secretary') && caller.branchId !== null) ||
      isBranchCommitteeMember(caller, caller.branchId),
  }
}

/**
 * Documents with the caller's own documents about each (`<memberId>:<docId>` in each named collection:
 * the ballot marker, the self-appraisal), newest first by `sortField`: one aggregate with indexed lookups.
 */
async function withOwn<T extends { _id: string }>(
  collection: string,
  where: Record<string, unknown>,
  memberId: string,
  lookups: string[],
  sortField: string,
  limit: number,
): Promise<(T & { own: Record<string, unknown[]> })[]> {
  const db = getDb()
  const $ = db.command.aggregate
  let query = db
    .collection(collection)
    .aggregate()
    .match(where)
    .sort({ [sortField]: -1 })
    .limit(limit)
    .addFields({ ownId: $.concat([`${memberId}:`, '$_id']) })
  for (const [i, from] of lookups.entries())
    query = query.lookup({ from, localField: 'ownId', foreignField: '_id', as: `own${i}` })
  const res = (await query.end()) as { list: (T & Record<string, unknown>)[] }
  return res.list.map((row) => {
    const own: Record<string, unknown[]> = {}
    const doc = { ...row } as Record<string, unknown>
    lookups.forEach((from, i) => {
      own[from] = (row[`own${i}`] as unknown[] | undefined) ?? []
      delete doc[`own${i}`]
    })
    delete doc.ownId
    return { ...(doc as T), own }
  })
}

type LifeMeetingRow = { _id: string; title: string; startAt: Date; status: string }
type BranchWithAppraisal = BranchDoc & { withAppraisal: AppraisalDoc[]; withMeetings: LifeMeetingRow[] }

/** A branch's 组织生活会 of `year` that are not cancelled, soonest first: what the appraisal may be held with. */
function lifeMeetingsOf(rows: LifeMeetingRow[], year: number): LifeMeetingOption[] {
  return rows
    .filter((m) => m.status !== 'cancelled' && chinaDay(new Date(m.startAt)).startsWith(`${year}-`))
    .sort((a, b) => new Date(a.startAt).getTime() - new Date(b.startAt).getTime())
    .map((m) => ({ id: m._id, title: m.title, startAt: iso(m.startAt) }))
}

/**
 * The managers' page (secretary, committee, and a branch's 支委): each branch in scope with this year's
 * appraisal and 组织生活会, and the votes and surveys of the scope. Caller, branches with their appraisals
 * and meetings (one aggregate), votes, surveys: 4 requests.
 */
export async function manage(params: VoicesParams<'manage'>, ctx: CallContext): Promise<VoicesManage> {
  const caller = await requireCaller(ctx)
  const committee = hasRole(caller, 'committee')
  const secretary = hasRole(caller, 'secretary')
  const post = isBranchCommitteeMember(caller, caller.branchId) ? (caller.member.branchPost ?? null) : null
  if (!committee && !secretary && !post) throw new AppError('FORBIDDEN', '你没有权限进行此操作')
  if (!committee && !caller.branchId) throw new AppError('FORBIDDEN', '你还没有分管的支部')
  const branchId = committee ? (params.branchId ?? null) : caller.branchId
  if (!committee && params.branchId && params.branchId !== caller.branchId)
    throw new AppError('FORBIDDEN', '只能管理本支部的事务')
  const collegeId = caller.member.collegeId
  const year = Number(chinaDay(ctx.now).slice(0, 4))
  const since = new Date(ctx.now.getTime() - 60 * DAY_MS)
  const db = getDb()
  const $ = db.command.aggregate
  const _ = command()
  const scopeWhere = branchId
    ? { audienceKey: branchKey(branchId), closesAt: _.gte(since) }
    : { collegeId, closesAt: _.gte(since) }
  const [branchRows, votes, surveys] = await Promise.all([
    db
      .collection('branches')
      .aggregate()
      .match(branchId ? { _id: branchId } : { collegeId })
      .sort({ order: 1 })
      .limit(100)
      .addFields({ appraisalId: $.concat([`ap-${year}-`, '$_id']) })
      .lookup({ from: 'appraisals', localField: 'appraisalId', foreignField: '_id', as: 'withAppraisal' })
      .lookup({
        from: 'meetings',
        let: { branchId: '$_id' },
        // The branch's 组织生活会, newest first; the year is picked below (a handful a year, never the sheet).
        pipeline: withPipeline($)
          .pipeline()
          .match({ $expr: { $and: [{ $eq: ['$branchId', '$$branchId'] }, { $eq: ['$type', 'lifeMeeting'] }] } })
          .sort({ startAt: -1 })
          .limit(12)
          .project({ _id: 1, title: 1, startAt: 1, status: 1 })
          .done(),
        as: 'withMeetings',
      })
      .end() as Promise<{ list: BranchWithAppraisal[] }>,
    findMany<VoteDoc>('votes', scopeWhere, { orderBy: [['closesAt', 'desc']], limit: 30 }),
    findMany<SurveyDoc>('surveys', scopeWhere, { orderBy: [['closesAt', 'desc']], limit: 30 }),
  ])
  const branches = branchRows.list.filter((b) => b.collegeId === collegeId)
  return {
    scopeLabel: branchId ? (branches[0]?.name ?? '本支部') : '全院',
    year,
    branches: branches.map((b) => ({
      id: b._id,
      name: b.name,
      appraisal: b.withAppraisal?.[0] ? appraisalCard(b.withAppraisal[0], null) : null,
      lifeMeetings: lifeMeetingsOf(b.withMeetings ?? [], year),
    })),
    votes: votes.map((v) => voteCard(v, null, false)),
    surveys: surveys.map((s) => surveyCard(s, null, false)),
    committee,
    canStart: committee || secretary,
    post,
  }
}

/** The SDK has `aggregate.pipeline()` (for `$lookup` sub-pipelines); its .d.ts does not name it. */
interface PipelineStages {
  match(query: Record<string, unknown>): PipelineStages
  sort(order: Record<string, 1 | -1>): PipelineStages
  limit(n: number): PipelineStages
  project(projection: Record<string, unknown>): PipelineStages
  done(): unknown
}
function withPipeline<T extends object>(aggregateCommand: T): T & { pipeline(): PipelineStages } {
  return aggregateCommand as T & { pipeline(): PipelineStages }
}
