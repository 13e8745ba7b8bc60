import type { ArticleAudience, Block, ArticleStatus } from './contract'

/**
 * Stored documents of the study feature. Sort keys (`feedKey`, `openKey`, ...) are
 * `<ISO time>|<id>`: unique, ordered like their time, so one range condition pages through a list.
 */

export interface ColumnDoc {
  _id: string
  collegeId: string
  name: string
  /** Fractional: moving a column between two others writes only that column. */
  order: number
  hidden: boolean
  createdAt: Date
  updatedAt: Date
}

export interface ArticleDoc {
  _id: string
  collegeId: string
  columnId: string
  /** Copied from the column (renames update it) so lists need no second read. */
  columnName: string
  title: string
  /** The title's characters and bigrams, lower-cased (title-grams.ts): the title search's multikey index. */
  titleGrams: string[]
  summary: string
  cover: string | null
  body: Block[]
  /** 微党课: the video and its length in seconds (older documents may lack the length). */
  video: { fileID: string; seconds?: number } | null
  audience: ArticleAudience
  /** The one audience key readers match (see audience.ts). */
  audienceKey: string
  audienceLabel: string | null
  /** The branch whose secretary manages it; null: the committee's. */
  ownerBranchId: string | null
  publisherName: string
  authorId: string
  authorName: string
  status: ArticleStatus
  pinned: boolean
  /** Characters of text: scales the reading time that earns points. */
  textLength: number
  readCount: number
  likeCount: number
  favoriteCount: number
  commentCount: number
  publishedAt: Date | null
  /** `<publishedAt ISO>|<id>` while published, else null: the order of every reader list. */
  feedKey: string | null
  /** `<updatedAt ISO>|<id>`: the order of publishers' lists. */
  updatedKey: string
  createdAt: Date
  updatedAt: Date
  withdrawnAt: Date | null
}

/** One member and one article: like, favourite, reading history and the current read token. `_id` = `<memberId>:<articleId>`. */
export interface MarkDoc {
  _id: string
  memberId: string
  articleId: string
  liked: boolean
  favorited: boolean
  /** `<favourited ISO>|<articleId>` while favourited, else null. */
  favoriteKey: string | null
  /** `<last opened ISO>|<articleId>`: reading history. */
  openKey: string
  token: string
  openedAt: Date
  /** A video article: played seconds counted for the current token (reset on every open). */
  watchedSeconds?: number
}

export interface CommentDoc {
  _id: string
  collegeId: string
  articleId: string
  /** Copied from the article: who may moderate. */
  articleOwnerBranchId: string | null
  memberId: string
  authorName: string
  authorClass: string
  authorBranchId: string | null
  text: string
  status: 'visible' | 'hidden'
  pinned: boolean
  /** `<1|0 pinned>|<createdAt ISO>|<id>`: pinned first, then newest. */
  sortKey: string
  reply: { text: string; byLabel: string; byMemberId: string; at: Date } | null
  createdAt: Date
  updatedAt: Date
}

/**
 * One day's 打卡 (clock-in; a meeting's 签到 is its check-in). `_id` = `<memberId>:<day>`, so a second one the
 * same day cannot be stored. Stored under the older names: collection `checkIns`, points kind `checkIn`, settings
 * `checkInBasePoints` / `checkInMaxPoints` (renaming stored data would need a migration for no reader's gain).
 */
export interface ClockInDoc {
  _id: string
  memberId: string
  branchId: string | null
  day: string
  month: string
  /** Consecutive days ending with this one. */
  streak: number
  at: Date
}
