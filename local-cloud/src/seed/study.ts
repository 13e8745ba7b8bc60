import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { DEFAULT_POINT_RULES, DEFAULT_STUDY_SETTINGS } from '../../../cloudfunctions/_shared/domain'
import {
  emptyTotals,
  ledgerEntry,
  type PointsLedgerDoc,
  type PointsTotalsDoc,
  type QuizFigures,
} from '../../../cloudfunctions/_shared/points'
import type { MemberDoc } from '../../../cloudfunctions/_shared/models'
import { addDays, chinaDay, chinaMonth, chinaWeek, startOfChinaDay } from '../../../cloudfunctions/_shared/time'
import type { ArticleAudience, Block } from '../../../cloudfunctions/study/src/contract'
import { audienceKey, audienceLabelOf, sortKey, textLengthOf } from '../../../cloudfunctions/study/src/keys'
import type { ArticleDoc, ClockInDoc, ColumnDoc, CommentDoc } from '../../../cloudfunctions/study/src/model'
import { titleGrams, titleStatsOf } from '../../../cloudfunctions/study/src/title-grams'
import { BRANCH } from './articles/branch'
import { CURRENT } from './articles/current'
import { HISTORY } from './articles/history'
import { LESSONS } from './articles/lessons'
import { MODELS } from './articles/models'
import { NOTICES } from './articles/notices'
import { SCHOOL } from './articles/school'
import { THEORY } from './articles/theory'
import { SEED_COLUMNS, type SeedArticle, type SeedColumnId } from './articles/types'
import type { FileStore } from '../storage/file-store'
import { BRANCHES, COLLEGE, demoOpenid, PEOPLE, seedMemberId, type SeedPerson } from './people'
import { coverPicture } from './study-covers'
import { REPO_ROOT } from '../config'

/**
 * Study seed: the seven columns, 34 articles written for the demo (texts in ./articles/), a few
 * comments with branch replies, and two weeks of check-ins and points for most students, so the
 * rankings and streaks look lived in. Ledger and totals agree, as `awardPoints` would leave them.
 */

export const SEED_ARTICLES: SeedArticle[] = [
  ...NOTICES,
  ...THEORY,
  ...HISTORY,
  ...CURRENT,
  ...BRANCH,
  ...MODELS,
  ...SCHOOL,
  ...LESSONS,
]

/** The 微党课 videos and covers, made once by scripts/make-demo-videos.sh. */
const VIDEO_DIR = path.join(REPO_ROOT, 'local-cloud', 'src', 'seed', 'videos')

/** Students with no seeded activity: tests and demos start them from zero. */
export const QUIET_STUDENTS = ['2023010102', '2023020104', '2021010122', '2024110108']

const COMMITTEE_ID = seedMemberId('T2009001')
const memberId = (p: SeedPerson): string => seedMemberId(p.studentNo)
const COMMITTEE = PEOPLE.find((p) => memberId(p) === COMMITTEE_ID) as SeedPerson

/** Plain text → blocks: blank lines split paragraphs; a `## ` line is a heading, a `> ` line a quote. */
export function parseBody(text: string): Block[] {
  const blocks: Block[] = []
  for (const part of text.split(/\n\s*\n/)) {
    const lines = part.split('\n').map((l) => l.trim())
    let paragraph: string[] = []
    const flush = () => {
      if (paragraph.length) blocks.push({ type: 'paragraph', text: paragraph.join('\n') })
      paragraph = []
    }
    for (const line of lines) {
      if (!line) continue
      if (line.startsWith('## ')) {
        flush()
        blocks.push({ type: 'heading', text: line.slice(3).trim() })
      } else if (line.startsWith('> ')) {
        flush()
        blocks.push({ type: 'quote', text: line.slice(2).trim() })
      } else paragraph.push(line)
    }
    flush()
  }
  return blocks
}

function audienceOf(a: SeedArticle): ArticleAudience {
  if (a.by !== 'committee') return { kind: 'branch', branchId: a.by }
  return a.stages ? { kind: 'stages', stages: a.stages } : { kind: 'all' }
}

function secretaryOf(branchId: string): SeedPerson {
  const found = PEOPLE.find((p) => p.branchId === branchId && p.roles.includes('secretary'))
  if (!found) throw new Error(`seed: no secretary for ${branchId}`)
  return found
}

/** Morning publications, a little apart, so the order is stable. */
function publishedAtOf(a: SeedArticle, now: Date): Date {
  return new Date(startOfChinaDay(addDays(chinaDay(now), -a.daysAgo)).getTime() + (9 * 60 + a.id.length) * 60_000)
}

/** Pictures stored for an article: its cover, and for a few an image inside the text. */
export interface SeedArticleImages {
  cover: string
  image?: { fileID: string; caption: string }
  video?: { fileID: string; seconds: number }
}

/**
 * Articles with a picture after their first paragraph: its caption, and the column whose composition it
 * borrows (another column's, so it does not repeat the cover just above it).
 */
const BODY_IMAGES: Record<string, { caption: string; motif: SeedColumnId }> = {
  'a-history-01': { caption: '党史学习专题配图', motif: 'col-models' },
  'a-current-01': { caption: '“数字中国”主题配图', motif: 'col-theory' },
  'a-branch-01': { caption: '“走进社区”主题党日活动宣传图', motif: 'col-models' },
  'a-models-01': { caption: '党员风采专栏配图', motif: 'col-branch' },
  'a-school-01': { caption: '第二十期入党积极分子培训班宣传图', motif: 'col-history' },
}

/**
 * Generates the pictures (one abstract composition per column, three variants each, see ./study-covers:
 * 21 renders, the body images reuse them) and stores a copy per article under its author's upload folder,
 * as if the author had uploaded it.
 * Without a file store (some tests) the articles have no pictures.
 */
export async function storeStudyImages(files: FileStore | null, now: Date): Promise<Map<string, SeedArticleImages>> {
  const stored = new Map<string, SeedArticleImages>()
  if (!files) return stored
  const pictures = new Map<string, Buffer>()
  const picture = (column: string, variant: number): Buffer => {
    const key = `${column}:${variant}`
    let png = pictures.get(key)
    if (!png) {
      png = coverPicture(column, variant)
      pictures.set(key, png)
    }
    return png
  }
  const inColumn = new Map<string, number>()
  await Promise.all(
    SEED_ARTICLES.map(async (a) => {
      const n = inColumn.get(a.column) ?? 0
      inColumn.set(a.column, n + 1)
      const author = a.by === 'committee' ? COMMITTEE : secretaryOf(a.by)
      const folder = `uploads/${memberId(author)}/${chinaMonth(publishedAtOf(a, now)).replace('-', '')}`
      const put = (name: string, png: Buffer) =>
        files.put(`${folder}/${name}`, png, {
          contentType: 'image/png',
          uploader: demoOpenid(author.studentNo),
          maxBytes: 10 * 1024 * 1024,
        })
      if (a.video) {
        const video = a.video
        const [mp4, png] = await Promise.all([
          readFile(path.join(VIDEO_DIR, `${video.file}.mp4`)),
          readFile(path.join(VIDEO_DIR, `${video.file}-cover.png`)),
        ])
        const [videoFile, cover] = await Promise.all([
          files.put(`${folder}/seed-video-${a.id}.mp4`, mp4, {
            contentType: 'video/mp4',
            uploader: demoOpenid(author.studentNo),
            maxBytes: 10 * 1024 * 1024,
          }),
          put(`seed-cover-${a.id}.png`, png),
        ])
        stored.set(a.id, { cover: cover.fileID, video: { fileID: videoFile.fileID, seconds: video.seconds } })
        return
      }
      const extra = BODY_IMAGES[a.id]
      const [cover, image] = await Promise.all([
        put(`seed-cover-${a.id}.png`, picture(a.column, n % 3)),
        extra ? put(`seed-image-${a.id}.png`, picture(extra.motif, n % 3)) : Promise.resolve(null),
      ])
      stored.set(a.id, {
        cover: cover.fileID,
        ...(image && extra ? { image: { fileID: image.fileID, caption: extra.caption } } : {}),
      })
    }),
  )
  return stored
}

function articleDoc(a: SeedArticle, now: Date, images?: SeedArticleImages): ArticleDoc {
  const column = SEED_COLUMNS.find((c) => c.id === a.column)
  if (!column) throw new Error(`seed: unknown column ${a.column}`)
  const branch = a.by === 'committee' ? null : BRANCHES.find((b) => b._id === a.by)
  const author = a.by === 'committee' ? null : secretaryOf(a.by)
  const publishedAt = publishedAtOf(a, now)
  const body = parseBody(a.body)
  if (images?.image) body.splice(1, 0, { type: 'image', fileID: images.image.fileID, caption: images.image.caption })
  const audience = audienceOf(a)
  return {
    _id: a.id,
    collegeId: COLLEGE._id,
    columnId: column.id,
    columnName: column.name,
    title: a.title,
    titleGrams: titleGrams(a.title),
    summary: a.summary,
    cover: images?.cover ?? null,
    body,
    video: images?.video ?? null,
    audience,
    audienceKey: audienceKey(audience),
    audienceLabel: audienceLabelOf(audience, branch?.name ?? null),
    ownerBranchId: branch?._id ?? null,
    publisherName: branch?.name ?? '院党委',
    authorId: author ? memberId(author) : COMMITTEE_ID,
    authorName: author?.name ?? '刘建国',
    status: 'published',
    pinned: a.pinned ?? false,
    textLength: textLengthOf(body, a.title),
    readCount: a.reads,
    likeCount: a.likes,
    favoriteCount: Math.floor(a.likes / 2),
    commentCount: 0,
    publishedAt,
    feedKey: sortKey(publishedAt, a.id),
    updatedKey: sortKey(publishedAt, a.id),
    createdAt: publishedAt,
    updatedAt: publishedAt,
    withdrawnAt: null,
  }
}

/** A draft of the CS branch, so the publish pages have something in every tab. */
function draftDoc(now: Date): ArticleDoc {
  const body = parseBody(`本周六支部将组织党员和积极分子前往市图书馆，参加“数字阅读进社区”志愿服务。

## 集合时间
周六上午 8:30，学院南门。

## 需要准备
请自带水杯，穿着方便活动的衣服。`)
  const audience: ArticleAudience = { kind: 'branch', branchId: 'branch-cs' }
  const secretary = secretaryOf('branch-cs')
  return {
    ...articleDoc(
      {
        id: 'a-draft-cs-01',
        column: 'col-branch',
        title: '【草稿】周六图书馆志愿服务安排',
        summary: '',
        daysAgo: 0,
        by: 'branch-cs',
        reads: 0,
        likes: 0,
        body: '',
      },
      now,
    ),
    body,
    audience,
    textLength: textLengthOf(body, '周六图书馆志愿服务安排'),
    status: 'draft',
    publishedAt: null,
    feedKey: null,
    authorId: memberId(secretary),
    authorName: secretary.name,
  }
}

interface SeedComment {
  articleId: string
  by: string
  text: string
  hoursAgo: number
  pinned?: boolean
  reply?: { by: string; text: string }
}

const COMMENTS: SeedComment[] = [
  {
    articleId: 'a-history-01',
    by: '2022010107',
    text: '原来一大最后一天是在南湖的游船上开完的，以前只记住了“红船”两个字，这次把前因后果弄清楚了。',
    hoursAgo: 20,
    pinned: true,
  },
  { articleId: 'a-history-01', by: '2023020117', text: '创党先驱很多和我们差不多大，读完很有触动。', hoursAgo: 14 },
  {
    articleId: 'a-history-01',
    by: '2024110121',
    text: '建议支部组织一次去嘉兴南湖的主题党日！',
    hoursAgo: 6,
    reply: { by: 'T2009001', text: '好建议，学院正在筹划下学期的红色教育实践，届时会通知各支部。' },
  },
  { articleId: 'a-theory-01', by: '2023010101', text: '“把宗旨当成尺子，先量自己”，这句话记下了。', hoursAgo: 30 },
  { articleId: 'a-theory-01', by: '2022020125', text: '读原文确实不一样，打算每周精读一段。', hoursAgo: 8 },
  {
    articleId: 'a-branch-01',
    by: '2021010208',
    text: '这次活动阿姨们学得特别认真，下次还想去！',
    hoursAgo: 40,
    reply: { by: 'T2016003', text: '感谢大家的付出，下个月的社区服务已在筹备，欢迎继续报名。' },
  },
  { articleId: 'a-models-01', by: '2022010203', text: '雅琪学姐的积木编程课太有创意了，想加入支教队。', hoursAgo: 26 },
  {
    articleId: 'a-current-01',
    by: '2021020128',
    text: '去基层做信息化建设这个方向以前没想过，值得考虑。',
    hoursAgo: 12,
  },
]

function commentDocs(now: Date, articles: ArticleDoc[]): CommentDoc[] {
  const people = new Map(PEOPLE.map((p) => [p.studentNo, p]))
  return COMMENTS.map((c, i) => {
    const author = people.get(c.by)
    const article = articles.find((a) => a._id === c.articleId)
    if (!author || !article) throw new Error(`seed: bad comment ${i}`)
    const createdAt = new Date(now.getTime() - c.hoursAgo * 3_600_000)
    const id = `${article._id}_cseed${String(i + 1).padStart(2, '0')}`
    const replier = c.reply ? people.get(c.reply.by) : null
    return {
      _id: id,
      collegeId: COLLEGE._id,
      articleId: article._id,
      articleOwnerBranchId: article.ownerBranchId,
      memberId: memberId(author),
      authorName: author.name,
      authorClass: author.className,
      authorBranchId: author.branchId,
      text: c.text,
      status: 'visible',
      pinned: c.pinned ?? false,
      sortKey: `${c.pinned ? 1 : 0}|${createdAt.toISOString()}|${id}`,
      reply:
        c.reply && replier
          ? {
              text: c.reply.text,
              byLabel: replier.branchId
                ? (BRANCHES.find((b) => b._id === replier.branchId)?.name ?? '党支部')
                : '院党委',
              byMemberId: memberId(replier),
              at: new Date(createdAt.getTime() + 2 * 3_600_000),
            }
          : null,
      createdAt,
      updatedAt: createdAt,
    }
  })
}

/** A small deterministic pseudo-random sequence per person, so reseeding gives the same demo. */
function randomFor(seed: string): () => number {
  let h = 2166136261
  for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 16777619)
  return () => {
    h = Math.imul(h ^ (h >>> 15), 2246822507)
    h = Math.imul(h ^ (h >>> 13), 3266489909)
    return ((h ^= h >>> 16) >>> 0) / 4294967296
  }
}

/** Two weeks of check-ins and readings before today (none today: the demo's check-in button is open). */
function activity(
  now: Date,
  articles: ArticleDoc[],
  figures: readonly SeedQuizFigures[],
): { checkIns: ClockInDoc[]; pointsLedger: PointsLedgerDoc[]; pointsTotals: PointsTotalsDoc[] } {
  const checkIns: ClockInDoc[] = []
  const pointsLedger: PointsLedgerDoc[] = []
  const today = chinaDay(now)
  const study = DEFAULT_STUDY_SETTINGS
  const caps = DEFAULT_POINT_RULES.dailyCapByKind
  const active = PEOPLE.filter((p) => p.bound && p.branchId && !QUIET_STUDENTS.includes(p.studentNo))
  for (const person of active) {
    const random = randomFor(person.studentNo)
    const id = memberId(person)
    const diligence = 0.35 + random() * 0.6
    let streak = 0
    for (let back = 14; back >= 1; back--) {
      const day = addDays(today, -back)
      if (random() > diligence) {
        streak = 0
        continue
      }
      streak += 1
      const at = new Date(startOfChinaDay(day).getTime() + (20 * 60 + Math.floor(random() * 120)) * 60_000)
      checkIns.push({
        _id: `${id}:${day}`,
        memberId: id,
        branchId: person.branchId,
        day,
        month: day.slice(0, 7),
        streak,
        at,
      })
      const checkInPoints = Math.min(study.checkInMaxPoints, study.checkInBasePoints + streak - 1)
      pointsLedger.push(
        ledgerEntry(
          { _id: id, branchId: person.branchId },
          'checkIn',
          day,
          checkInPoints,
          streak > 1 ? `每日打卡（连续 ${streak} 天）` : '每日打卡',
          day,
          at,
        ),
      )
      // A few readings that evening, within the daily reading cap.
      const readable = articles.filter(
        (a) => a.publishedAt && chinaDay(a.publishedAt) <= day && a.audienceKey === 'all',
      )
      const reads = Math.min(Math.floor(random() * 5), Math.floor(caps.read / study.readPoints))
      for (let r = 0; r < reads && readable.length > 0; r++) {
        const article = readable[Math.floor(random() * readable.length)]
        const refId = `${article._id}:${day}`
        if (pointsLedger.some((e) => e._id === `${id}:read:${refId}`)) continue
        const readAt = new Date(at.getTime() + (r + 1) * 4 * 60_000)
        pointsLedger.push(
          ledgerEntry(
            { _id: id, branchId: person.branchId },
            'read',
            refId,
            study.readPoints,
            `阅读《${article.title}》`,
            day,
            readAt,
          ),
        )
      }
    }
  }
  return { checkIns, pointsLedger, pointsTotals: totalsOf(pointsLedger, COLLEGE._id, now, figures) }
}

/** Running totals exactly as `awardPoints` leaves them after these entries (nothing awarded today yet). */
/** A member's quiz figures as a seed builds them, to be kept in their points totals. */
export interface SeedQuizFigures {
  member: Pick<MemberDoc, '_id' | 'branchId'>
  quiz: QuizFigures
}

/**
 * Running totals exactly as `awardPoints` leaves them after these entries (nothing awarded today yet),
 * holding the members' quiz figures as quiz settlements leave them (a member who only answered quizzes
 * has totals without points).
 */
export function totalsOf(
  ledger: readonly PointsLedgerDoc[],
  collegeId: string,
  now: Date,
  figures: readonly SeedQuizFigures[] = [],
): PointsTotalsDoc[] {
  const week = chinaWeek(now)
  const month = chinaMonth(now)
  const byMember = new Map<string, PointsTotalsDoc>()
  const totalsFor = (member: SeedQuizFigures['member'], at: Date): PointsTotalsDoc => {
    const known = byMember.get(member._id)
    if (known) return known
    const fresh = { ...emptyTotals({ ...member, collegeId }, now), updatedAt: at }
    byMember.set(member._id, fresh)
    return fresh
  }
  for (const e of ledger) {
    const t = totalsFor({ _id: e.memberId, branchId: e.branchId }, e.at)
    t.total += e.points
    if (chinaWeek(e.at) === week) t.weekTotal += e.points
    if (chinaMonth(e.at) === month) t.monthTotal += e.points
    if (e.at.getTime() > t.updatedAt.getTime()) t.updatedAt = e.at
  }
  for (const f of figures) totalsFor(f.member, now).quiz = f.quiz
  return [...byMember.values()]
}

export function studySeed(
  now: Date,
  images: Map<string, SeedArticleImages> = new Map(),
  quizFigures: readonly SeedQuizFigures[] = [],
): Record<string, object[]> {
  const studyColumns: ColumnDoc[] = SEED_COLUMNS.map((c, i) => ({
    _id: c.id,
    collegeId: COLLEGE._id,
    name: c.name,
    order: i + 1,
    hidden: false,
    createdAt: now,
    updatedAt: now,
  }))
  const published = SEED_ARTICLES.map((a) => articleDoc(a, now, images.get(a.id)))
  const studyComments = commentDocs(now, published)
  const articles = published.map((a) => ({
    ...a,
    commentCount: studyComments.filter((c) => c.articleId === a._id).length,
  }))
  const all = [...articles, draftDoc(now)]
  return {
    studyColumns,
    articles: all,
    studyTitleStats: titleStatsOf(all, now),
    studyComments,
    ...activity(
      now,
      articles.filter((a) => !LESSONS.some((l) => l.id === a._id)),
      quizFigures,
    ),
  }
}
