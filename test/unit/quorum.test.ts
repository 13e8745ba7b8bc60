import { describe, expect, it } from 'vitest'
import {
  ADMISSION_MEETING_RULE,
  CONFIRMATION_MEETING_RULE,
  judgeVote,
  leastReaching,
  reachesShare,
  type VoteRule,
} from '../../cloudfunctions/_shared/quorum'

const count = (expected: number, present: number, votesFor: number, against = 0, abstain = 0) => ({
  expected,
  present,
  for: votesFor,
  against,
  abstain,
})

describe('quorum and majority', () => {
  it('needs more than half present: 4 of 8 is not a quorum, 5 of 8 is', () => {
    const none = judgeVote(ADMISSION_MEETING_RULE, count(8, 4, 4))
    expect(none).toMatchObject({ valid: false, quorumMet: false, passed: false })
    expect(none.problems[0]).toMatchObject({ code: 'no-quorum' })
    expect(none.problems[0]!.message).toContain('至少需 5 人')
    expect(judgeVote(ADMISSION_MEETING_RULE, count(8, 5, 5))).toMatchObject({ valid: true, passed: true })
  })

  it('counts votes for against the expected, not those present', () => {
    // 7 of 12 present; 6 for is a majority of those present but not of the 12 expected.
    const verdict = judgeVote(ADMISSION_MEETING_RULE, count(12, 7, 6, 1))
    expect(verdict).toMatchObject({ valid: true, quorumMet: true, passed: false })
    expect(verdict.problems[0]!.message).toContain('至少需 7 票')
  })

  it('counts written opinions of absent voters where the rule does', () => {
    const verdict = judgeVote(CONFIRMATION_MEETING_RULE, { ...count(12, 7, 6, 1), writtenFor: 1 })
    expect(verdict).toMatchObject({ passed: true, totalFor: 7 })
    const noWritten: VoteRule = { ...ADMISSION_MEETING_RULE, countsWrittenOpinions: false }
    expect(judgeVote(noWritten, { ...count(12, 7, 6, 1), writtenFor: 1 }).problems[0]!.code).toBe('invalid-count')
  })

  it('refuses counts that cannot be', () => {
    expect(judgeVote(ADMISSION_MEETING_RULE, count(5, 6, 6)).problems[0]!.message).toContain('多于应到')
    expect(judgeVote(ADMISSION_MEETING_RULE, count(5, 3, 3, 1)).problems[0]!.message).toContain('多于实到')
    expect(judgeVote(ADMISSION_MEETING_RULE, { ...count(5, 4, 3), writtenFor: 2 }).valid).toBe(false)
    expect(judgeVote(ADMISSION_MEETING_RULE, count(5, 3, 2.5)).problems[0]!.code).toBe('invalid-count')
  })

  it('compares shares in integers, strict and not', () => {
    expect(reachesShare(4, 5, { num: 4, den: 5, strict: false })).toBe(true)
    expect(reachesShare(4, 5, { num: 4, den: 5, strict: true })).toBe(false)
    expect(leastReaching(9, { num: 1, den: 2, strict: true })).toBe(5)
    expect(leastReaching(10, { num: 4, den: 5, strict: false })).toBe(8)
  })

  it('names its sources', () => {
    expect(ADMISSION_MEETING_RULE.sources.map((s) => s.article)).toContain('《中国共产党发展党员工作细则》第二十条')
  })
})
