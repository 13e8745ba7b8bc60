import type { Stage } from '../../../../cloudfunctions/_shared/domain'

/**
 * A seeded article, written for the 支部通 demo (original text; the people and events of branches
 * are fictional, the Party history is told in our own words).
 *
 * `body` is plain text: paragraphs separated by blank lines, `## ` starts a heading, `> ` a quote.
 */
export interface SeedArticle {
  id: string
  column: SeedColumnId
  title: string
  summary: string
  /** Published this many days before the seed date. */
  daysAgo: number
  /** Who publishes: the committee, or a branch (its secretary; then the audience is that branch). */
  by: 'committee' | 'branch-cs' | 'branch-se' | 'branch-grad'
  /** Committee articles: everyone unless stages are given. */
  stages?: Stage[]
  pinned?: boolean
  reads: number
  likes: number
  body: string
  /** 微党课: a video of ../videos/ (`<file>.mp4`, cover `<file>-cover.png`) and its length in seconds. */
  video?: { file: string; seconds: number }
}

export const SEED_COLUMNS = [
  { id: 'col-theory', name: '理论学习' },
  { id: 'col-history', name: '党史回顾' },
  { id: 'col-current', name: '时事热点' },
  { id: 'col-branch', name: '支部动态' },
  { id: 'col-models', name: '党员风采' },
  { id: 'col-school', name: '党校工作' },
  { id: 'col-notice', name: '通知公告' },
  { id: 'col-lesson', name: '微党课' },
] as const

export type SeedColumnId = (typeof SEED_COLUMNS)[number]['id']
