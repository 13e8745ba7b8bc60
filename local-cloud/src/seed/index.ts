import dayjs from 'dayjs'
import { storeBindCode } from '../../../cloudfunctions/_shared/bind-codes'
import { DEFAULT_COLLEGE_SETTINGS, type Stage, type StageDates } from '../../../cloudfunctions/_shared/domain'
import type { BindingDoc, BranchDoc, CollegeDoc, MemberDoc } from '../../../cloudfunctions/_shared/models'
import type { LocalDatabase } from '../db'
import type { FileStore } from '../storage/file-store'
import { seedBranch } from './branch'
import { alignPublicityCandidate, seedDevelopment } from './development'
import { seedCare } from './care'
import { demoDuesSettings, seedDues } from './dues'
import { seedMeetings } from './meeting'
import { quizSeed } from './quiz'
import { seedReports } from './report'
import { storeStudyImages, studySeed } from './study'
import { seedVoices } from './voices'
import {
  BRANCHES,
  BRANCH_POSTS,
  COLLEGE,
  DEMO_BIND_CODES,
  demoOpenid,
  PEOPLE,
  seedMemberId,
  type SeedPerson,
} from './people'

/** Demo codes stay valid for a year (not the college's 14 days), so a kept DATA_DIR can still be tried. */
const DEMO_CODE_DAYS = 365

type StepStage = Exclude<Stage, 'masses'>

/** For a person in each stage: months before entering it that each earlier stage began (plus the spread, but for the one probationary year). */
const MONTHS_BEFORE: Record<StepStage, Partial<Record<StepStage, number>>> = {
  full: { probationary: 12, candidate: 20, activist: 34, applicant: 39 },
  probationary: { candidate: 8, activist: 22, applicant: 27 },
  candidate: { activist: 13, applicant: 18 },
  activist: { applicant: 4 },
  applicant: {},
}

/**
 * Stage dates that follow the rules of the development process (domain.md), counted back from the
 * date the person entered their current stage: applicant → activist after 3–6 months, activist →
 * candidate after at least a year, candidate → probationary after ~8 months, one probationary year.
 */
export function stageDatesFor(person: SeedPerson, now: Date): StageDates {
  const day = (d: dayjs.Dayjs): string => d.format('YYYY-MM-DD')
  const entered = dayjs(now).subtract(person.monthsInStage, 'month')
  const spread = Number(person.studentNo.slice(-2)) % 3 // vary the gaps between people
  const dates: StageDates = {}
  if (person.stage === 'masses') return dates
  dates[person.stage] = day(entered)
  for (const [stage, months] of Object.entries(MONTHS_BEFORE[person.stage]) as [StepStage, number][])
    dates[stage] = day(entered.subtract(stage === 'probationary' ? months : months + spread, 'month'))
  return dates
}

/** A person's roster entry as the roster import would store it; bound to `openid` when one is given. */
export function memberDocOf(
  p: SeedPerson,
  opts: { collegeId: string; post: string | null; openid: string | null; now: Date },
): MemberDoc {
  const { now } = opts
  return {
    _id: seedMemberId(p.studentNo),
    collegeId: opts.collegeId,
    branchId: p.branchId,
    studentNo: p.studentNo,
    name: p.name,
    className: p.className,
    gender: p.gender,
    stage: p.stage,
    stageDates: stageDatesFor(p, now),
    roles: p.roles,
    branchPost: opts.post,
    openid: opts.openid,
    boundAt: opts.openid ? now : null,
    createdAt: now,
    updatedAt: now,
  }
}

export function seedDocuments(now: Date): {
  colleges: CollegeDoc[]
  branches: BranchDoc[]
  members: MemberDoc[]
  bindings: BindingDoc[]
} {
  const members: MemberDoc[] = PEOPLE.map((p) => {
    const doc = memberDocOf(p, {
      collegeId: COLLEGE._id,
      post: BRANCH_POSTS[p.studentNo] ?? null,
      openid: p.bound ? demoOpenid(p.studentNo) : null,
      now,
    })
    const code = p.bound ? undefined : DEMO_BIND_CODES[p.studentNo]
    return code ? { ...doc, bindCode: storeBindCode(code, { now, days: DEMO_CODE_DAYS, issuedBy: null }) } : doc
  })
  alignPublicityCandidate(members, now)
  const bindings: BindingDoc[] = members
    .filter((m) => m.openid !== null)
    .map((m) => ({ _id: m.openid as string, memberId: m._id, boundAt: now }))
  return {
    colleges: [{ ...COLLEGE, settings: { ...DEFAULT_COLLEGE_SETTINGS, dues: demoDuesSettings(now) } }],
    branches: BRANCHES.map((b) => ({
      ...b,
      collegeId: COLLEGE._id,
      secretaryIds: members.filter((m) => m.branchId === b._id && m.roles.includes('secretary')).map((m) => m._id),
    })),
    members,
    bindings,
  }
}

/** Loads the demo data into an empty database (first `npm start`, and tests). */
export async function seedIfEmpty(
  db: LocalDatabase,
  now = new Date(),
  files: FileStore | null = null,
): Promise<boolean> {
  if (!db.isEmpty()) return false
  const docs = seedDocuments(now)
  for (const [collection, list] of Object.entries(docs)) {
    await db.insertMany(collection, list)
  }
  // Feature seed modules: each adds its own collections, built from the people above.
  const studyImages = await storeStudyImages(files, now)
  // The quiz figures live in the members' points totals, which the study seed writes.
  const { figures: quizFigures, ...quiz } = quizSeed(docs, now)
  const features = [
    seedMeetings(docs, now),
    studySeed(now, studyImages, quizFigures),
    quiz,
    seedBranch(docs, now),
    seedDues(docs, now),
    seedVoices(docs, now),
    seedCare(docs, now),
  ]
  for (const feature of features) {
    for (const [collection, list] of Object.entries(feature)) {
      await db.insertMany(collection, list)
    }
  }
  // Modules that also store files (photos of handwritten reports) write through the file store.
  await seedReports({ db, files, now, members: docs.members })
  const development = await seedDevelopment({ members: docs.members, files, now })
  await db.insertMany('devSteps', development.devSteps)
  return true
}
