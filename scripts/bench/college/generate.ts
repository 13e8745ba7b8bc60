import { createHash } from 'node:crypto'
import { join, resolve } from 'node:path'
import { periodOf } from '../../../cloudfunctions/_shared/periods'
import { chinaDay } from '../../../cloudfunctions/_shared/time'
import { openDatabase, type LocalDatabase } from '../../../local-cloud/src/db'
import { seedBranch } from '../../../local-cloud/src/seed/branch'
import { seedDevelopment } from '../../../local-cloud/src/seed/development'
import { seedMeetings } from '../../../local-cloud/src/seed/meeting'
import { seedReports } from '../../../local-cloud/src/seed/report'
import { storeStudyImages, totalsOf } from '../../../local-cloud/src/seed/study'
import { FileStore } from '../../../local-cloud/src/storage/file-store'
import { BENCH_SETTINGS, benchPeople } from './people'
import { benchQuestions, benchQuizActivity } from './quiz'
import type { CollegeScale } from './scale'
import { benchActivity, benchArticles, benchColumns } from './study'
import { titleStatsOf } from '../../../cloudfunctions/study/src/title-grams'

/**
 * Fills an empty DATA_DIR with a college of `scale`, written straight through the local cloud's engine
 * (as the seed does) in batches. Every document is built with the types (and, where they exist, the
 * builders) of the functions and the seed modules, so a shape that drifts is a type error.
 *
 * Reports: one per member and owed period, as the seed plans them (approved, revised, returned, pending,
 * drafts, missing). 50,000 reports cannot fit in one year for 3,000 students at one report per member and
 * period (36,000 at most, monthly), so the college reports monthly (a local-practice setting) and the
 * reports go back as far as each member has owed them (activist onwards: up to about three years).
 */

const ROOT = resolve(__dirname, '..', '..', '..')
/**
 * Documents per insertMany. A batch of more than 2,000 is merged into each index (sorted alone, then one
 * linear merge); the database is opened for a bulk load (no WAL record to build), so a batch can be a whole
 * collection: one merge per collection keeps generation linear in the size of the college.
 */
const BATCH = 1_000_000
/** Branches per call of the seed's report module (its reports and audit entries go in as one batch each). */
const REPORT_GROUP = 5

export interface GeneratedCollege {
  counts: Record<string, number>
  /** Students who have no report for the running period yet (they can save a draft and submit it). */
  draftWriters: string[]
  /** The day the data is built around ('YYYY-MM-DD', China time). */
  day: string
}

async function insertAll(
  db: LocalDatabase,
  counts: Record<string, number>,
  collection: string,
  docs: readonly object[],
): Promise<void> {
  for (let i = 0; i < docs.length; i += BATCH) {
    await db.insertMany(collection, docs.slice(i, i + BATCH))
  }
  counts[collection] = (counts[collection] ?? 0) + docs.length
}

export async function generateCollege(opts: {
  dataDir: string
  scale: CollegeScale
  now?: Date
  envId?: string
  log?: (line: string) => void
}): Promise<GeneratedCollege> {
  const now = opts.now ?? new Date()
  const started = Date.now()
  const say = opts.log ?? (() => undefined)
  const log = (line: string): void => say(`${((Date.now() - started) / 1000).toFixed(1)} s  ${line}`)
  // No compaction while generating: one snapshot at close instead of one every 32 MiB of WAL (and a
  // compaction still running at close would leave the last writes in the WAL, to replay at every start).
  const db = await openDatabase({
    dataDir: join(opts.dataDir, 'db'),
    collectionsFile: resolve(ROOT, 'cloudfunctions', 'collections.json'),
    compactAfterBytes: Number.MAX_SAFE_INTEGER,
    // No WAL either: the dataset is built into a fresh directory and written once, as the snapshot at close.
    bulkLoad: true,
  })
  const files = await FileStore.open(opts.dataDir, opts.envId ?? 'zhibutong-local')
  const counts: Record<string, number> = {}
  try {
    if (!db.isEmpty()) throw new Error(`${opts.dataDir} is not empty`)
    const people = benchPeople(opts.scale, now)
    const collegeId = people.colleges[0]._id
    for (const [collection, docs] of Object.entries(people)) await insertAll(db, counts, collection, docs as object[])
    log(`people: ${people.members.length} members in ${people.branches.length} branches`)

    const branch = seedBranch(people, now)
    await insertAll(db, counts, 'audit', branch.audit)
    log('stage audit trail')
    const development = await seedDevelopment({ members: people.members, files, now })
    await insertAll(db, counts, 'devSteps', development.devSteps)
    log('development steps')

    // Meetings of the year and their attendance; secrets derived from the id so every run is the same.
    const meetings = seedMeetings(people, now)
    for (const m of meetings.meetings) m.secret = createHash('sha256').update(`bench-meeting:${m._id}`).digest('hex')
    await insertAll(db, counts, 'meetings', meetings.meetings)
    await insertAll(db, counts, 'attendance', meetings.attendance)
    await insertAll(db, counts, 'meetingLeaves', meetings.meetingLeaves)
    log(`meetings: ${meetings.meetings.length}, attendance ${meetings.attendance.length}`)

    // Reports a few branches at a time (the seed's plans); photos of handwritten pages in the first group only.
    for (let i = 0; i < people.branches.length; i += REPORT_GROUP) {
      const group = new Set(people.branches.slice(i, i + REPORT_GROUP).map((b) => b._id))
      await seedReports({
        db,
        files: i === 0 ? files : null,
        now,
        members: people.members.filter((m) => m.branchId !== null && group.has(m.branchId)),
        settings: BENCH_SETTINGS,
      })
    }
    const current = periodOf(now, BENCH_SETTINGS.reportPeriod)
    const reports = await db.find('reports', {})
    counts.reports = reports.length
    counts.audit += reports.reduce(
      (n, r) =>
        n + (r.timeline as { kind: string }[]).filter((t) => t.kind === 'approved' || t.kind === 'returned').length,
      0,
    )
    const reported = new Set(reports.filter((r) => r.period === current.id).map((r) => String(r.memberId)))
    const draftWriters = people.members
      .filter(
        (m) =>
          m.roles.includes('student') && !m.roles.includes('secretary') && m.stage !== 'masses' && !reported.has(m._id),
      )
      .map((m) => m.openid as string)
    log(`reports: ${reports.length}`)

    const images = await storeStudyImages(files, now)
    const articles = benchArticles(
      people,
      opts.scale,
      now,
      [...images.values()].map((v) => v.cover),
    )
    await insertAll(db, counts, 'studyColumns', benchColumns(now, collegeId))
    await insertAll(db, counts, 'articles', articles)
    await insertAll(db, counts, 'studyTitleStats', titleStatsOf(articles, now))
    const study = benchActivity(people, opts.scale, now, articles)
    await insertAll(db, counts, 'checkIns', study.checkIns)
    await insertAll(db, counts, 'studyMarks', study.marks)
    log(`check-ins: ${study.checkIns.length}`)

    log('articles, check-ins, marks')
    const questions = benchQuestions(opts.scale, collegeId, now)
    await insertAll(db, counts, 'questions', questions)
    const quiz = benchQuizActivity(people, opts.scale, now, questions)
    await insertAll(db, counts, 'quizAttempts', quiz.quizAttempts)
    await insertAll(db, counts, 'quizMistakeBooks', quiz.quizMistakeBooks)

    log('quiz')
    const ledger = [...study.ledger, ...quiz.ledger]
    await insertAll(db, counts, 'pointsLedger', ledger)
    await insertAll(db, counts, 'pointsTotals', totalsOf(ledger, collegeId, now, quiz.figures))
    log('points; writing the snapshot')
    return { counts, draftWriters, day: chinaDay(now) }
  } finally {
    await db.close()
    log('closed')
  }
}
