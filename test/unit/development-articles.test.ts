import { describe, expect, it } from 'vitest'
import { RULES } from '../../cloudfunctions/development/src/rules'

/**
 * The articles of 《中国共产党发展党员工作细则》(2014) each rule cites, as checked against the published text
 * (issue #17): 预审 and the three-month rule are in 第十九条 (第十八条 only says admission follows the 党章's
 * procedure); the quorum is 第二十条, the majority 第二十一条, the conversion meeting 第三十三条.
 */
const VERIFIED: Record<string, string> = {
  'talk-within': '第七条',
  contacts: '第九条',
  'assessment-interval': '第十一条',
  'activist-year': '第十三条',
  introducers: '第十四条',
  'political-review': '第十六条',
  'training-hours': '第十七条',
  'preview-first': '第十九条',
  'leaving-soon': '第十九条',
  'admission-vote': '第二十条、第二十一条',
  extension: '第三十二条',
  'probation-ended': '第三十二条',
  'confirmation-vote': '第二十条、第二十一条、第三十三条',
}

describe('the development rules cite the articles of the 2014 细则 that say them', () => {
  it.each(Object.entries(VERIFIED))('%s cites %s', (id, article) => {
    expect(RULES.find((r) => r.id === id)?.source.article).toBe(`《中国共产党发展党员工作细则》${article}`)
  })
})
