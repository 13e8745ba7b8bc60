import { DEFAULT_STUDY_SETTINGS, type Stage } from '../../../cloudfunctions/_shared/domain'
import { ledgerEntry, type PointsLedgerDoc } from '../../../cloudfunctions/_shared/points'
import { addDays, chinaDay, chinaMonth, startOfChinaDay } from '../../../cloudfunctions/_shared/time'
import { clockInPoints } from '../../../cloudfunctions/study/src/clock-in'
import type { ArticleAudience } from '../../../cloudfunctions/study/src/contract'
import { audienceKey, audienceLabelOf, sortKey, textLengthOf } from '../../../cloudfunctions/study/src/keys'
import type { ArticleDoc, ClockInDoc, ColumnDoc, MarkDoc } from '../../../cloudfunctions/study/src/model'
import { titleGrams } from '../../../cloudfunctions/study/src/title-grams'
import { markId } from '../../../cloudfunctions/study/src/reading'
import { SEED_COLUMNS } from '../../../local-cloud/src/seed/articles/types'
import { parseBody, SEED_ARTICLES } from '../../../local-cloud/src/seed/study'
import type { BenchPeople } from './people'
import { mulberry32, randomFor } from './random'
import type { CollegeScale } from './scale'

/**
 * Study data of the bench college: the seven seeded columns, `scale.articles` articles over the last year
 * (the seed's texts, for everyone, one branch, or some stages), the reading history of each student, and a
 * year of daily check-ins with the points ledger entries `study.clockIn` and `study.finishReading` write.
 */

const DAY = 24 * 60 * 60 * 1000
const PARTY: Stage[] = ['activist', 'candidate', 'probationary', 'full']

export function benchColumns(now: Date, collegeId: string): ColumnDoc[] {
  return SEED_COLUMNS.map((c, i) => ({
    _id: c.id,
    collegeId,
    name: c.name,
    order: i + 1,
    hidden: false,
    createdAt: now,
    updatedAt: now,
  }))
}

export function benchArticles(people: BenchPeople, scale: CollegeScale, now: Date, covers: string[]): ArticleDoc[] {
  const random = mulberry32(7)
  const bodies = SEED_ARTICLES.map((a) => parseBody(a.body))
  const committee = people.members.find((m) => m.roles.includes('committee'))
  if (!committee) throw new Error('bench people: no committee member')
  const secretaries = new Map(people.members.filter((m) => m.roles.includes('secretary')).map((m) => [m.branchId, m]))
  const out: ArticleDoc[] = []
  for (let i = 0; i < scale.articles; i++) {
    const seed = SEED_ARTICLES[i % SEED_ARTICLES.length]
    const column = SEED_COLUMNS.find((c) => c.id === seed.column) ?? SEED_COLUMNS[0]
    const roll = random()
    const branch = roll < 0.25 ? people.branches[Math.floor(random() * people.branches.length)] : null
    const audience: ArticleAudience = branch
      ? { kind: 'branch', branchId: branch._id }
      : roll < 0.4
        ? { kind: 'stages', stages: PARTY }
        : { kind: 'all' }
    const author = branch ? (secretaries.get(branch._id) ?? committee) : committee
    const id = `a-bench-${String(i + 1).padStart(4, '0')}`
    // Spread over the last year, newest first by index; a few minutes apart within a day.
    const publishedAt = new Date(
      now.getTime() - Math.floor((i * 365 * DAY) / scale.articles) - (1 + Math.floor(random() * 600)) * 60_000,
    )
    const title = i < SEED_ARTICLES.length ? seed.title : `${seed.title}（${Math.floor(i / SEED_ARTICLES.length) + 1}）`
    const body = bodies[i % bodies.length]
    const reads = Math.floor(random() * 40 * (1 + scale.students / 100))
    out.push({
      _id: id,
      collegeId: people.colleges[0]._id,
      columnId: column.id,
      columnName: column.name,
      title,
      titleGrams: titleGrams(title),
      summary: seed.summary,
      cover: covers.length > 0 ? covers[i % covers.length] : null,
      body,
      video: null,
      audience,
      audienceKey: audienceKey(audience),
      audienceLabel: audienceLabelOf(audience, branch?.name ?? null),
      ownerBranchId: branch?._id ?? null,
      publisherName: branch?.name ?? '院党委',
      authorId: author._id,
      authorName: author.name,
      status: 'published',
      pinned: i < 3,
      textLength: textLengthOf(body, title),
      readCount: reads,
      likeCount: Math.floor(reads * 0.1),
      favoriteCount: Math.floor(reads * 0.04),
      commentCount: 0,
      publishedAt,
      feedKey: sortKey(publishedAt, id),
      updatedKey: sortKey(publishedAt, id),
      createdAt: publishedAt,
      updatedAt: publishedAt,
      withdrawnAt: null,
    })
  }
  return out
}

export interface StudyActivity {
  checkIns: ClockInDoc[]
  ledger: PointsLedgerDoc[]
  marks: MarkDoc[]
}

/**
 * A year of check-ins before today (none today, so every student can still check in): each student has
 * a diligence of their own, tuned so the college totals about `scale.checkIns`. On some check-in days the
 * student also read an article for everyone that was out by then (a `read` ledger entry, a history mark).
 */
export function benchActivity(
  people: BenchPeople,
  scale: CollegeScale,
  now: Date,
  articles: ArticleDoc[],
): StudyActivity {
  const out: StudyActivity = { checkIns: [], ledger: [], marks: [] }
  const students = people.members.filter((m) => m.branchId !== null)
  const today = chinaDay(now)
  // The habit model below checks in a little less often than `meanRate` alone; 1.12 makes up for it.
  const meanRate = Math.min(0.95, (1.12 * scale.checkIns) / Math.max(1, students.length) / 365)
  const forAll = articles
    .filter((a) => a.audienceKey === 'all' && a.publishedAt)
    .sort((a, b) => (a.publishedAt as Date).getTime() - (b.publishedAt as Date).getTime())
  const times = forAll.map((a) => (a.publishedAt as Date).getTime())
  /** How many of `forAll` were published before `t` (binary search: they are in time order). */
  const publishedBefore = (t: number): number => {
    let lo = 0
    let hi = times.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (times[mid] < t) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  for (const member of students) {
    const random = randomFor(member._id)
    const rate = Math.min(0.98, meanRate * (0.2 + random() * 1.6))
    const marks = new Map<string, MarkDoc>()
    let streak = 0
    for (let back = 365; back >= 1; back--) {
      const day = addDays(today, -back)
      // Habits stick: a student who checked in yesterday is likelier to today.
      const p = streak > 0 ? Math.min(0.98, rate * 1.5) : rate * 0.75
      if (random() >= p) {
        streak = 0
        continue
      }
      streak += 1
      const at = new Date(startOfChinaDay(day).getTime() + (19 * 60 + Math.floor(random() * 180)) * 60_000)
      out.checkIns.push({
        _id: `${member._id}:${day}`,
        memberId: member._id,
        branchId: member.branchId,
        day,
        month: chinaMonth(at),
        streak,
        at,
      })
      out.ledger.push(
        ledgerEntry(
          member,
          'checkIn',
          day,
          clockInPoints(streak, DEFAULT_STUDY_SETTINGS),
          streak > 1 ? `每日打卡（连续 ${streak} 天）` : '每日打卡',
          day,
          at,
        ),
      )
      if (random() < 0.3 && forAll.length > 0) {
        const published = publishedBefore(startOfChinaDay(day).getTime() + DAY)
        if (published === 0) continue
        // One of the 40 newest articles out by then.
        const article = forAll[published - 1 - Math.floor(random() * Math.min(published, 40))]
        const readAt = new Date(at.getTime() + 5 * 60_000)
        out.ledger.push(
          ledgerEntry(
            member,
            'read',
            `${article._id}:${day}`,
            DEFAULT_STUDY_SETTINGS.readPoints,
            `阅读《${article.title}》`,
            day,
            readAt,
          ),
        )
        const liked = random() < 0.15
        const favorited = random() < 0.05
        marks.set(article._id, {
          _id: markId(member._id, article._id),
          memberId: member._id,
          articleId: article._id,
          liked,
          favorited,
          favoriteKey: favorited ? sortKey(readAt, article._id) : null,
          openKey: sortKey(readAt, article._id),
          token: '',
          openedAt: readAt,
        })
      }
    }
    out.marks.push(...marks.values())
  }
  return out
}
