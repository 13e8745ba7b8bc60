import { audit } from '../../_shared/audit'
import { hasRole, requireCallerWith, type Caller, type CallerWith } from '../../_shared/auth'
import { assertTextSafe } from '../../_shared/content'
import { findMany, updateWhere } from '../../_shared/db'
import { STAGE_LABELS } from '../../_shared/domain'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import type { BranchDoc } from '../../_shared/models'
import { castBallot, countOf, emptyTally, loadBox, openBox, type TallyDoc, type VoterDoc } from './ballot-box'
import { RATING_MAX, type QuestionResult, type SurveyCard, type SurveyView, type VoicesParams } from './contract'
import { randomId, type SurveyDoc, type SurveyQuestionDoc } from './model'
import { assertClosesAt, boxBranchId, boxScope, canManageBox, canSeeBox, openedBy } from './scope'

export function surveyCard(doc: SurveyDoc, tally: TallyDoc | null, answered: boolean): SurveyCard {
  return {
    id: doc._id,
    title: doc.title,
    scopeLabel: doc.scopeLabel,
    anonymous: doc.anonymous,
    status: doc.status,
    closesAt: doc.closesAt.toISOString(),
    answers: tally ? tally.ballots : null,
    answered,
  }
}

/** A member is asked when the survey's audience holds them (its branch or the college, and their stage). */
export function isAsked(caller: Caller, doc: SurveyDoc): boolean {
  const inScope = doc.branchId ? caller.branchId === doc.branchId : caller.member.collegeId === doc.collegeId
  return inScope && (doc.stages.length === 0 || doc.stages.includes(caller.member.stage))
}

export function questionResults(doc: SurveyDoc, tally: TallyDoc | null): QuestionResult[] {
  const total = tally?.ballots ?? 0
  const share = (n: number, of: number) => (of > 0 ? Math.round((n / of) * 1000) / 1000 : 0)
  return doc.questions.map((q) => {
    if (q.type === 'text')
      return { id: q.id, type: q.type, title: q.title, bars: [], average: null, texts: tally?.notes?.[q.id] ?? [] }
    if (q.type === 'rating') {
      const counts = Array.from({ length: RATING_MAX }, (_, i) => countOf(tally, q.id, String(i + 1)))
      const rated = counts.reduce((a, b) => a + b, 0)
      const sum = counts.reduce((a, n, i) => a + n * (i + 1), 0)
      return {
        id: q.id,
        type: q.type,
        title: q.title,
        bars: counts.map((count, i) => ({ label: `${i + 1} 分`, count, share: share(count, rated) })),
        average: rated > 0 ? Math.round((sum / rated) * 10) / 10 : null,
        texts: [],
      }
    }
    const bars = q.options.map((label, i) => {
      const count = countOf(tally, q.id, String(i))
      return { label, count, share: share(count, total) }
    })
    return { id: q.id, type: q.type, title: q.title, bars, average: null, texts: [] }
  })
}

function surveyView(caller: CallerWith, doc: SurveyDoc, tally: TallyDoc | null, answered: boolean): SurveyView {
  const canManage = canManageBox(caller, doc)
  return {
    ...surveyCard(doc, tally, answered),
    intro: doc.intro,
    audienceLabel: doc.audienceLabel,
    questions: doc.questions.map((q) => ({
      id: q.id,
      type: q.type,
      title: q.title,
      options: q.options,
      required: q.required,
    })),
    eligible: isAsked(caller, doc),
    canManage,
    results: canManage ? questionResults(doc, tally) : null,
  }
}

export interface LoadedSurvey {
  caller: CallerWith
  doc: SurveyDoc
  tally: TallyDoc | null
  answered: boolean
}

export async function loadSurvey(ctx: CallContext, surveyId: string): Promise<LoadedSurvey> {
  const { caller, doc, tally, voted } = await loadBox<SurveyDoc>(ctx, 'surveys', surveyId)
  if (!doc || !canSeeBox(caller, doc)) throw new AppError('NOT_FOUND', '没有找到这份问卷')
  return { caller, doc, tally, answered: voted }
}

export async function getSurvey(params: VoicesParams<'survey'>, ctx: CallContext): Promise<SurveyView> {
  const { caller, doc, tally, answered } = await loadSurvey(ctx, params.surveyId)
  return surveyView(caller, doc, tally, answered)
}

export async function createSurvey(params: VoicesParams<'createSurvey'>, ctx: CallContext): Promise<SurveyView> {
  const caller = await requireCallerWith(ctx, {
    branch: params.audience === 'branch' && !params.branchId,
    byId: params.branchId ? { branches: [params.branchId] } : {},
  })
  const collegeId = caller.member.collegeId
  let branchId: string | null = null
  let scopeLabel = '全院'
  let audienceLabel = '全院师生'
  if (params.audience === 'branch') {
    branchId = boxBranchId(caller, params.branchId)
    const branch = params.branchId ? ((caller.byId.branches?.[0] as BranchDoc | undefined) ?? null) : caller.branch
    if (!branch || branch.collegeId !== collegeId) throw new AppError('NOT_FOUND', '没有找到这个支部')
    scopeLabel = branch.name
    audienceLabel = `${branch.name}全体成员`
  } else if (!hasRole(caller, 'committee')) {
    throw new AppError('FORBIDDEN', '支部书记只能向本支部征求意见')
  }
  const stages = params.audience === 'stages' ? params.stages : []
  if (params.audience === 'stages') {
    if (stages.length === 0) throw new AppError('INVALID_ARGUMENT', '请选择征求对象的发展阶段')
    audienceLabel = `全院${stages.map((s) => STAGE_LABELS[s]).join('、')}`
  }
  const questions: SurveyQuestionDoc[] = params.questions.map((q, i) => ({
    id: `q${i + 1}`,
    type: q.type,
    title: q.title,
    options: q.type === 'single' || q.type === 'multiple' ? q.options : [],
    required: q.required,
  }))
  for (const [i, q] of questions.entries()) {
    if ((q.type === 'single' || q.type === 'multiple') && q.options.length < 2)
      throw new AppError('INVALID_ARGUMENT', `第 ${i + 1} 题至少需要 2 个选项`)
    if (new Set(q.options).size !== q.options.length)
      throw new AppError('INVALID_ARGUMENT', `第 ${i + 1} 题的选项不能重复`)
  }
  assertClosesAt(params.closesAt, ctx.now)
  await assertTextSafe(
    [params.title, params.intro, ...questions.flatMap((q) => [q.title, ...q.options])].join('\n'),
    caller.openid,
  )
  const surveyId = randomId('sv')
  const doc: SurveyDoc = {
    _id: surveyId,
    ...boxScope(collegeId, branchId),
    stages,
    scopeLabel,
    audienceLabel,
    title: params.title,
    intro: params.intro,
    anonymous: params.anonymous,
    questions,
    ...openedBy(caller, params.closesAt, ctx.now),
  }
  await openBox(
    caller,
    'surveys',
    doc,
    'voices.createSurvey',
    { title: doc.title, audience: audienceLabel, anonymous: doc.anonymous, questions: questions.length },
    ctx.now,
  )
  return surveyView(caller, doc, emptyTally(surveyId), false)
}

/** One answer sheet: checked against each question's type, counted like a ballot (anonymous unless named). */
export async function answerSurvey(params: VoicesParams<'answerSurvey'>, ctx: CallContext): Promise<SurveyView> {
  const { caller, doc, tally } = await loadSurvey(ctx, params.surveyId)
  if (!isAsked(caller, doc)) throw new AppError('FORBIDDEN', '这份问卷不向你征求意见')
  if (doc.status !== 'open' || ctx.now.getTime() >= doc.closesAt.getTime())
    throw new AppError('FAILED_PRECONDITION', '问卷已经截止')
  const byId = new Map(params.answers.map((a) => [a.questionId, a]))
  if (byId.size !== params.answers.length) throw new AppError('INVALID_ARGUMENT', '同一题只能回答一次')
  if (params.answers.some((a) => !doc.questions.some((q) => q.id === a.questionId)))
    throw new AppError('INVALID_ARGUMENT', '问卷已更新，请刷新后重试')
  const marks: { key: string; choice: string }[] = []
  const notes: { key: string; text: string }[] = []
  for (const [i, q] of doc.questions.entries()) {
    const a = byId.get(q.id)
    const missing = `请回答第 ${i + 1} 题`
    if (q.type === 'single' || q.type === 'multiple') {
      const choices = a?.choices ?? []
      if (choices.length === 0) {
        if (q.required) throw new AppError('INVALID_ARGUMENT', missing)
        continue
      }
      if (q.type === 'single' && choices.length > 1) throw new AppError('INVALID_ARGUMENT', `第 ${i + 1} 题只能选一项`)
      if (new Set(choices).size !== choices.length || choices.some((c) => c >= q.options.length))
        throw new AppError('INVALID_ARGUMENT', `第 ${i + 1} 题的选项不正确`)
      for (const c of choices) marks.push({ key: q.id, choice: String(c) })
    } else if (q.type === 'rating') {
      if (!a?.rating) {
        if (q.required) throw new AppError('INVALID_ARGUMENT', missing)
        continue
      }
      marks.push({ key: q.id, choice: String(a.rating) })
    } else {
      const text = a?.text ?? ''
      if (!text) {
        if (q.required) throw new AppError('INVALID_ARGUMENT', missing)
        continue
      }
      notes.push({ key: q.id, text })
    }
  }
  if (notes.length > 0) await assertTextSafe(notes.map((n) => n.text).join('\n'), caller.openid)
  await castBallot({
    boxId: doc._id,
    memberId: caller.memberId,
    marks,
    notes,
    named: doc.anonymous ? null : { name: caller.member.name, ballot: { answers: params.answers }, at: ctx.now },
    already: '你已经提交过这份问卷',
  })
  const counted: TallyDoc | null = tally ? { ...tally, ballots: tally.ballots + 1 } : null
  return surveyView(caller, doc, counted, true)
}

export async function closeSurvey(params: VoicesParams<'closeSurvey'>, ctx: CallContext): Promise<SurveyView> {
  const { caller, doc, tally, answered } = await loadSurvey(ctx, params.surveyId)
  if (!canManageBox(caller, doc)) throw new AppError('FORBIDDEN', '只有本支部书记、支委或院党委可以结束问卷')
  if (doc.status !== 'open') throw new AppError('FAILED_PRECONDITION', '问卷已经结束')
  const changed = await updateWhere(
    'surveys',
    { _id: doc._id, status: 'open' },
    { status: 'closed', closesAt: ctx.now },
  )
  if (changed !== 1) throw new AppError('CONFLICT', '问卷状态已变化，请刷新后重试')
  await audit(
    caller,
    'voices.closeSurvey',
    doc._id,
    { before: { status: 'open', closesAt: doc.closesAt }, after: { status: 'closed', closesAt: ctx.now } },
    ctx.now,
  )
  return surveyView(caller, { ...doc, status: 'closed', closesAt: ctx.now }, tally, answered)
}

/** Named surveys: each respondent's sheet, for the export. */
export async function namedSheets(surveyId: string): Promise<VoterDoc[]> {
  return findMany<VoterDoc>('ballotVoters', { boxId: surveyId }, { limit: 1000, orderBy: [['name', 'asc']] })
}
