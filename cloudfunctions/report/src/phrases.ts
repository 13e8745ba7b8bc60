import { requireCaller, requireRole } from '../../_shared/auth'
import { assertTextSafe } from '../../_shared/content'
import { getById, getDb } from '../../_shared/db'
import type { CallContext } from '../../_shared/handler'

/** A reviewer's quick-comment phrases (`_id` = their memberId). */
export interface PhrasesDoc {
  _id: string
  phrases: string[]
  updatedAt: Date
}

/** What a secretary starts with until they edit their own list. */
export const DEFAULT_PHRASES = [
  '思想认识深刻，能联系自身实际，继续保持。',
  '内容较为空泛，请结合本季度的学习、工作和生活实际补充。',
  '请补充参加组织生活和志愿服务的具体情况及体会。',
  '查找不足要具体，整改措施要切实可行。',
  '手写稿请保持字迹清晰，按页码顺序拍照上传。',
  '理论学习有收获，建议进一步联系专业学习谈体会。',
]

export async function loadPhrases(memberId: string): Promise<string[]> {
  const doc = await getById('reviewPhrases', memberId)
  return doc ? doc.phrases : DEFAULT_PHRASES
}

/** Replaces the caller's phrase list (secretaries and the committee). */
export async function savePhrases(params: { phrases: string[] }, ctx: CallContext): Promise<{ phrases: string[] }> {
  const caller = await requireCaller(ctx)
  requireRole(caller, 'secretary', 'committee')
  const phrases = [...new Set(params.phrases)]
  await assertTextSafe(phrases.join('\n'), caller.openid)
  await getDb()
    .collection('reviewPhrases')
    .doc(caller.memberId)
    .set({ data: { phrases, updatedAt: ctx.now } })
  return { phrases }
}
