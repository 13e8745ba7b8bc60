import { audit } from '../../_shared/audit'
import { hasRole, requireCallerWith, type CallerWith } from '../../_shared/auth'
import { assertTextSafe } from '../../_shared/content'
import { findMany, readInTx, transaction } from '../../_shared/db'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import type { BranchDoc } from '../../_shared/models'
import { judgeVote, voteRuleById, type VoteRule } from '../../_shared/quorum'
import {
  castBallot,
  countOf,
  emptyTally,
  loadBox,
  openBox,
  type LoadedBox,
  type TallyDoc,
  type VoterDoc,
} from './ballot-box'
import {
  ELECTORATE_LABELS,
  MOTION_CHOICE_LABELS,
  type MotionChoice,
  type VoteCard,
  type VoteResult,
  type VoteView,
  type VoicesParams,
} from './contract'
import { randomId, type HonourDoc, type VoteDoc, type VoteOutcome, type VoteSubject } from './model'
import {
  assertClosesAt,
  boxBranchId,
  boxScope,
  canManageBox,
  canSeeBox,
  ELECTORATE_STAGES,
  openedBy,
  peopleOf,
} from './scope'

function ruleOf(doc: VoteDoc): VoteRule {
  const rule = voteRuleById(doc.ruleId)
  if (!rule) throw new Error(`unknown vote rule ${doc.ruleId}`)
  return rule
}

export function voteCard(doc: VoteDoc, tally: TallyDoc | null, voted: boolean): VoteCard {
  return {
    id: doc._id,
    title: doc.title,
    scopeLabel: doc.scopeLabel,
    kind: doc.kind,
    anonymous: doc.anonymous,
    status: doc.status,
    closesAt: doc.closesAt.toISOString(),
    expected: doc.electorateIds?.length ?? doc.outcome?.expected ?? 0,
    ballots: tally?.ballots ?? doc.outcome?.present ?? null,
    voted,
    declared: doc.outcome ? doc.outcome.declared : null,
  }
}

function ballotText(doc: VoteDoc, ballot: unknown): string {
  const label = (id: string) => doc.subjects.find((s) => s.id === id)?.label ?? id
  if (ballot && typeof ballot === 'object' && 'motion' in ballot) {
    const motion = (ballot as { motion: Record<string, MotionChoice> }).motion
    return Object.entries(motion)
      .map(([id, c]) => `${label(id)}：${MOTION_CHOICE_LABELS[c]}`)
      .join('；')
  }
  if (ballot && typeof ballot === 'object' && 'options' in ballot)
    return (ballot as { options: string[] }).options.map(label).join('、')
  return ''
}

async function voteView(caller: CallerWith, doc: VoteDoc, tally: TallyDoc | null, voted: boolean): Promise<VoteView> {
  const rule = ruleOf(doc)
  const canManage = canManageBox(caller, doc)
  let result: VoteResult | null = null
  if (doc.outcome) {
    const outcome = doc.outcome
    const named =
      !doc.anonymous && canManage
        ? (await findMany<VoterDoc>('ballotVoters', { boxId: doc._id }, { limit: 1000 })).map((v) => ({
            name: v.name ?? '',
            ballot: ballotText(doc, v.ballot),
          }))
        : null
    result = {
      expected: outcome.expected,
      present: outcome.present,
      quorumMet: outcome.quorumMet,
      declared: outcome.declared,
      summary: outcome.summary,
      subjects: outcome.subjects.map((s) => ({ ...s, label: doc.subjects.find((x) => x.id === s.id)?.label ?? '' })),
      named,
    }
  }
  return {
    ...voteCard(doc, tally, voted),
    description: doc.description,
    electorateLabel: ELECTORATE_LABELS[doc.electorate],
    ruleLabel: rule.label,
    ruleText: rule.sources.map((s) => `${s.article}：${s.text}`).join('\n'),
    maxChoices: doc.maxChoices,
    subjects: doc.subjects.map((s) => ({ id: s.id, label: s.label })),
    eligible: doc.electorateIds.includes(caller.memberId),
    canManage,
    result,
  }
}

type LoadedVote = LoadedBox<VoteDoc> & { doc: VoteDoc }

async function loadVote(ctx: CallContext, voteId: string): Promise<LoadedVote> {
  const { doc, ...loaded } = await loadBox<VoteDoc>(ctx, 'votes', voteId)
  if (!doc || !canSeeBox(loaded.caller, doc)) throw new AppError('NOT_FOUND', '没有找到这项投票')
  return { ...loaded, doc }
}

export async function getVote(params: VoicesParams<'vote'>, ctx: CallContext): Promise<VoteView> {
  const { caller, doc, tally, voted } = await loadVote(ctx, params.voteId)
  return voteView(caller, doc, tally, voted)
}

export async function createVote(params: VoicesParams<'createVote'>, ctx: CallContext): Promise<VoteView> {
  const caller = await requireCallerWith(ctx, {
    branch: !params.college && !params.branchId,
    byId: {
      ...(params.branchId ? { branches: [params.branchId] } : {}),
      ...(params.honourIds.length ? { honours: params.honourIds } : {}),
    },
  })
  const collegeId = caller.member.collegeId
  let branchId: string | null = null
  let scopeLabel = '全院'
  if (params.college) {
    if (!hasRole(caller, 'committee')) throw new AppError('FORBIDDEN', '只有院党委可以发起全院投票')
  } else {
    branchId = boxBranchId(caller, params.branchId)
    const branch = params.branchId ? ((caller.byId.branches?.[0] as BranchDoc | undefined) ?? null) : caller.branch
    if (!branch || branch.collegeId !== collegeId) throw new AppError('NOT_FOUND', '没有找到这个支部')
    scopeLabel = branch.name
  }
  let subjects: VoteSubject[]
  if (params.honourIds.length > 0) {
    if (!hasRole(caller, 'committee')) throw new AppError('FORBIDDEN', '只有院党委可以就提名发起推选')
    const honours = (caller.byId.honours ?? []) as HonourDoc[]
    if (
      honours.length !== new Set(params.honourIds).size ||
      honours.some((h) => h.collegeId !== collegeId || h.status !== 'nominated')
    ) {
      throw new AppError('NOT_FOUND', '有提名不存在或已处理，请刷新后重试')
    }
    subjects = params.honourIds.map((hid, i) => {
      const h = honours.find((x) => x._id === hid) as HonourDoc
      return { id: `s${i + 1}`, label: `${h.name}（${h.branchName}）`, honourId: h._id }
    })
  } else {
    subjects = params.subjects.map((label, i) => ({ id: `s${i + 1}`, label }))
  }
  if (subjects.length === 0)
    throw new AppError('INVALID_ARGUMENT', params.kind === 'motion' ? '请填写表决事项' : '请填写候选')
  if (params.kind === 'choice' && subjects.length < 2) throw new AppError('INVALID_ARGUMENT', '推选至少需要 2 个候选')
  if (new Set(subjects.map((s) => s.label)).size !== subjects.length)
    throw new AppError('INVALID_ARGUMENT', '表决事项或候选不能重复')
  const maxChoices = params.kind === 'choice' ? params.maxChoices : 1
  if (maxChoices >= subjects.length && params.kind === 'choice')
    throw new AppError('INVALID_ARGUMENT', '可选人数应少于候选人数')
  assertClosesAt(params.closesAt, ctx.now)
  await assertTextSafe([params.title, params.description, ...subjects.map((s) => s.label)].join('\n'), caller.openid)
  const people = await peopleOf({ branchId, collegeId }, ELECTORATE_STAGES[params.electorate])
  if (people.length < 2) throw new AppError('FAILED_PRECONDITION', '投票人不足 2 人')

  const voteId = randomId('vt')
  const doc: VoteDoc = {
    _id: voteId,
    ...boxScope(collegeId, branchId),
    scopeLabel,
    title: params.title,
    description: params.description,
    kind: params.kind,
    subjects,
    maxChoices,
    electorate: params.electorate,
    electorateIds: people.map((p) => p._id),
    anonymous: params.anonymous,
    ruleId: params.ruleId,
    ...openedBy(caller, params.closesAt, ctx.now),
    outcome: null,
  }
  await openBox(
    caller,
    'votes',
    doc,
    'voices.createVote',
    { title: doc.title, scope: scopeLabel, electorate: people.length, anonymous: doc.anonymous, ruleId: doc.ruleId },
    ctx.now,
  )
  return voteView(caller, doc, emptyTally(voteId), false)
}

export async function castVote(params: VoicesParams<'castVote'>, ctx: CallContext): Promise<VoteView> {
  const { caller, doc, tally } = await loadVote(ctx, params.voteId)
  if (!doc.electorateIds.includes(caller.memberId)) throw new AppError('FORBIDDEN', '你不在这项投票的投票人范围内')
  if (doc.status !== 'open' || ctx.now.getTime() >= doc.closesAt.getTime())
    throw new AppError('FAILED_PRECONDITION', '投票已经结束')
  const ids = doc.subjects.map((s) => s.id)
  let marks: { key: string; choice: string }[]
  let ballot: { motion: Record<string, MotionChoice> } | { options: string[] }
  if (doc.kind === 'motion') {
    const motion = params.motion ?? []
    const given = motion.map((m) => m.subjectId)
    if (given.length !== ids.length || new Set(given).size !== given.length || !ids.every((i) => given.includes(i))) {
      throw new AppError('INVALID_ARGUMENT', '请对每一项作出赞成、反对或弃权的选择')
    }
    marks = motion.map((m) => ({ key: m.subjectId, choice: m.choice }))
    ballot = { motion: Object.fromEntries(motion.map((m) => [m.subjectId, m.choice])) }
  } else {
    const options = params.options ?? []
    if (options.length === 0) throw new AppError('INVALID_ARGUMENT', '请至少选择 1 项')
    if (options.length > doc.maxChoices) throw new AppError('INVALID_ARGUMENT', `最多选择 ${doc.maxChoices} 项`)
    if (new Set(options).size !== options.length || !options.every((o) => ids.includes(o)))
      throw new AppError('INVALID_ARGUMENT', '所选候选不在名单中，请刷新后重试')
    marks = options.map((o) => ({ key: o, choice: 'for' }))
    ballot = { options }
  }
  await castBallot({
    boxId: doc._id,
    memberId: caller.memberId,
    marks,
    notes: [],
    named: doc.anonymous ? null : { name: caller.member.name, ballot, at: ctx.now },
    already: '你已经投过票，不能重复投票',
  })
  return voteView(caller, doc, tally ? { ...tally, ballots: tally.ballots + 1 } : null, true)
}

/** Judges every subject with the vote's rule (`_shared/quorum`): nothing is declared without a quorum. */
export function judgeOutcome(doc: VoteDoc, tally: TallyDoc | null, now: Date): VoteOutcome {
  const rule = ruleOf(doc)
  const expected = doc.electorateIds.length
  const present = tally?.ballots ?? 0
  const judged = doc.subjects.map((s) => {
    const yes = countOf(tally, s.id, 'for')
    const against = doc.kind === 'motion' ? countOf(tally, s.id, 'against') : 0
    const abstain = doc.kind === 'motion' ? countOf(tally, s.id, 'abstain') : present - yes
    const j = judgeVote(rule, { expected, present, for: yes, against, abstain })
    return {
      id: s.id,
      for: yes,
      against,
      abstain,
      passed: j.passed,
      chosen: false,
      problems: j.problems.map((p) => p.message),
      quorumMet: j.quorumMet,
    }
  })
  const quorumMet = judged.every((j) => j.quorumMet)
  let summary: string
  if (!quorumMet) {
    summary = judged[0]?.problems[0] ?? '参与人数不足，结果无效'
  } else if (doc.kind === 'motion') {
    summary = judged
      .map((j) => `${doc.subjects.find((s) => s.id === j.id)?.label}：${j.passed ? '通过' : '未通过'}`)
      .join('；')
  } else {
    const passed = judged.filter((j) => j.passed).sort((a, b) => b.for - a.for)
    const cut = passed[doc.maxChoices - 1]?.for
    const tieAtCut = cut !== undefined && passed.length > doc.maxChoices && passed[doc.maxChoices]?.for === cut
    for (const j of passed) j.chosen = tieAtCut ? j.for > cut : passed.indexOf(j) < doc.maxChoices
    const chosen = passed.filter((j) => j.chosen).map((j) => doc.subjects.find((s) => s.id === j.id)?.label)
    summary = chosen.length ? `当选：${chosen.join('、')}` : '没有候选得票超过半数'
    if (tieAtCut) summary += `；得 ${cut} 票的候选票数相等，需就其再次投票`
  }
  return {
    expected,
    present,
    quorumMet,
    declared: quorumMet,
    summary,
    subjects: judged.map(({ quorumMet: _q, ...rest }) => rest),
    judgedAt: now,
    ruleId: doc.ruleId,
  }
}

export async function closeVote(params: VoicesParams<'closeVote'>, ctx: CallContext): Promise<VoteView> {
  const { caller, doc, voted } = await loadVote(ctx, params.voteId)
  if (!canManageBox(caller, doc)) throw new AppError('FORBIDDEN', '只有本支部书记、支委或院党委可以结束投票')
  if (doc.status !== 'open') throw new AppError('FAILED_PRECONDITION', '投票已经结束')
  // The tally is read in the transaction that closes the box, so no ballot lands after the count.
  const outcome = await transaction(async (tx) => {
    const tally = await readInTx<TallyDoc>(tx.collection('ballotTallies').doc(doc._id))
    const current = await readInTx<VoteDoc>(tx.collection('votes').doc(doc._id))
    if (!current || current.status !== 'open') throw new AppError('CONFLICT', '投票已经结束')
    const result = judgeOutcome(doc, tally, ctx.now)
    await tx
      .collection('votes')
      .doc(doc._id)
      .update({ data: { status: 'closed', outcome: result } })
    return result
  }, 3)
  await audit(
    caller,
    'voices.closeVote',
    doc._id,
    {
      before: { status: 'open' },
      after: {
        status: 'closed',
        declared: outcome.declared,
        present: outcome.present,
        expected: outcome.expected,
        summary: outcome.summary,
      },
    },
    ctx.now,
  )
  return voteView(caller, { ...doc, status: 'closed', outcome }, null, voted)
}
