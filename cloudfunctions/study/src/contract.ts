import type { CursorPage } from '../../_shared/cursor'
import { z } from 'zod'
import type { ActionKinds, Contract } from '../../_shared/contract'
import { STAGES, type PointKind } from '../../_shared/domain'
import { ARTICLE_VIDEO_LIMITS } from '../../_shared/upload-kinds'
import { cursor, fileId, id, noParams, text } from '../../_shared/validate'

/** Document ids: generated (hex) or seeded (`a-theory-01`); nothing else reaches a query. */
/** An opaque page cursor handed out by the previous page. */
const optionalText = (label: string, max: number) => z.string().trim().max(max, `${label}不能超过 ${max} 个字`)

/** The article body: a safe, structured document instead of raw HTML (rendered with Taro components). */
export const blockSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('paragraph'), text: text('段落内容', 3000) }),
    z.object({ type: z.literal('heading'), text: text('小标题', 40) }),
    z.object({ type: z.literal('quote'), text: text('引用内容', 600) }),
    z.object({ type: z.literal('image'), fileID: fileId, caption: optionalText('图片说明', 60).optional() }),
  ],
  { error: '正文段落格式不正确' },
)
export type Block = z.output<typeof blockSchema>

export const articleAudienceSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('all') }),
    z.object({ kind: z.literal('branch'), branchId: id('支部') }),
    z.object({
      kind: z.literal('stages'),
      stages: z
        .array(z.enum(STAGES, { error: '发展阶段不正确' }))
        .min(1, '请至少选择一个发展阶段')
        .max(STAGES.length),
    }),
  ],
  { error: '请选择文章面向的读者' },
)
export type ArticleAudience = z.output<typeof articleAudienceSchema>

/** Seconds of a video that must actually be played to earn points. */
export function requiredWatchSeconds(durationSeconds: number): number {
  return Math.max(1, Math.ceil(durationSeconds * ARTICLE_VIDEO_LIMITS.watchShare))
}

/** An article's video: an uploaded mp4/mov and its length (bounds the played time that counts). */
export const articleVideoSchema = z.object(
  {
    fileID: z
      .string({ error: '请上传视频' })
      .max(400, '文件标识过长')
      .regex(/^cloud:\/\/[^/\s]+\/\S+\.(mp4|mov|m4v)$/i, '视频须通过支部通上传（mp4 或 mov 格式）'),
    seconds: z
      .number({ error: '缺少视频时长' })
      .int('视频时长须为整数秒')
      .min(1, '视频太短')
      .max(ARTICLE_VIDEO_LIMITS.maxSeconds, `视频不能超过 ${ARTICLE_VIDEO_LIMITS.maxSeconds / 60} 分钟`),
  },
  { error: '视频格式不正确' },
)

export const studySchemas = {
  /** Column navigation; the committee also gets hidden columns (to manage them). */
  columns: noParams,
  /** Committee: add a column, or rename / hide / show one. */
  saveColumn: z.object({
    id: id('栏目').optional(),
    name: text('栏目名称', 8),
    hidden: z.boolean().default(false),
  }),
  /** Committee: move a column one place up or down. */
  moveColumn: z.object({ id: id('栏目'), direction: z.enum(['up', 'down'], { error: '移动方向不正确' }) }),

  /** The study tab: columns, pinned notices, newest articles, today's clock-in. */
  feed: noParams,
  /** A column's articles, or a title search (in one column or all), newest first, by cursor. */
  list: z
    .object({
      columnId: id('栏目').optional(),
      keyword: optionalText('搜索词', 30).optional(),
      cursor,
    })
    .refine((p) => p.columnId !== undefined || (p.keyword !== undefined && p.keyword.length > 0), {
      error: '请选择栏目或输入搜索词',
    }),
  /** One article without starting a reading (publishers' preview and editing; drafts for managers). */
  get: z.object({ id: id('文章') }),
  /** Opens an article for reading: the article, my like/favourite, and a server-side read token. */
  openArticle: z.object({ id: id('文章') }),
  /** Ends a reading; points only when the server-measured time since `openArticle` is long enough. */
  finishArticle: z.object({
    id: id('文章'),
    token: z.string().regex(/^[a-f0-9]{32}$/, '阅读凭证无效，请重新打开文章'),
  }),
  /**
   * A video article: seconds actually played since the last report (from the player's timeupdate/ended).
   * The server counts at most the time since `openArticle` and at most the video's length.
   */
  watchVideo: z.object({
    id: id('文章'),
    token: z.string().regex(/^[a-f0-9]{32}$/, '阅读凭证无效，请重新打开文章'),
    seconds: z
      .number({ error: '缺少播放时长' })
      .min(0, '播放时长不正确')
      .max(ARTICLE_VIDEO_LIMITS.maxSegmentSeconds, '播放时长不正确'),
  }),
  like: z.object({ id: id('文章'), on: z.boolean({ error: '缺少点赞状态' }) }),
  favorite: z.object({ id: id('文章'), on: z.boolean({ error: '缺少收藏状态' }) }),
  favorites: z.object({ cursor }),
  history: z.object({ cursor }),

  comment: z.object({ articleId: id('文章'), text: text('评论', 300) }),
  comments: z.object({ articleId: id('文章'), cursor }),
  /** Secretary (their branch) or committee: reply as the branch, pin, hide. */
  moderate: z
    .object({
      commentId: id('评论'),
      op: z.enum(['reply', 'pin', 'unpin', 'hide', 'unhide'], { error: '不支持的操作' }),
      text: text('回复', 300).optional(),
    })
    .refine((p) => p.op !== 'reply' || p.text !== undefined, { error: '请填写回复', path: ['text'] }),

  /** Create or edit an article: save as a draft, or publish. A secretary publishes only to their branch. */
  publish: z.object({
    id: id('文章').optional(),
    status: z.enum(['draft', 'published'], { error: '请选择存草稿或发布' }),
    title: text('标题', 40, 4),
    columnId: id('栏目'),
    cover: fileId.nullable(),
    /** 微党课: one video shown above the text. */
    video: articleVideoSchema.nullable().default(null),
    summary: optionalText('摘要', 120).optional(),
    body: z.array(blockSchema).min(1, '请填写正文').max(120, '正文段落不能超过 120 段'),
    audience: articleAudienceSchema,
    pinned: z.boolean().default(false),
  }),
  withdraw: z.object({ id: id('文章') }),
  /** Publishers: the articles they manage (their branch's; the committee: all), by status. */
  managed: z.object({ status: z.enum(['draft', 'published', 'withdrawn']).default('published'), cursor }),

  /** Daily clock-in (打卡): once per China-time day. */
  clockIn: noParams,
  clockInCalendar: z.object({
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM')
      .optional(),
  }),
  /** 我的积分: today's points by kind against the caps, totals, streak and this month's clock-ins. */
  points: noParams,
  /** The ledger, newest first, by cursor. */
  pointsHistory: z.object({ cursor }),
  ranking: z.object({
    scope: z.enum(['branch', 'college'], { error: '排行范围不正确' }).default('branch'),
    period: z.enum(['week', 'month', 'all'], { error: '排行周期不正确' }).default('week'),
    /** The committee may look at any branch; everyone else sees their own. */
    branchId: id('支部').optional(),
  }),
}

/** Which actions only read (see ActionKind): held to it by test/functions/reads-change-nothing.test.ts. */
export const studyActionKinds = {
  columns: 'read',
  saveColumn: 'write',
  moveColumn: 'write',
  feed: 'read',
  list: 'read',
  get: 'read',
  openArticle: 'write',
  finishArticle: 'write',
  watchVideo: 'write',
  like: 'write',
  favorite: 'write',
  favorites: 'read',
  history: 'read',
  comment: 'write',
  comments: 'read',
  moderate: 'write',
  publish: 'write',
  withdraw: 'write',
  managed: 'read',
  clockIn: 'write',
  clockInCalendar: 'read',
  points: 'read',
  pointsHistory: 'read',
  ranking: 'read',
} as const satisfies ActionKinds<typeof studySchemas>

export type ArticleStatus = 'draft' | 'published' | 'withdrawn'

export interface ColumnView {
  id: string
  name: string
  hidden: boolean
}

/** An article in a list. Dates are ISO strings; `cover` is a temporary URL to show. */
export interface ArticleCard {
  id: string
  title: string
  summary: string
  columnId: string
  columnName: string
  cover: string | null
  publishedAt: string | null
  publisherName: string
  /** Who may read it, when not everyone (e.g. 计算机科学本科生党支部, 发展对象). */
  audienceLabel: string | null
  pinned: boolean
  hasVideo: boolean
  readCount: number
  likeCount: number
  commentCount: number
}

export type { CursorPage }

export type BlockView =
  | { type: 'paragraph' | 'heading' | 'quote'; text: string }
  | { type: 'image'; fileID: string; url: string; caption?: string }

export interface ArticleView extends ArticleCard {
  status: ArticleStatus
  body: BlockView[]
  /** `seconds`: the video's length; `fileID` for the editor. */
  video: { url: string; fileID: string; seconds: number } | null
  coverFileID: string | null
  audience: ArticleAudience
  authorName: string
  updatedAt: string
}

export interface FeedResult {
  columns: ColumnView[]
  pinned: ArticleCard[]
  latest: ArticleCard[]
  clockIn: ClockInState
  /** Secretary or committee: may publish. */
  canPublish: boolean
}

export interface OpenResult {
  article: ArticleView
  liked: boolean
  favorited: boolean
  reading: {
    token: string
    /** How long the reading must last to earn points (a video: the seconds that must actually be played). */
    seconds: number
    points: number
    kind: PointKind
    /** Whether reading today can still earn: already earned for this article today, or the day's cap is reached. */
    today: 'open' | 'duplicate' | 'capped'
  }
}

export interface WatchResult {
  /** Played seconds the server counts for this opening. */
  watchedSeconds: number
  /** Played seconds that earn the video points. */
  requiredSeconds: number
}

export type FinishOutcome = 'awarded' | 'tooSoon' | 'duplicate' | 'capped'

export interface FinishResult {
  outcome: FinishOutcome
  awarded: number
  /** When too soon: seconds still to read. */
  remainingSeconds: number
  /** My points in all after this reading; null when nothing was awarded (too soon). */
  total: number | null
}

export interface EditorInfo {
  /** Columns one may publish to (visible ones). */
  columns: ColumnView[]
  /** Branches one may publish for: the committee all, a secretary their own. */
  branches: { id: string; name: string }[]
}

export interface GetResult {
  article: ArticleView
  /** The caller may edit / withdraw it. */
  canManage: boolean
  /** For managers: what the editor offers. */
  editor: EditorInfo | null
}

export interface ToggleResult {
  on: boolean
  /** False when it was already so (idempotent). */
  changed: boolean
}

export interface HistoryItem extends ArticleCard {
  /** When I last opened it (history) or favourited it (favorites). */
  at: string
}

export interface CommentView {
  id: string
  authorName: string
  authorClass: string
  text: string
  createdAt: string
  pinned: boolean
  hidden: boolean
  mine: boolean
  /** The caller may reply to, pin or hide it. */
  canModerate: boolean
  reply: { text: string; byLabel: string; at: string } | null
}

export interface ModerateResult {
  id: string
  op: 'reply' | 'pin' | 'unpin' | 'hide' | 'unhide'
  /** False when it was already so. */
  changed: boolean
}

export interface CommentsResult extends CursorPage<CommentView> {
  canModerate: boolean
}

export interface ManagedItem {
  id: string
  title: string
  columnName: string
  status: ArticleStatus
  pinned: boolean
  audienceLabel: string | null
  publisherName: string
  updatedAt: string
  publishedAt: string | null
  readCount: number
  commentCount: number
}

export interface ClockInState {
  clockedInToday: boolean
  /** Consecutive days up to today (or yesterday, if today's clock-in is still open). */
  streak: number
}

export interface ClockInResult extends ClockInState {
  day: string
  awarded: number
  /** Already clocked in today: nothing new was recorded. */
  already: boolean
}

export interface CalendarResult {
  month: string
  /** Days of the month with a clock-in ('YYYY-MM-DD'). */
  days: string[]
  today: string
}

export interface KindProgress {
  kind: PointKind
  label: string
  points: number
  cap: number
}

export interface PointsResult {
  total: number
  weekTotal: number
  monthTotal: number
  today: { total: number; cap: number; kinds: KindProgress[] }
  clockIn: ClockInState & CalendarResult
  /** How points are earned here (the college's settings), in the user's words. */
  rules: string[]
}

export interface LedgerItem {
  id: string
  kind: PointKind
  label: string
  points: number
  reason: string
  at: string
}

export interface RankingEntry {
  rank: number
  memberId: string
  name: string
  branchName: string | null
  points: number
  me: boolean
}

export interface RankingResult {
  scope: 'branch' | 'college'
  period: 'week' | 'month' | 'all'
  title: string
  entries: RankingEntry[]
  /** My place: null when not ranked (no points in the period, or beyond the list). */
  me: { rank: number | null; points: number } | null
  /** Committee: the branches to choose from. */
  branches: { id: string; name: string }[]
}

export type StudyContract = Contract<
  typeof studySchemas,
  {
    columns: EditorInfo
    saveColumn: ColumnView
    moveColumn: ColumnView[]
    feed: FeedResult
    list: CursorPage<ArticleCard>
    get: GetResult
    openArticle: OpenResult
    finishArticle: FinishResult
    watchVideo: WatchResult
    like: ToggleResult
    favorite: ToggleResult
    favorites: CursorPage<HistoryItem>
    history: CursorPage<HistoryItem>
    comment: CommentView
    comments: CommentsResult
    moderate: ModerateResult
    publish: { id: string; status: ArticleStatus }
    withdraw: { id: string; status: ArticleStatus }
    managed: CursorPage<ManagedItem>
    clockIn: ClockInResult
    clockInCalendar: CalendarResult
    points: PointsResult
    pointsHistory: CursorPage<LedgerItem>
    ranking: RankingResult
  }
>
