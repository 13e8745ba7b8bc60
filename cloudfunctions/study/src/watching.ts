import { requireCaller } from '../../_shared/auth'
import { updateWhere } from '../../_shared/db'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import { canRead } from './audience'
import { requiredWatchSeconds, type WatchResult } from './contract'
import { TOKEN_TTL_MS, watchedVideo } from './reading'
import { articleForReader, notFound } from './support'

/** Played seconds are kept to a tenth: timeupdate fires a few times a second. */
const tenths = (seconds: number): number => Math.floor(seconds * 10) / 10

/**
 * Counts a segment of a video actually played (微党课). The total counted for one opening never exceeds
 * the wall time since `openArticle` issued the token, nor the video's length: a client claiming more
 * gets no more. `finishArticle` then awards the video points once enough has been played.
 */
export async function watchVideo(
  params: { id: string; token: string; seconds: number },
  ctx: CallContext,
): Promise<WatchResult> {
  const caller = await requireCaller(ctx)
  const found = await articleForReader(params.id, caller.memberId)
  if (!found || found.article.collegeId !== caller.member.collegeId || !canRead(caller, found.article)) throw notFound()
  const { article, mark } = found
  if (!watchedVideo(article)) throw new AppError('FAILED_PRECONDITION', '这篇文章没有视频')
  const openedAt = mark ? new Date(mark.openedAt).getTime() : 0
  if (!mark || mark.token !== params.token || ctx.now.getTime() - openedAt > TOKEN_TTL_MS) {
    throw new AppError('FAILED_PRECONDITION', '阅读凭证已失效，请重新打开文章')
  }
  const before = mark.watchedSeconds ?? 0
  const elapsed = (ctx.now.getTime() - openedAt) / 1000
  const counted = Math.max(before, tenths(Math.min(before + params.seconds, elapsed, article.video.seconds)))
  if (counted > before) {
    // Only over the total this report was measured against: two reports at once cannot both add.
    const changed = await updateWhere(
      'studyMarks',
      { _id: mark._id, token: params.token, watchedSeconds: before },
      { watchedSeconds: counted },
    )
    if (changed !== 1) throw new AppError('CONFLICT', '播放进度刚刚更新过，请稍后再试')
  }
  return { watchedSeconds: counted, requiredSeconds: requiredWatchSeconds(article.video.seconds) }
}
