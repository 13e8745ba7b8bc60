/**
 * Quorum and majority of a vote, as pure rules with their source. One engine for every vote the product
 * judges: the branch meeting that admits a 发展对象 or decides a 转正 (issue #17), anonymous votes and
 * elections (issue #20). A rule never declares a result the count does not carry.
 */

/** "present must exceed 1/2 of expected" is { num: 1, den: 2, strict: true }; "at least 4/5" is strict: false. */
export interface Share {
  num: number
  den: number
  strict: boolean
}

export interface RuleSource {
  /** The rule's text, quoted as it is applied. */
  text: string
  /** Where it stands, e.g. 《中国共产党发展党员工作细则》第二十条. */
  article: string
}

export interface VoteRule {
  id: string
  label: string
  /** Share of `expected` that those present (with a vote) must reach. */
  quorum: Share
  /** Share of `passBase` that votes for must reach to pass. */
  pass: Share
  /**
   * What `pass` is a share of: the voters expected (the default: 发展党员 meetings count the expected), or
   * those present (an ordinary 表决 by those who took part).
   */
  passBase?: 'expected' | 'present'
  /** Whether written opinions of absent voters, handed in before the meeting, count as votes. */
  countsWrittenOpinions: boolean
  sources: RuleSource[]
}

/** The count of one vote on one person or motion. */
export interface VoteCount {
  /** Voters expected (应到会有表决权的人数, after the exclusions the rules allow). */
  expected: number
  /** Voters present. */
  present: number
  for: number
  against: number
  abstain: number
  /** Written opinions of absent voters (only where the rule counts them). */
  writtenFor?: number
  writtenAgainst?: number
  writtenAbstain?: number
}

export type VoteProblemCode = 'invalid-count' | 'no-quorum' | 'not-passed'

export interface VoteProblem {
  code: VoteProblemCode
  /** A Chinese sentence naming the figures. */
  message: string
}

export interface VoteJudgement {
  /** The count is consistent and the quorum is met: a result may be declared. */
  valid: boolean
  quorumMet: boolean
  passed: boolean
  /** Votes for, written opinions included where the rule counts them. */
  totalFor: number
  problems: VoteProblem[]
}

const BRANCH_MEETING_SOURCES: RuleSource[] = [
  {
    text: '召开讨论接收预备党员的支部大会，有表决权的到会人数必须超过应到会有表决权人数的半数。',
    article: '《中国共产党发展党员工作细则》第二十条',
  },
  {
    text: '赞成人数超过应到会有表决权的正式党员的半数，才能通过接收预备党员的决议。因故不能到会的有表决权的正式党员，在支部大会召开前正式向党支部提出书面意见的，应当统计在票数内。',
    article: '《中国共产党发展党员工作细则》第二十一条',
  },
]

const MORE_THAN_HALF: Share = { num: 1, den: 2, strict: true }

/** 支部大会讨论接收预备党员 (step 15). */
export const ADMISSION_MEETING_RULE: VoteRule = {
  id: 'branch-meeting-admission',
  label: '支部大会讨论接收预备党员',
  quorum: MORE_THAN_HALF,
  pass: MORE_THAN_HALF,
  countsWrittenOpinions: true,
  sources: BRANCH_MEETING_SOURCES,
}

/** 支部大会讨论预备党员转正 (step 23): the same quorum and majority. */
export const CONFIRMATION_MEETING_RULE: VoteRule = {
  id: 'branch-meeting-confirmation',
  label: '支部大会讨论预备党员转正',
  quorum: MORE_THAN_HALF,
  pass: MORE_THAN_HALF,
  countsWrittenOpinions: true,
  sources: [
    ...BRANCH_MEETING_SOURCES,
    {
      text: '讨论预备党员转正的支部大会，对到会人数、赞成人数等要求与讨论接收预备党员的支部大会相同。',
      article: '《中国共产党发展党员工作细则》第三十三条',
    },
  ],
}

/**
 * An ordinary vote (推选, 表决 of a motion, a shortlist): more than half of those expected take part, and a
 * motion or a nominee passes with more than half of those who took part. The quorum is this product's
 * default practice, not a national article; the majority is the Party's 少数服从多数.
 */
export const MAJORITY_OF_PRESENT_RULE: VoteRule = {
  id: 'majority-of-present',
  label: '过半数表决',
  quorum: MORE_THAN_HALF,
  pass: MORE_THAN_HALF,
  passBase: 'present',
  countsWrittenOpinions: false,
  sources: [
    {
      text: '党员个人服从党的组织，少数服从多数，下级组织服从上级组织，全党各个组织和全体党员服从党的全国代表大会和中央委员会。',
      article: '《中国共产党章程》第十条',
    },
  ],
}

/** The rules a vote may be held under, by id (votes store the id). */
export const VOTE_RULES: readonly VoteRule[] = [
  ADMISSION_MEETING_RULE,
  CONFIRMATION_MEETING_RULE,
  MAJORITY_OF_PRESENT_RULE,
]

export function voteRuleById(id: string): VoteRule | null {
  return VOTE_RULES.find((r) => r.id === id) ?? null
}

/** Does `value` reach `share` of `whole`? Integer arithmetic: no rounding of halves. */
export function reachesShare(value: number, whole: number, share: Share): boolean {
  const left = value * share.den
  const right = whole * share.num
  return share.strict ? left > right : left >= right
}

/** The least whole number that reaches `share` of `whole` (e.g. 5 of 8 for "more than half"). */
export function leastReaching(whole: number, share: Share): number {
  const exact = (whole * share.num) / share.den
  return share.strict ? Math.floor(exact) + 1 : Math.ceil(exact)
}

function shareText(share: Share): string {
  const part = share.num === 1 && share.den === 2 ? '半数' : `${share.num}/${share.den}`
  return share.strict ? `超过${part}` : `不少于${part}`
}

function isCount(n: number | undefined): boolean {
  return n === undefined || (Number.isInteger(n) && n >= 0)
}

function countProblems(rule: VoteRule, c: VoteCount): VoteProblem[] {
  const figures = [c.expected, c.present, c.for, c.against, c.abstain, c.writtenFor, c.writtenAgainst, c.writtenAbstain]
  if (!figures.every(isCount)) return [{ code: 'invalid-count', message: '人数和票数必须是不小于 0 的整数' }]
  const problems: VoteProblem[] = []
  const ballots = c.for + c.against + c.abstain
  const written = (c.writtenFor ?? 0) + (c.writtenAgainst ?? 0) + (c.writtenAbstain ?? 0)
  if (c.expected < 1) problems.push({ code: 'invalid-count', message: '应到人数至少为 1' })
  if (c.present > c.expected) {
    problems.push({ code: 'invalid-count', message: `实到 ${c.present} 人，多于应到 ${c.expected} 人` })
  }
  if (ballots > c.present) {
    problems.push({ code: 'invalid-count', message: `赞成、反对、弃权共 ${ballots} 票，多于实到 ${c.present} 人` })
  }
  if (written > 0 && !rule.countsWrittenOpinions) {
    problems.push({ code: 'invalid-count', message: `${rule.label}不计书面意见` })
  }
  if (written > Math.max(0, c.expected - c.present)) {
    problems.push({
      code: 'invalid-count',
      message: `书面意见 ${written} 份，多于未到会的 ${Math.max(0, c.expected - c.present)} 人`,
    })
  }
  return problems
}

/** Judge a count against a rule: consistency first, then quorum, then majority. */
export function judgeVote(rule: VoteRule, count: VoteCount): VoteJudgement {
  const problems = countProblems(rule, count)
  const totalFor = count.for + (rule.countsWrittenOpinions ? (count.writtenFor ?? 0) : 0)
  if (problems.length > 0) return { valid: false, quorumMet: false, passed: false, totalFor, problems }
  const quorumMet = reachesShare(count.present, count.expected, rule.quorum)
  if (!quorumMet) {
    const need = leastReaching(count.expected, rule.quorum)
    problems.push({
      code: 'no-quorum',
      message: `应到 ${count.expected} 人，实到 ${count.present} 人，未${shareText(rule.quorum)}（至少需 ${need} 人），会议无效`,
    })
    return { valid: false, quorumMet, passed: false, totalFor, problems }
  }
  const ofPresent = rule.passBase === 'present'
  const base = ofPresent ? count.present : count.expected
  const passed = reachesShare(totalFor, base, rule.pass)
  if (!passed) {
    const need = leastReaching(base, rule.pass)
    problems.push({
      code: 'not-passed',
      message: `赞成 ${totalFor} 票，未${shareText(rule.pass)}${ofPresent ? '实到' : '应到'} ${base} 人（至少需 ${need} 票），未通过`,
    })
  }
  return { valid: true, quorumMet, passed, totalFor, problems }
}
