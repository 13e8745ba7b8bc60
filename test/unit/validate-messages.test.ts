import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { AppError } from '../../cloudfunctions/_shared/envelope'
import { parseInput } from '../../cloudfunctions/_shared/validate'
import { branchSchemas } from '../../cloudfunctions/branch/src/contract'
import { meetingSchemas } from '../../cloudfunctions/meeting/src/contract'
import { quizSchemas } from '../../cloudfunctions/quiz/src/contract'
import { reportSchemas } from '../../cloudfunctions/report/src/contract'
import { studySchemas } from '../../cloudfunctions/study/src/contract'
import { userSchemas } from '../../cloudfunctions/user/src/contract'

/**
 * Every refusal of bad input reads as Chinese a person understands (issue #16): no field key
 * (「标题至少 4 个字（title）」), no type-checker wording (「期望 string」). Each action of each function
 * is fed hostile inputs; whatever the first problem is, its message has no Latin letters other than
 * the names of file formats a person knows (PDF, Word, Excel, MB).
 */
const KNOWN_WORDS = /\b(PDF|Word|Excel|MB|KB)\b/g

function plainChinese(message: string): boolean {
  return /^[^A-Za-z]*[\u4e00-\u9fa5][^A-Za-z]*$/.test(message.replace(KNOWN_WORDS, ''))
}
const ALL: Record<string, Record<string, z.ZodType>> = {
  user: userSchemas,
  study: studySchemas,
  report: reportSchemas,
  meeting: meetingSchemas,
  quiz: quizSchemas,
  branch: branchSchemas,
}

const LONG = '很长的内容'.repeat(4000)
const HOSTILE: unknown[] = [
  null,
  42,
  'text',
  [],
  {},
  {
    title: 'ab',
    body: '',
    text: '',
    reason: '',
    name: 1,
    date: 'tomorrow',
    period: 'x',
    meetingId: 5,
    memberId: [],
    kind: 'nope',
  },
  { title: LONG, body: LONG, text: LONG, reason: LONG, place: LONG, agenda: LONG, summary: LONG, note: LONG },
  {
    photos: Array.from({ length: 200 }, () => 'x'),
    memberIds: Array.from({ length: 5000 }, () => 'm'),
    ids: 'x',
    answers: 'x',
    blocks: 'x',
  },
]

function messageOf(schema: z.ZodType, input: unknown): string | null {
  try {
    parseInput(schema, input)
    return null
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    return error.message
  }
}

describe('validation messages', () => {
  it('name the field in words and never leak its key', () => {
    expect(
      messageOf(studySchemas.publish, { status: 'draft', title: '短', columnId: 'c-1', cover: null, body: [] }),
    ).toBe('标题至少 4 个字')
  })

  for (const [fn, schemas] of Object.entries(ALL)) {
    it(`${fn}: every action answers hostile input in plain Chinese`, () => {
      for (const [action, schema] of Object.entries(schemas)) {
        for (const input of HOSTILE) {
          const message = messageOf(schema, input)
          if (message === null) continue
          expect(plainChinese(message), `${fn}.${action} ${JSON.stringify(input).slice(0, 80)}: ${message}`).toBe(true)
        }
      }
    })
  }
})
