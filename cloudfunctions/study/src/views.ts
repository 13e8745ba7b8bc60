import type { ArticleCard, ArticleView, BlockView, ColumnView, CommentView } from './contract'
import type { ArticleDoc, ColumnDoc, CommentDoc } from './model'
import { tempUrls } from '../../_shared/storage'
import { iso } from '../../_shared/time'
import { MediaUrls } from './media-urls'

/** What the app is shown of stored documents (dates as ISO strings, files as temporary URLs). */

const HOUR = 60 * 60 * 1000
/** Article media URLs valid for 2 h, handed out while at least 1 h remains; a few thousand at most. */
const mediaUrls = new MediaUrls((ids) => tempUrls(ids, 2 * 60 * 60), { validMs: 2 * HOUR, minLeftMs: HOUR, max: 2000 })

export function columnView(doc: ColumnDoc): ColumnView {
  return { id: doc._id, name: doc.name, hidden: doc.hidden }
}

function cardOf(doc: ArticleDoc, urls: Map<string, string>): ArticleCard {
  return {
    id: doc._id,
    title: doc.title,
    summary: doc.summary,
    columnId: doc.columnId,
    columnName: doc.columnName,
    cover: doc.cover ? (urls.get(doc.cover) ?? null) : null,
    publishedAt: iso(doc.publishedAt),
    publisherName: doc.publisherName,
    audienceLabel: doc.audienceLabel,
    pinned: doc.pinned,
    hasVideo: doc.video !== null,
    readCount: doc.readCount,
    likeCount: doc.likeCount,
    commentCount: doc.commentCount,
  }
}

/** Cards for a page of articles: at most one storage request, for the covers this instance has no URL for. */
export async function cardsOf(docs: ArticleDoc[]): Promise<ArticleCard[]> {
  const urls = await mediaUrls.of(docs.map((d) => d.cover))
  return docs.map((d) => cardOf(d, urls))
}

export async function articleView(doc: ArticleDoc): Promise<ArticleView> {
  const images = doc.body.flatMap((b) => (b.type === 'image' ? [b.fileID] : []))
  const urls = await mediaUrls.of([doc.cover, doc.video?.fileID, ...images])
  const body: BlockView[] = doc.body.map((b) =>
    b.type === 'image'
      ? { type: 'image', fileID: b.fileID, url: urls.get(b.fileID) ?? '', ...(b.caption ? { caption: b.caption } : {}) }
      : { type: b.type, text: b.text },
  )
  const videoUrl = doc.video ? urls.get(doc.video.fileID) : undefined
  return {
    ...cardOf(doc, urls),
    status: doc.status,
    body,
    video: videoUrl && doc.video ? { url: videoUrl, fileID: doc.video.fileID, seconds: doc.video.seconds ?? 0 } : null,
    coverFileID: doc.cover,
    audience: doc.audience,
    authorName: doc.authorName,
    updatedAt: new Date(doc.updatedAt).toISOString(),
  }
}

export function commentView(doc: CommentDoc, callerId: string): Omit<CommentView, 'canModerate'> {
  return {
    id: doc._id,
    authorName: doc.authorName,
    authorClass: doc.authorClass,
    text: doc.text,
    createdAt: new Date(doc.createdAt).toISOString(),
    pinned: doc.pinned,
    hidden: doc.status === 'hidden',
    mine: doc.memberId === callerId,
    reply: doc.reply
      ? { text: doc.reply.text, byLabel: doc.reply.byLabel, at: new Date(doc.reply.at).toISOString() }
      : null,
  }
}
