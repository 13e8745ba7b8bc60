import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Result } from '../../cloudfunctions/_shared/envelope'
import type { ArticleCard, CursorPage } from '../../cloudfunctions/study/src/contract'
import type { ArticleDoc } from '../../cloudfunctions/study/src/model'
import { gramField, titleGrams, type TitleStatsDoc } from '../../cloudfunctions/study/src/title-grams'
import { migrateTitleGrams } from '../../local-cloud/src/migrations/title-grams'
import { demoOpenid } from '../../local-cloud/src/seed/people'
import { startLocalCloud, type LocalCloud } from '../helpers/cloud'
import { adminSdk, findDocs } from '../helpers/sdk'

/**
 * Articles stored before the title search's index get their `titleGrams`, and the college's counts are
 * recounted, through the real SDK; a second run writes no article; the local cloud runs it by itself
 * when it starts on such a data dir, after which a search is served by the index again.
 */
let cloud: LocalCloud
let sdk: ReturnType<typeof adminSdk>
const READER = demoOpenid('2023010102') // 李雨桐, CS branch

beforeAll(async () => {
  cloud = await startLocalCloud()
  sdk = adminSdk(cloud.url)
})

afterAll(async () => {
  await cloud?.stop()
})

/** Takes the index off every article and drops the counts, as a data dir from before has them. */
async function unindex(): Promise<void> {
  const db = sdk.database()
  await db
    .collection('articles')
    .where({ _id: db.command.exists(true) })
    .update({ data: { titleGrams: db.command.remove() } })
  await db
    .collection('studyTitleStats')
    .where({ _id: db.command.exists(true) })
    .remove()
}

describe('title grams migration', () => {
  it('indexes every article, recounts the pieces, and is idempotent', async () => {
    const seeded = await findDocs<ArticleDoc>(sdk, 'articles', {})
    const [seededStats] = await findDocs<TitleStatsDoc>(sdk, 'studyTitleStats', { _id: 'college-main' })
    await unindex()
    expect((await findDocs<ArticleDoc>(sdk, 'articles', {})).every((a) => a.titleGrams === undefined)).toBe(true)

    const first = await migrateTitleGrams(sdk)
    expect(first).toEqual({ articles: seeded.length, indexed: seeded.length, colleges: 1 })
    for (const a of await findDocs<ArticleDoc>(sdk, 'articles', {})) expect(a.titleGrams).toEqual(titleGrams(a.title))
    const [stats] = await findDocs<TitleStatsDoc>(sdk, 'studyTitleStats', { _id: 'college-main' })
    // The seed counts them the same way.
    expect(stats.counts).toEqual(seededStats.counts)
    const withParty = seeded.filter((a) => a.title.includes('党')).length
    expect(stats.counts[gramField('党')]).toBe(withParty)

    const again = await migrateTitleGrams(sdk)
    expect(again).toEqual({ articles: seeded.length, indexed: 0, colleges: 1 })
  })

  it('runs when the local cloud starts on a data dir from before; searches use the index again', async () => {
    await unindex()
    await cloud.stop({ keepData: true })
    cloud = await startLocalCloud({ dataDir: cloud.dataDir })
    sdk = adminSdk(cloud.url)
    await expect
      .poll(async () => (await findDocs<ArticleDoc>(sdk, 'articles', {})).every((a) => Array.isArray(a.titleGrams)), {
        timeout: 30_000,
        interval: 200,
      })
      .toBe(true)
    await expect
      .poll(async () => (await findDocs(sdk, 'studyTitleStats', {})).length, { timeout: 30_000, interval: 200 })
      .toBe(1)
    const res = await cloud.call<Result<CursorPage<ArticleCard>>>('study', { action: 'list', keyword: '党' }, READER)
    expect(res.ok && res.data.items.length).toBeGreaterThan(0)
  }, 120_000)
})
