import type * as WxCloud from 'wx-server-sdk'
import { gramField, titleGrams } from '../../../cloudfunctions/study/src/title-grams'
import { docsAfter, pagesById, type MigrationOptions } from './common'

/**
 * The title search's index (issue #21): every article gets `titleGrams` (its title's characters and
 * bigrams, cloudfunctions/study/src/title-grams.ts), and each college's `studyTitleStats` counts them,
 * through the real SDK: the same code runs against the local cloud (on start, for a data dir from
 * before) and against WeChat cloud (scripts/migrate-title-grams.ts).
 *
 * Idempotent: an article whose `titleGrams` already match its title is not written; the counts are
 * recounted whole from every article and replace the college's stats document.
 */

type Cloud = typeof WxCloud
type Db = ReturnType<Cloud['database']>

interface ArticleRow {
  _id: string
  collegeId: string
  title: string
  titleGrams?: string[]
}

export interface TitleGramMigration {
  /** Articles read. */
  articles: number
  /** Articles whose `titleGrams` were written in this run. */
  indexed: number
  /** Colleges whose counts were written. */
  colleges: number
}

const PAGE = 100

function articlesAfter(db: Db, after: string | null): Promise<ArticleRow[]> {
  return docsAfter(db, 'articles', after, PAGE, { _id: true, collegeId: true, title: true, titleGrams: true })
}

function sameGrams(a: string[] | undefined, b: string[]): boolean {
  return a !== undefined && a.length === b.length && a.every((g, i) => g === b[i])
}

export async function migrateTitleGrams(cloud: Cloud, opts: MigrationOptions = {}): Promise<TitleGramMigration> {
  const db = cloud.database()
  const now = opts.now ?? new Date()
  const result: TitleGramMigration = { articles: 0, indexed: 0, colleges: 0 }
  const counts = new Map<string, Record<string, number>>()
  for await (const page of pagesById((after) => articlesAfter(db, after), PAGE)) {
    for (const a of page) {
      const grams = titleGrams(a.title)
      const college = counts.get(a.collegeId) ?? {}
      for (const g of grams) college[gramField(g)] = (college[gramField(g)] ?? 0) + 1
      counts.set(a.collegeId, college)
      result.articles++
      if (sameGrams(a.titleGrams, grams)) continue
      // `set` of the field replaces the array whole (an update would merge it element by element).
      await db
        .collection('articles')
        .doc(a._id)
        .update({ data: { titleGrams: db.command.set(grams) } })
      result.indexed++
    }
  }
  for (const [collegeId, college] of counts) {
    await db
      .collection('studyTitleStats')
      .doc(collegeId)
      .set({ data: { counts: college, updatedAt: now } })
    result.colleges++
  }
  opts.log?.(
    `标题检索索引迁移：${result.articles} 篇文章，${result.indexed} 篇写入索引 / title grams: ${result.articles} articles, ${result.indexed} indexed, ${result.colleges} colleges`,
  )
  return result
}
