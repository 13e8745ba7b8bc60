import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { keysOf, MEETING_TYPE_LABELS, MEETING_TYPES, STAGE_LABELS, STAGES } from '../../cloudfunctions/_shared/domain'

describe('vocabularies declared once (keysOf)', () => {
  it('derives the keys in declaration order: stages compare by their place in the list', () => {
    expect(STAGES).toEqual(['masses', 'applicant', 'activist', 'candidate', 'probationary', 'full'])
    expect(STAGES.map((s) => STAGE_LABELS[s])).toEqual([
      '群众',
      '入党申请人',
      '入党积极分子',
      '发展对象',
      '预备党员',
      '正式党员',
    ])
    expect(MEETING_TYPES).toEqual(Object.keys(MEETING_TYPE_LABELS))
  })

  it('gives z.enum exactly the labelled keys', () => {
    const kind = z.enum(keysOf({ internship: '外出实习', abroad: '出国（境）学习' }))
    expect(kind.parse('abroad')).toBe('abroad')
    expect(kind.safeParse('other').success).toBe(false)
  })
})
