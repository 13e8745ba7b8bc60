/**
 * Cost per student-day and per secretary-day (issue #21): the function calls and database requests of the
 * journeys a typical day is made of, the figures WeChat cloud development bills by. The day is a list of
 * measured journeys with how often each happens; each journey's cost is its measured average on the college.
 */
import type { JourneyFigure } from '../journeys'
import { row, type Row } from '../table'

interface DayPart {
  /** A journey label of college/journeys.ts. */
  journey: string
  times: number
}

/** A student who opens the app, reads three articles, checks in, takes the daily quiz and looks at each tab. */
export const STUDENT_DAY: DayPart[] = [
  { journey: 'study.feed / 学习 (student)', times: 1 },
  { journey: 'study.openArticle (student)', times: 3 },
  { journey: 'study.clockIn (each student once)', times: 1 },
  { journey: 'quiz.daily / 答题 (student)', times: 1 },
  { journey: 'quiz.start daily (each student once)', times: 1 },
  { journey: 'quiz.submit daily (each student once)', times: 1 },
  { journey: 'report.listMine / 汇报 (student)', times: 1 },
  { journey: 'meeting.list / 签到 (student)', times: 1 },
  { journey: 'user.me / 我的 (student)', times: 1 },
]

/** A secretary who opens the app and the branch dashboard, pages the review queue and reviews five reports. */
export const SECRETARY_DAY: DayPart[] = [
  { journey: 'study.feed / 学习 (student)', times: 1 },
  { journey: 'branch.dashboard (secretary)', times: 1 },
  { journey: 'report.listForReview / 汇报 (secretary)', times: 1 },
  { journey: 'report.listForReview next page (secretary)', times: 1 },
  { journey: 'report.review approve (secretary)', times: 4 },
  { journey: 'report.review return (secretary)', times: 1 },
  { journey: 'meeting.list / 签到 (secretary)', times: 1 },
]

export interface DayCost {
  who: string
  functionCalls: number
  dbRequests: number
  /** Journeys of the day that the run did not measure (their cost is missing from the sums). */
  missing: string[]
}

export function dayCost(who: string, day: DayPart[], figures: JourneyFigure[]): DayCost {
  let functionCalls = 0
  let dbRequests = 0
  const missing: string[] = []
  for (const part of day) {
    const f = figures.find((x) => x.label === part.journey)
    if (!f || f.samples === 0) {
      missing.push(part.journey)
      continue
    }
    functionCalls += part.times * f.functionCalls
    dbRequests += part.times * f.dbRequestsMean
  }
  return { who, functionCalls, dbRequests, missing }
}

export function dayCostRows(figures: JourneyFigure[]): { rows: Row[]; costs: DayCost[] } {
  const costs = [dayCost('student-day', STUDENT_DAY, figures), dayCost('secretary-day', SECRETARY_DAY, figures)]
  const rows = costs.flatMap((c) => [
    row('cost', `${c.who}: function calls`, c.functionCalls.toFixed(1), '-', null),
    row('cost', `${c.who}: database requests`, c.dbRequests.toFixed(1), '-', null),
    ...(c.missing.length ? [row('cost', `${c.who}: journeys not measured`, c.missing.join('; '), 'none', false)] : []),
  ])
  return { rows, costs }
}
