/**
 * Demo thought reports: for every seeded student who owes reports, one report per owed period in a state
 * that fits how long ago it was (older ones approved with the secretary's comments, some returned and
 * revised, the latest ones pending or returned, a few drafts, some periods never submitted), a few of
 * them photos of handwritten pages. Everything is derived from the seed time, so the calendar always
 * looks current. The software engineering branch (branch-se) is left with nothing pending, so a new
 * submission there is the first thing its secretary sees (the e2e test relies on it).
 */
import {
  DEFAULT_COLLEGE_SETTINGS,
  STAGE_LABELS,
  STAGES,
  type CollegeSettings,
  type Stage,
} from '../../../cloudfunctions/_shared/domain'
import type { AuditDoc, MemberDoc } from '../../../cloudfunctions/_shared/models'
import { owedPeriods, periodOf, toDay, type Period } from '../../../cloudfunctions/_shared/periods'
import { startOfChinaDay } from '../../../cloudfunctions/_shared/time'
import {
  queueOrderFor,
  reportIdFor,
  summarize,
  type ReportDoc,
  type StoredContent,
  type StoredReview,
  type StoredTimelineEntry,
  type StoredVersion,
} from '../../../cloudfunctions/report/src/model'
import type { LocalDatabase } from '../db'
import type { FileStore } from '../storage/file-store'
import { handwrittenPage } from './report-pages'
import * as T from './report-texts'

export interface ReportSeedContext {
  db: LocalDatabase
  files: FileStore | null
  now: Date
  members: MemberDoc[]
  settings?: CollegeSettings
}

/** Left without a report for the running period: the e2e test writes it. */
export const E2E_REPORT_STUDENT = '2022020109'
const NO_PENDING_BRANCH = 'branch-se'
const HOUR = 3_600_000
const DAY = 24 * HOUR

type Plan = 'approved' | 'revisedApproved' | 'returned' | 'pending' | 'draft' | 'missing'

function hashOf(text: string): number {
  let h = 7
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) >>> 0
  return h
}

function pick<T>(list: readonly T[], n: number): T {
  return list[n % list.length]
}

/** The stage a member was in on `day`, from their stage dates. */
function stageOn(member: MemberDoc, day: string): Stage {
  let stage: Stage = member.stage
  for (const s of STAGES.slice(1, STAGES.indexOf(member.stage) + 1) as Exclude<Stage, 'masses'>[]) {
    const date = member.stageDates[s]
    if (date && date <= day) stage = s
  }
  return stage
}

/** How many periods before the running one `period` is (1: the last one that ended). */
function periodsBack(period: Period, current: Period): number {
  const perYear = { month: 12, quarter: 4, 'half-year': 2 }[current.kind]
  return current.year * perYear + current.index - (period.year * perYear + period.index)
}

/** What became of one period's report; only the last two ended periods can still be open. */
function planFor(member: MemberDoc, back: number, isCurrent: boolean, h: number): Plan {
  const age = back - 1
  const pendingAllowed = member.branchId !== NO_PENDING_BRANCH
  if (isCurrent) {
    if (member.studentNo === E2E_REPORT_STUDENT) return 'missing'
    if (pendingAllowed && h % 3 === 0) return 'pending'
    return h % 3 === 1 ? 'draft' : 'missing'
  }
  if (age === 0) {
    if (!pendingAllowed) return h % 3 === 0 ? 'returned' : 'approved'
    return (['missing', 'returned', 'pending', 'approved'] as const)[h % 4]
  }
  if (age === 1) {
    if (h % 5 === 3) return 'missing'
    return h % 3 === 2 ? 'revisedApproved' : 'approved'
  }
  if (age === 2 && h % 7 === 0) return 'missing'
  return (h + age) % 4 === 0 ? 'revisedApproved' : 'approved'
}

/** An evening time (China) `daysBefore` days before the end of `day`. */
function eveningBefore(day: string, daysBefore: number, minute: number): Date {
  return new Date(startOfChinaDay(day).getTime() - daysBefore * DAY + 20 * HOUR + minute * 60_000)
}

function cap(date: Date, latest: Date): Date {
  return date.getTime() < latest.getTime() ? date : latest
}

function chineseDate(date: Date): string {
  const [y, m, d] = toDay(date).split('-').map(Number)
  return `${y}年${m}月${d}日`
}

function fullBody(member: MemberDoc, period: Period, stage: Stage, n: number, signedAt: Date): string {
  const opening = pick(T.OPENINGS, n).replace('{period}', period.label).replace('{stage}', STAGE_LABELS[stage])
  return [
    opening,
    pick(T.STUDY, n + 1),
    pick(T.SERVICE, n + 2),
    pick(T.SHORTCOMINGS, n),
    pick(T.PLANS, n + 1),
    `此致\n敬礼！\n汇报人：${member.name}\n${chineseDate(signedAt)}`,
  ].join('\n')
}

function titleFor(period: Period, stage: Stage, n: number): string {
  return pick(T.titlesFor(stage), n).replace('{period}', period.label)
}

/** Generates each page image once per seed run and stores a copy under the student's upload folder. */
class PagePhotos {
  private readonly cache = new Map<string, Buffer>()

  constructor(private readonly files: FileStore | null) {}

  async store(member: MemberDoc, period: Period, pages: number, set: number, at: Date): Promise<string[] | null> {
    if (!this.files || !member.openid) return null
    const month = toDay(at).slice(0, 7).replace('-', '')
    const ids: string[] = []
    for (let page = 1; page <= pages; page++) {
      const key = `${set}:${page}:${pages}`
      let png = this.cache.get(key)
      if (!png) {
        png = handwrittenPage(set, page, pages)
        this.cache.set(key, png)
      }
      const cloudPath = `uploads/${member._id}/${month}/seed-${period.id}-p${page}.png`
      const meta = await this.files.put(cloudPath, png, {
        contentType: 'image/png',
        uploader: member.openid,
        maxBytes: 10 * 1024 * 1024,
      })
      ids.push(meta.fileID)
    }
    return ids
  }
}

interface Built {
  report: ReportDoc
  audits: AuditDoc[]
}

class ReportBuilder {
  private readonly versions: StoredVersion[] = []
  private readonly timeline: StoredTimelineEntry[] = []
  private readonly audits: AuditDoc[] = []
  private revision = 0
  private lastReview: StoredReview | null = null
  private reviewedAt: Date | null = null

  constructor(
    private readonly member: MemberDoc,
    private readonly period: Period,
    private readonly stage: Stage,
    private readonly reviewer: MemberDoc | undefined,
  ) {}

  submit(content: StoredContent, at: Date): this {
    const no = this.versions.length + 1
    this.versions.push({ ...content, no, submittedAt: at, review: null })
    this.timeline.push({
      at,
      kind: no === 1 ? 'submitted' : 'resubmitted',
      actorId: this.member._id,
      actorName: this.member.name,
      note: `第 ${no} 版`,
    })
    this.revision += 2 // a draft save, then the submit
    return this
  }

  review(decision: 'approve' | 'return', comment: string, at: Date): this {
    const reviewer = this.reviewer
    if (!reviewer) return this
    const version = this.versions[this.versions.length - 1]
    const review: StoredReview = { decision, comment, reviewerId: reviewer._id, reviewerName: reviewer.name, at }
    version.review = review
    this.lastReview = review
    this.reviewedAt = at
    this.revision += 1
    const kind = decision === 'approve' ? 'approved' : 'returned'
    this.timeline.push({
      at,
      kind,
      actorId: reviewer._id,
      actorName: reviewer.name,
      note: comment ? `第 ${version.no} 版：${comment}` : `第 ${version.no} 版`,
    })
    this.audits.push({
      at,
      actorId: reviewer._id,
      actorName: reviewer.name,
      action: 'report.review',
      targetId: reportIdFor(this.member._id, this.period.id),
      detail: { decision, version: version.no, period: this.period.id, memberId: this.member._id, comment },
    })
    return this
  }

  build(draft: (StoredContent & { updatedAt: Date }) | null, createdAt: Date): Built {
    const latestVersion = this.versions[this.versions.length - 1]
    const status: ReportDoc['status'] = !latestVersion
      ? 'draft'
      : !latestVersion.review
        ? 'pending'
        : latestVersion.review.decision === 'approve'
          ? 'approved'
          : 'returned'
    if (draft) {
      this.revision += 1
      if (!latestVersion)
        this.timeline.unshift({
          at: createdAt,
          kind: 'created',
          actorId: this.member._id,
          actorName: this.member.name,
          note: '开始撰写',
        })
    }
    const updatedAt =
      [draft?.updatedAt, this.reviewedAt, latestVersion?.submittedAt]
        .filter((d): d is Date => d instanceof Date)
        .sort((a, b) => b.getTime() - a.getTime())[0] ?? createdAt
    const report: ReportDoc = {
      _id: reportIdFor(this.member._id, this.period.id),
      memberId: this.member._id,
      memberName: this.member.name,
      className: this.member.className,
      openid: this.member.openid ?? '',
      branchId: this.member.branchId,
      collegeId: this.member.collegeId,
      period: this.period.id,
      stage: this.stage,
      status,
      revision: Math.max(1, this.revision),
      draft,
      versions: this.versions,
      currentVersion: this.versions.length,
      timeline: this.timeline,
      latest: summarize(latestVersion ?? draft ?? { title: '', body: '', photos: [], video: null }),
      lastReview: this.lastReview,
      queueOrder:
        status === 'draft'
          ? 0
          : queueOrderFor(status, status === 'pending' ? latestVersion.submittedAt : (this.reviewedAt as Date)),
      submittedAt: latestVersion?.submittedAt ?? null,
      reviewedAt: this.reviewedAt,
      resultConsents: 0,
      reminderConsents: 0,
      remindPeriod: null,
      remindOn: null,
      createdAt,
      updatedAt,
    }
    return { report, audits: this.audits }
  }
}

export async function seedReports(ctx: ReportSeedContext): Promise<void> {
  const settings = ctx.settings ?? DEFAULT_COLLEGE_SETTINGS
  const now = ctx.now
  const today = toDay(now)
  const current = periodOf(today, settings.reportPeriod)
  const secretaryOf = new Map(
    ctx.members.filter((m) => m.roles.includes('secretary') && m.branchId).map((m) => [m.branchId as string, m]),
  )
  const photos = new PagePhotos(ctx.files)
  const reports: ReportDoc[] = []
  const audits: AuditDoc[] = []
  let photoReports = 0

  for (const member of ctx.members) {
    if (!member.openid || !member.branchId || !member.roles.includes('student')) continue
    const owed = owedPeriods(member, settings, today)
    const h = hashOf(member.studentNo)
    for (const period of owed) {
      const isCurrent = period.id === current.id
      const age = periodsBack(period, current) - 1
      const plan = planFor(member, age + 1, isCurrent, h)
      if (plan === 'missing') continue
      const n = h + age + 3
      const stage = stageOn(member, isCurrent ? today : period.end)
      const builder = new ReportBuilder(member, period, stage, secretaryOf.get(member.branchId))
      // Submitted in the evening a few days before the period ends; reviewed a few days later.
      let submittedAt = cap(eveningBefore(period.end, 2 + (n % 12), n % 50), new Date(now.getTime() - 3 * DAY))
      if (plan === 'pending') {
        const ago = (1 + (h % 7)) * DAY + (h % 11) * HOUR + (h % 53) * 60_000
        submittedAt = new Date(Math.max(now.getTime() - ago, startOfChinaDay(period.start).getTime() + HOUR))
      }
      const reviewAt = (after: Date, days: number): Date =>
        cap(new Date(after.getTime() + days * DAY + 2 * HOUR), new Date(now.getTime() - HOUR))
      const usePhotos = (plan === 'approved' || plan === 'pending') && photoReports < 6 && (h + age) % 5 === 0
      let content: StoredContent = {
        title: titleFor(period, stage, n),
        body: fullBody(member, period, stage, n, submittedAt),
        photos: [],
        video: null,
      }
      if (usePhotos) {
        const pages = 2 + (n % 2)
        const ids = await photos.store(member, period, pages, 1 + (photoReports % 2), submittedAt)
        if (ids) {
          photoReports += 1
          content = {
            title: `${period.label}思想汇报（手写稿）`,
            body: T.PHOTO_BODY.replace('{pages}', String(pages)),
            photos: ids,
            video: null,
          }
        }
      }
      let draft: (StoredContent & { updatedAt: Date }) | null = null
      switch (plan) {
        case 'approved':
          builder
            .submit(content, submittedAt)
            .review('approve', pick(T.APPROVE_COMMENTS, n), reviewAt(submittedAt, 2 + (n % 6)))
          break
        case 'revisedApproved': {
          const first = new Date(submittedAt.getTime() - 9 * DAY)
          const returnedAt = new Date(first.getTime() + 3 * DAY)
          builder
            .submit({ title: content.title, body: T.THIN_BODY, photos: [], video: null }, first)
            .review('return', pick(T.RETURN_COMMENTS, n), returnedAt)
            .submit(content, submittedAt)
            .review('approve', pick(T.APPROVE_COMMENTS, n + 1), reviewAt(submittedAt, 2))
          break
        }
        case 'returned': {
          const returnedAt = reviewAt(submittedAt, 3)
          builder
            .submit({ ...content, body: T.THIN_BODY }, submittedAt)
            .review('return', pick(T.RETURN_COMMENTS, n), returnedAt)
          // Some have started revising.
          if (h % 2 === 0)
            draft = { ...content, updatedAt: cap(new Date(returnedAt.getTime() + DAY), new Date(now.getTime() - HOUR)) }
          break
        }
        case 'pending':
          builder.submit(content, submittedAt)
          break
        case 'draft': {
          const body = [
            pick(T.OPENINGS, n).replace('{period}', period.label).replace('{stage}', STAGE_LABELS[stage]),
            pick(T.STUDY, n + 1),
          ].join('\n')
          draft = {
            title: content.title,
            body,
            photos: [],
            video: null,
            updatedAt: new Date(now.getTime() - (n % 4) * DAY - 2 * HOUR),
          }
          break
        }
      }
      const createdAt = new Date(Math.min(submittedAt.getTime(), draft?.updatedAt.getTime() ?? Infinity) - 2 * DAY)
      const built = builder.build(draft, createdAt)
      reports.push(built.report)
      audits.push(...built.audits)
    }
  }
  await ctx.db.insertMany('reports', reports)
  if (audits.length > 0) await ctx.db.insertMany('audit', audits)
}
