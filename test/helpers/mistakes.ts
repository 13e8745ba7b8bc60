import { mistakeId } from '../../cloudfunctions/quiz/src/attempt'
import type { MistakeBookDoc, MistakeEntry } from '../../cloudfunctions/quiz/src/model'
import { type adminSdk, findDocs } from './sdk'

/** A 错题本 entry as stored in the member's book, with the id the app names it by. */
export type StoredMistake = MistakeEntry & { _id: string; memberId: string }

/** The member's 错题本 document (null before their first mistake). */
export async function bookOf(sdk: ReturnType<typeof adminSdk>, memberId: string): Promise<MistakeBookDoc | null> {
  const [book] = await findDocs<MistakeBookDoc>(sdk, 'quizMistakeBooks', { _id: memberId })
  return book ?? null
}

/** The member's 错题本 entries as stored. */
export async function mistakesOf(sdk: ReturnType<typeof adminSdk>, memberId: string): Promise<StoredMistake[]> {
  const book = await bookOf(sdk, memberId)
  return Object.values(book?.entries ?? {}).map((entry) => ({
    ...entry,
    _id: mistakeId(memberId, entry.questionId),
    memberId,
  }))
}
