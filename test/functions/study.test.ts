/**
 * The study function through the gateway and the real SDK, against a freshly seeded local cloud:
 * audience on every read path, reading points timed by the server, caps, likes and favourites,
 * 微论坛 moderation, publishing scope, daily check-in and the points pages.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Result } from '../../cloudfunctions/_shared/envelope'
import { emptyTotals, type PointsLedgerDoc, type PointsTotalsDoc } from '../../cloudfunctions/_shared/points'
import type {
  ArticleCard,
  ClockInResult,
  CommentsResult,
  CommentView,
  FeedResult,
  FinishResult,
  GetResult,
  HistoryItem,
  LedgerItem,
  ManagedItem,
  OpenResult,
  CursorPage,
  PointsResult,
  RankingResult,
  ToggleResult,
} from '../../cloudfunctions/study/src/contract'
import type { ArticleDoc, CommentDoc } from '../../cloudfunctions/study/src/model'
import { addDays, chinaDay } from '../../cloudfunctions/_shared/time'
import { audienceKey, sortKey } from '../../cloudfunctions/study/src/keys'
import type { ArticleAudience } from '../../cloudfunctions/study/src/contract'
import { demoOpenid } from '../../local-cloud/src/seed/people'
import type { LocalCloud } from '../helpers/cloud'
import { type adminSdk, findDocs } from '../helpers/sdk'
import { memberIdOf } from '../helpers/members'
import { data, expectError } from '../helpers/results'
import { articleFields, storeClockIn } from '../helpers/study'
import { useLocalCloud } from '../helpers/suite'
import { titleGrams } from '../../cloudfunctions/study/src/title-grams'

let cloud: LocalCloud
let sdk: ReturnType<typeof adminSdk>

// Seeded people (local-cloud/src/seed/people.ts); the first four have no seeded study activity.
const csApplicant = { openid: demoOpenid('2023010102'), memberId: memberIdOf('2023010102') } // 李雨桐, CS branch
const seApplicant = { openid: demoOpenid('2023020104'), memberId: memberIdOf('2023020104') } // 朱晓彤, SE branch
const csCandidate = { openid: demoOpenid('2021010122'), memberId: memberIdOf('2021010122') } // 周俊杰, CS branch
const gradActivist = { openid: demoOpenid('2024110108'), memberId: memberIdOf('2024110108') } // 董欣然, grad branch
const csActivist = { openid: demoOpenid('2022010107'), memberId: memberIdOf('2022010107') } // 张欣怡, CS (seeded activity)
const csSecretary = { openid: demoOpenid('T2016003'), memberId: memberIdOf('T2016003') } // 陈立华
const seSecretary = { openid: demoOpenid('2020020102'), memberId: memberIdOf('2020020102') } // 林晓雯
const committee = { openid: demoOpenid('T2009001'), memberId: memberIdOf('T2009001') } // 刘建国

type Who = { openid: string }

async function call<T>(who: Who | null, action: string, params: Record<string, unknown> = {}): Promise<Result<T>> {
  return cloud.call<Result<T>>('study', { action, ...params }, who?.openid ?? null)
}

interface CallRecord {
  action: string
  queries: { action: string; collection: string; index: string | null; docsExamined: number; docsReturned: number }[]
}

/** The database requests of the latest function call, from the local cloud's query log. */
async function lastCallQueries(): Promise<CallRecord['queries']> {
  const calls = (await (await fetch(`${cloud.url}/api/dev/calls?limit=1`)).json()) as CallRecord[]
  return calls[0].queries
}

async function article(id: string): Promise<ArticleDoc> {
  return (await findDocs<ArticleDoc>(sdk, 'articles', { _id: id }))[0]
}

async function setStudySettings(study: Record<string, number>): Promise<void> {
  const [college] = await findDocs<{ settings: Record<string, unknown> }>(sdk, 'colleges', { _id: 'college-main' })
  const current = (college.settings.study ?? {}) as Record<string, number>
  await sdk
    .database()
    .collection('colleges')
    .doc('college-main')
    .update({ data: { settings: { study: { ...current, ...study } } } })
}

useLocalCloud((started, admin) => {
  cloud = started
  sdk = admin
})

describe('reading paths and audience', () => {
  it('feed: the eight columns, pinned notices for me, newest articles, in three indexed requests', async () => {
    const feed = data(await call<FeedResult>(csApplicant, 'feed'))
    expect(feed.columns.map((c) => c.name)).toEqual([
      '理论学习',
      '党史回顾',
      '时事热点',
      '支部动态',
      '党员风采',
      '党校工作',
      '通知公告',
      '微党课',
    ])
    expect(feed.pinned.map((a) => a.id)).toContain('a-notice-01')
    // Pinned notices for other stages or another branch are not mine.
    for (const hidden of ['a-notice-02', 'a-notice-03', 'a-notice-05']) {
      expect([...feed.pinned, ...feed.latest].map((a) => a.id)).not.toContain(hidden)
    }
    expect(feed.latest.length).toBeGreaterThan(5)
    const times = feed.latest.map((a) => a.publishedAt ?? '')
    expect([...times].sort().reverse()).toEqual(times)
    expect(feed.canPublish).toBe(false)
    expect(feed.clockIn).toEqual({ clockedInToday: false, streak: 0 })

    const queries = await lastCallQueries()
    expect(queries.length).toBeLessThanOrEqual(3)
    for (const q of queries) expect(q.index, `${q.collection} needs an index`).not.toBeNull()
  })

  it('each reader sees exactly the articles for their branch and stage', async () => {
    const visible = async (who: Who) => {
      const ids: string[] = []
      for (const columnId of ['col-branch', 'col-school', 'col-notice']) {
        ids.push(...data(await call<CursorPage<ArticleCard>>(who, 'list', { columnId })).items.map((a) => a.id))
      }
      return ids
    }
    const cs = await visible(csApplicant)
    expect(cs).toContain('a-branch-03') // CS branch only
    expect(cs).toContain('a-school-01') // applicants and activists
    expect(cs).not.toContain('a-branch-04') // SE branch only
    expect(cs).not.toContain('a-branch-05') // grad branch only
    expect(cs).not.toContain('a-school-02') // development targets only
    expect(cs).not.toContain('a-draft-cs-01') // a draft

    const candidate = await visible(csCandidate)
    expect(candidate).toContain('a-school-02')
    expect(candidate).not.toContain('a-school-01')

    const se = await visible(seApplicant)
    expect(se).toContain('a-branch-04')
    expect(se).not.toContain('a-branch-03')

    const all = await visible(committee)
    for (const id of ['a-branch-03', 'a-branch-04', 'a-branch-05', 'a-school-02', 'a-notice-05'])
      expect(all).toContain(id)
  })

  it('answers NOT_FOUND for an article that is not mine, on every path, even by guessing its id', async () => {
    for (const [action, params] of [
      ['get', { id: 'a-branch-04' }],
      ['openArticle', { id: 'a-branch-04' }],
      ['finishArticle', { id: 'a-branch-04', token: 'a'.repeat(32) }],
      ['like', { id: 'a-branch-04', on: true }],
      ['favorite', { id: 'a-branch-04', on: true }],
      ['comments', { articleId: 'a-branch-04' }],
      ['comment', { articleId: 'a-branch-04', text: '想看看' }],
      ['openArticle', { id: 'a-draft-cs-01' }],
      ['openArticle', { id: 'a-does-not-exist' }],
    ] as const) {
      const error = expectError(await call(csApplicant, action, params), 'NOT_FOUND')
      expect(error.message).toBe('文章不存在或已下线')
    }
    expect(
      await findDocs(sdk, 'studyMarks', { memberId: csApplicant.memberId, articleId: 'a-branch-04' }),
    ).toHaveLength(0)
    expect(await findDocs(sdk, 'studyComments', { articleId: 'a-branch-04' })).toHaveLength(0)
    expect((await article('a-branch-04')).likeCount).toBe(4)
  })

  it('a draft is visible to its branch secretary and the committee only', async () => {
    expect(data(await call<GetResult>(csSecretary, 'get', { id: 'a-draft-cs-01' })).canManage).toBe(true)
    expect(data(await call<GetResult>(committee, 'get', { id: 'a-draft-cs-01' })).article.status).toBe('draft')
    expectError(await call(seSecretary, 'get', { id: 'a-draft-cs-01' }), 'NOT_FOUND')
  })

  it('searches titles as literal text (no pattern injection) and pages by cursor without gaps or repeats', async () => {
    const first = data(await call<CursorPage<ArticleCard>>(committee, 'list', { keyword: '的' }))
    expect(first.items).toHaveLength(10)
    expect(first.nextCursor).not.toBeNull()
    const second = data(
      await call<CursorPage<ArticleCard>>(committee, 'list', { keyword: '的', cursor: first.nextCursor }),
    )
    const ids = [...first.items, ...second.items].map((a) => a.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const a of [...first.items, ...second.items]) expect(a.title).toContain('的')
    expect(data(await call<CursorPage<ArticleCard>>(committee, 'list', { keyword: '.*' })).items).toHaveLength(0)
    expect(data(await call<CursorPage<ArticleCard>>(csApplicant, 'list', { keyword: '会议纪要' })).items).toHaveLength(
      0,
    ) // SE only
    expectError(await call(committee, 'list', { keyword: '的', cursor: 'not-a-cursor' }), 'INVALID_ARGUMENT')
    expectError(await call(committee, 'list', {}), 'INVALID_ARGUMENT')
  })

  it('refuses callers without a bound identity', async () => {
    expectError(await call(null, 'feed'), 'UNAUTHENTICATED')
    expectError(await call({ openid: 'o-stranger' }, 'openArticle', { id: 'a-history-01' }), 'UNAUTHENTICATED')
  })
})

describe('reading points', () => {
  it('a finish that comes too soon earns nothing; the reading time follows the length and the college settings', async () => {
    const opened = data(await call<OpenResult>(gradActivist, 'openArticle', { id: 'a-history-06' }))
    expect(opened.reading.seconds).toBeGreaterThanOrEqual(30) // the default minimum
    expect(opened.reading.seconds).toBeLessThanOrEqual(120)
    const finish = data(
      await call<FinishResult>(gradActivist, 'finishArticle', { id: 'a-history-06', token: opened.reading.token }),
    )
    expect(finish).toMatchObject({ outcome: 'tooSoon', awarded: 0 })
    expect(finish.remainingSeconds).toBeGreaterThan(25)
    expect(await findDocs(sdk, 'pointsLedger', { memberId: gradActivist.memberId })).toHaveLength(0)
    expect((await lastCallQueries()).length).toBeLessThanOrEqual(2)
  })

  it('a reading long enough earns the points once a day; a reread earns none; a stale token nothing', async () => {
    await setStudySettings({ readMinSeconds: 1, readMaxSeconds: 1 })
    const before = (await article('a-history-02')).readCount
    const opened = data(await call<OpenResult>(csApplicant, 'openArticle', { id: 'a-history-02' }))
    expect(opened.reading).toMatchObject({ seconds: 1, points: 2, kind: 'read', today: 'open' })
    expect((await lastCallQueries()).length).toBeLessThanOrEqual(4)
    expect((await article('a-history-02')).readCount).toBe(before + 1)

    expectError(
      await call(csApplicant, 'finishArticle', { id: 'a-history-02', token: 'f'.repeat(32) }),
      'FAILED_PRECONDITION',
    )
    await sleep(1100)
    const done = data(
      await call<FinishResult>(csApplicant, 'finishArticle', { id: 'a-history-02', token: opened.reading.token }),
    )
    expect(done).toMatchObject({ outcome: 'awarded', awarded: 2, total: 2 })
    expect((await lastCallQueries()).length).toBeLessThanOrEqual(4)
    const [entry] = await findDocs<PointsLedgerDoc>(sdk, 'pointsLedger', {
      memberId: csApplicant.memberId,
      kind: 'read',
    })
    expect(entry).toMatchObject({
      points: 2,
      refId: `a-history-02:${chinaDay(new Date())}`,
      reason: '阅读《遵义会议：生死攸关的转折》',
    })

    // The same token again, and a fresh reading of the same article today: nothing more.
    expect(
      data(await call<FinishResult>(csApplicant, 'finishArticle', { id: 'a-history-02', token: opened.reading.token }))
        .outcome,
    ).toBe('duplicate')
    expect((await lastCallQueries()).length).toBeLessThanOrEqual(2)
    const again = data(await call<OpenResult>(csApplicant, 'openArticle', { id: 'a-history-02' }))
    // The reading bar is told at once: no countdown promising points already earned today.
    expect(again.reading.today).toBe('duplicate')
    expect((await lastCallQueries()).length).toBeLessThanOrEqual(4)
    expect((await article('a-history-02')).readCount).toBe(before + 1) // one reader, however often
    await sleep(1100)
    expect(
      data(await call<FinishResult>(csApplicant, 'finishArticle', { id: 'a-history-02', token: again.reading.token })),
    ).toMatchObject({ outcome: 'duplicate', awarded: 0 })
    // Opening again replaced the token.
    expectError(
      await call(csApplicant, 'finishArticle', { id: 'a-history-02', token: opened.reading.token }),
      'FAILED_PRECONDITION',
    )
    expect(await findDocs(sdk, 'pointsLedger', { memberId: csApplicant.memberId })).toHaveLength(1)
  })

  it('stops at the daily reading cap and says so', async () => {
    await setStudySettings({ readMinSeconds: 1, readMaxSeconds: 1 })
    const ids = [
      'a-theory-01',
      'a-theory-02',
      'a-theory-03',
      'a-theory-04',
      'a-history-01',
      'a-history-03',
      'a-history-04',
    ]
    const tokens: string[] = []
    for (const id of ids) tokens.push(data(await call<OpenResult>(csCandidate, 'openArticle', { id })).reading.token)
    await sleep(1100)
    const outcomes: FinishResult[] = []
    for (const [i, id] of ids.entries())
      outcomes.push(data(await call<FinishResult>(csCandidate, 'finishArticle', { id, token: tokens[i] })))
    expect(outcomes.slice(0, 6).every((o) => o.outcome === 'awarded')).toBe(true)
    expect(outcomes[6]).toMatchObject({ outcome: 'capped', awarded: 0, total: 12 })
    // A new article opened after the cap says so before any countdown.
    expect(data(await call<OpenResult>(csCandidate, 'openArticle', { id: 'a-history-05' })).reading.today).toBe(
      'capped',
    )
    const [totals] = await findDocs<PointsTotalsDoc>(sdk, 'pointsTotals', { _id: csCandidate.memberId })
    expect(totals).toMatchObject({ total: 12, dayByKind: { read: 12 } })
    const points = data(await call<PointsResult>(csCandidate, 'points'))
    expect(points.today.kinds.find((k) => k.kind === 'read')).toMatchObject({ points: 12, cap: 12, label: '阅读文章' })
    expect((await lastCallQueries()).length).toBeLessThanOrEqual(4)
  })

  it('awards a reading once when the finish is sent many times at once', async () => {
    await setStudySettings({ readMinSeconds: 1, readMaxSeconds: 1 })
    const opened = data(await call<OpenResult>(seApplicant, 'openArticle', { id: 'a-current-01' }))
    await sleep(1100)
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        call<FinishResult>(seApplicant, 'finishArticle', { id: 'a-current-01', token: opened.reading.token }),
      ),
    )
    const outcomes = results.map((r) => data(r).outcome)
    expect(outcomes.filter((o) => o === 'awarded')).toHaveLength(1)
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(4)
    const ledger = await findDocs<PointsLedgerDoc>(sdk, 'pointsLedger', { memberId: seApplicant.memberId })
    expect(ledger).toHaveLength(1)
  })
})

describe('likes, favourites, history', () => {
  it('like and favourite are idempotent toggles that move the counters atomically', async () => {
    const id = 'a-models-02'
    const likes = (await article(id)).likeCount
    const results = await Promise.all(
      Array.from({ length: 5 }, () => call<ToggleResult>(csActivist, 'like', { id, on: true })),
    )
    expect(results.filter((r) => data(r).changed)).toHaveLength(1)
    expect((await article(id)).likeCount).toBe(likes + 1)
    expect(data(await call<ToggleResult>(csActivist, 'like', { id, on: true })).changed).toBe(false)
    expect(data(await call<ToggleResult>(csActivist, 'like', { id, on: false })).changed).toBe(true)
    expect(data(await call<ToggleResult>(csActivist, 'like', { id, on: false })).changed).toBe(false)
    expect((await article(id)).likeCount).toBe(likes)
    expect((await lastCallQueries()).length).toBeLessThanOrEqual(4)

    const opened = data(await call<OpenResult>(csActivist, 'openArticle', { id }))
    expect(opened.liked).toBe(false)
    data(await call<ToggleResult>(csActivist, 'favorite', { id, on: true }))
    expect(data(await call<OpenResult>(csActivist, 'openArticle', { id })).favorited).toBe(true)
  })

  it('favourites and history list what I marked, newest first, and drop what I may no longer read', async () => {
    const who = gradActivist
    for (const id of ['a-current-02', 'a-current-03', 'a-branch-05']) data(await call(who, 'openArticle', { id }))
    for (const id of ['a-current-02', 'a-branch-05']) data(await call(who, 'favorite', { id, on: true }))
    const history = data(await call<CursorPage<HistoryItem>>(who, 'history'))
    expect(history.items.slice(0, 3).map((a) => a.id)).toEqual(['a-branch-05', 'a-current-03', 'a-current-02'])
    expect(data(await call<CursorPage<HistoryItem>>(who, 'favorites')).items.map((a) => a.id)).toEqual([
      'a-branch-05',
      'a-current-02',
    ])
    expect((await lastCallQueries()).length).toBeLessThanOrEqual(3)

    // The grad secretary withdraws the branch article: it leaves my lists.
    data(await call(demoOpenidOf('2021110101'), 'withdraw', { id: 'a-branch-05' }))
    expect(data(await call<CursorPage<HistoryItem>>(who, 'favorites')).items.map((a) => a.id)).toEqual(['a-current-02'])
    expect(data(await call<CursorPage<HistoryItem>>(who, 'history')).items.map((a) => a.id)).not.toContain(
      'a-branch-05',
    )
    expectError(await call(who, 'openArticle', { id: 'a-branch-05' }), 'NOT_FOUND')
  })
})

function demoOpenidOf(studentNo: string): Who {
  return { openid: demoOpenid(studentNo) }
}

describe('微论坛 comments', () => {
  it('a member comments; risky text is refused and nothing is stored', async () => {
    const before = (await article('a-theory-05')).commentCount
    const mine = data(
      await call<CommentView>(csCandidate, 'comment', {
        articleId: 'a-theory-05',
        text: '“分数记录的是时间，收获取决于用心”，说得好。',
      }),
    )
    expect(mine).toMatchObject({ authorName: '周俊杰', mine: true, hidden: false, canModerate: false })
    expect((await article('a-theory-05')).commentCount).toBe(before + 1)
    expect((await lastCallQueries()).length).toBeLessThanOrEqual(4)

    expectError(
      await call(csCandidate, 'comment', { articleId: 'a-theory-05', text: '欢迎访问赌博网站' }),
      'CONTENT_RISKY',
    )
    expectError(await call(csCandidate, 'comment', { articleId: 'a-theory-05', text: '   ' }), 'INVALID_ARGUMENT')
    expectError(
      await call(csCandidate, 'comment', { articleId: 'a-theory-05', text: '长'.repeat(301) }),
      'INVALID_ARGUMENT',
    )
    expect(await findDocs(sdk, 'studyComments', { articleId: 'a-theory-05' })).toHaveLength(1)
    expect((await article('a-theory-05')).commentCount).toBe(before + 1)
  })

  it("secretaries moderate within their scope; hidden comments leave the readers' list; every change is audited", async () => {
    const [comment] = await findDocs<CommentDoc>(sdk, 'studyComments', { articleId: 'a-theory-05' })
    expectError(await call(csApplicant, 'moderate', { commentId: comment._id, op: 'hide' }), 'FORBIDDEN')
    // The SE secretary: the author is in the CS branch and the article is the committee's.
    expectError(await call(seSecretary, 'moderate', { commentId: comment._id, op: 'hide' }), 'FORBIDDEN')
    expect((await findDocs<CommentDoc>(sdk, 'studyComments', { _id: comment._id }))[0].status).toBe('visible')

    const count = (await article('a-theory-05')).commentCount
    data(await call(csSecretary, 'moderate', { commentId: comment._id, op: 'hide' }))
    expect((await lastCallQueries()).length).toBeLessThanOrEqual(4)
    expect(data(await call(csSecretary, 'moderate', { commentId: comment._id, op: 'hide' }))).toMatchObject({
      changed: false,
    })
    expect((await article('a-theory-05')).commentCount).toBe(count - 1)
    expect(data(await call<CommentsResult>(csActivist, 'comments', { articleId: 'a-theory-05' })).items).toHaveLength(0)
    // The committee sees hidden comments (to restore them).
    expect(
      data(await call<CommentsResult>(committee, 'comments', { articleId: 'a-theory-05' })).items[0],
    ).toMatchObject({ hidden: true, canModerate: true })
    data(await call(committee, 'moderate', { commentId: comment._id, op: 'unhide' }))
    expect((await article('a-theory-05')).commentCount).toBe(count)

    data(await call(csSecretary, 'moderate', { commentId: comment._id, op: 'reply', text: '欢迎多分享学习体会。' }))
    const shown = data(await call<CommentsResult>(csActivist, 'comments', { articleId: 'a-theory-05' })).items[0]
    expect(shown.reply).toMatchObject({ text: '欢迎多分享学习体会。', byLabel: '计算机科学本科生党支部' })
    expectError(
      await call(csSecretary, 'moderate', { commentId: comment._id, op: 'reply', text: '赌博网站' }),
      'CONTENT_RISKY',
    )
    expectError(await call(csSecretary, 'moderate', { commentId: comment._id, op: 'reply' }), 'INVALID_ARGUMENT')

    const audits = await findDocs<{ action: string; actorName: string }>(sdk, 'audit', { targetId: comment._id })
    expect(audits.map((a) => a.action).sort()).toEqual([
      'study.comment.hide',
      'study.comment.reply',
      'study.comment.unhide',
    ])
  })

  it('a pinned comment comes first', async () => {
    const list = data(await call<CommentsResult>(csApplicant, 'comments', { articleId: 'a-history-01' }))
    const last = list.items[list.items.length - 1]
    data(await call(committee, 'moderate', { commentId: last.id, op: 'pin' }))
    const after = data(await call<CommentsResult>(csApplicant, 'comments', { articleId: 'a-history-01' }))
    expect(after.items[0].id).toBe(last.id)
    expect(after.items[0].pinned).toBe(true)
  })
})

describe('publishing', () => {
  const body = [
    { type: 'paragraph', text: '本周四晚七点，支部在学院 302 会议室开展集中学习，请大家准时参加。' },
    { type: 'heading', text: '学习内容' },
    { type: 'quote', text: '学而不思则罔，思而不学则殆。' },
  ]

  it('a secretary publishes for their branch: their students read it, another branch cannot', async () => {
    const params = articleFields('本周集中学习安排', 'col-branch', body, { pinned: true })
    const { id } = data(await call<{ id: string }>(csSecretary, 'publish', params))
    expect((await lastCallQueries()).length).toBeLessThanOrEqual(4)
    const stored = await article(id)
    expect(stored).toMatchObject({
      ownerBranchId: 'branch-cs',
      publisherName: '计算机科学本科生党支部',
      audienceLabel: '计算机科学本科生党支部',
      status: 'published',
      authorName: '陈立华',
    })

    const feed = data(await call<FeedResult>(csApplicant, 'feed'))
    expect(feed.pinned.map((a) => a.id)).toContain(id)
    expect(data(await call<OpenResult>(csApplicant, 'openArticle', { id })).article.title).toBe('本周集中学习安排')
    expectError(await call(seApplicant, 'openArticle', { id }), 'NOT_FOUND')
    expect(data(await call<FeedResult>(seApplicant, 'feed')).pinned.map((a) => a.id)).not.toContain(id)
    expectError(await call(seSecretary, 'withdraw', { id }), 'NOT_FOUND')

    const managed = data(await call<CursorPage<ManagedItem>>(csSecretary, 'managed', { status: 'published' }))
    expect(managed.items[0].id).toBe(id)
  })

  it('title search is served by the title index: kept on publish, edit and withdraw; Chinese, Latin, one character', async () => {
    const search = async (who: Who, keyword: string): Promise<string[]> => {
      const page = data(await call<CursorPage<ArticleCard>>(who, 'list', { keyword }))
      const queries = await lastCallQueries()
      expect(queries.length, keyword).toBeLessThanOrEqual(2)
      const [read] = queries.filter((q) => q.collection === 'articles')
      expect(read.index, keyword).toMatch(/^title_gram_/)
      expect(read.docsExamined, keyword).toBeLessThanOrEqual(2 * Math.max(1, read.docsReturned))
      return page.items.map((a) => a.id)
    }
    const params = articleFields('AI 赋能：用 Python 梳理党史脉络', 'col-theory', body, {
      audience: { kind: 'all' },
      pinned: false,
    })
    const { id } = data(await call<{ id: string }>(committee, 'publish', params))
    expect((await lastCallQueries()).length).toBeLessThanOrEqual(4)
    expect((await article(id)).titleGrams).toEqual(expect.arrayContaining(['py', 'th', '党史', '脉', 'ai']))
    const stats = async (): Promise<Record<string, number>> =>
      (await findDocs<{ counts: Record<string, number> }>(sdk, 'studyTitleStats', { _id: 'college-main' }))[0].counts
    expect((await stats())['脉络']).toBe(1)

    for (const keyword of ['python', 'PYTHON', 'ai 赋能', '党史脉络', '脉'])
      expect(await search(csApplicant, keyword)).toContain(id)
    expect(await search(csApplicant, '梳理党史脉络图')).toEqual([])
    // One character is its own index key: every title holding it, read exactly.
    for (const a of await search(committee, '史')) expect(a).toBeTruthy()

    // An edited title is found by its new words only; the counts follow.
    const edited = { ...params, id, title: '用 Python 梳理支部发展历程' }
    data(await call(committee, 'publish', edited))
    expect((await lastCallQueries()).length).toBeLessThanOrEqual(4)
    expect(await search(csApplicant, '党史脉络')).not.toContain(id)
    expect(await search(csApplicant, '发展历程')).toContain(id)
    expect((await stats())['脉络'] ?? 0).toBe(0)
    expect((await stats())['历程']).toBeGreaterThanOrEqual(1)

    // Withdrawn (and back to draft): no reader finds it.
    data(await call(committee, 'withdraw', { id }))
    expect(await search(csApplicant, '发展历程')).not.toContain(id)
    data(await call(committee, 'publish', { ...edited, status: 'published' }))
    expect(await search(csApplicant, '发展历程')).toContain(id)
    data(await call(committee, 'publish', { ...edited, status: 'draft' }))
    expect(await search(committee, '发展历程')).not.toContain(id)
  })

  it('refuses what a secretary may not publish, and stores nothing', async () => {
    const before = (await findDocs(sdk, 'articles', {})).length
    // Every attempt names its own audience.
    const base = articleFields('越权发布测试', 'col-notice', body, { pinned: false })
    expectError(await call(csSecretary, 'publish', { ...base, audience: { kind: 'all' } }), 'FORBIDDEN')
    expectError(
      await call(csSecretary, 'publish', { ...base, audience: { kind: 'branch', branchId: 'branch-se' } }),
      'FORBIDDEN',
    )
    expectError(
      await call(csSecretary, 'publish', { ...base, audience: { kind: 'stages', stages: ['activist'] } }),
      'FORBIDDEN',
    )
    expectError(
      await call(csApplicant, 'publish', { ...base, audience: { kind: 'branch', branchId: 'branch-cs' } }),
      'FORBIDDEN',
    )
    const mine = { ...base, audience: { kind: 'branch', branchId: 'branch-cs' } }
    expectError(
      await call(csSecretary, 'publish', { ...mine, body: [{ type: 'paragraph', text: '这里有一个赌博网站' }] }),
      'CONTENT_RISKY',
    )
    expectError(
      await call(csSecretary, 'publish', {
        ...mine,
        cover: `cloud://zhibutong-local.bucket/uploads/${csApplicant.memberId}/202611/x.png`,
      }),
      'FORBIDDEN',
    )
    expectError(
      await call(csSecretary, 'publish', {
        ...mine,
        body: [
          {
            type: 'image',
            fileID: `cloud://zhibutong-local.bucket/uploads/${csSecretary.memberId}/../${csApplicant.memberId}/a.png`,
          },
        ],
      }),
      'FORBIDDEN',
    )
    expectError(
      await call(csSecretary, 'publish', { ...mine, body: [{ type: 'script', text: 'x' }] }),
      'INVALID_ARGUMENT',
    )
    expectError(await call(csSecretary, 'publish', { ...mine, body: [] }), 'INVALID_ARGUMENT')
    expectError(await call(csSecretary, 'publish', { ...mine, columnId: 'col-nope' }), 'NOT_FOUND')
    expect((await findDocs(sdk, 'articles', {})).length).toBe(before)
  })

  it("accepts the secretary's own uploads as cover and images", async () => {
    const cover = `cloud://zhibutong-local.bucket/uploads/${csSecretary.memberId}/202611/cover.png`
    const { id } = data(
      await call<{ id: string }>(csSecretary, 'publish', {
        status: 'draft',
        title: '支部图片新闻草稿',
        columnId: 'col-branch',
        cover,
        body: [...body, { type: 'image', fileID: cover, caption: '活动现场' }],
        audience: { kind: 'branch', branchId: 'branch-cs' },
        pinned: false,
      }),
    )
    expect(await article(id)).toMatchObject({ cover, status: 'draft', feedKey: null })
    expectError(await call(csApplicant, 'openArticle', { id }), 'NOT_FOUND')
  })

  it('the committee publishes for certain stages; a draft is invisible until published; withdraw is audited', async () => {
    const params = articleFields('发展对象政治审查材料提交提醒', 'col-school', body, {
      status: 'draft',
      audience: { kind: 'stages', stages: ['candidate'] },
      pinned: false,
    })
    const { id } = data(await call<{ id: string }>(committee, 'publish', params))
    expectError(await call(csCandidate, 'openArticle', { id }), 'NOT_FOUND')
    const loaded = data(await call<GetResult>(committee, 'get', { id }))
    data(await call(committee, 'publish', { ...params, id, status: 'published' }))
    expect(data(await call<OpenResult>(csCandidate, 'openArticle', { id })).article.audienceLabel).toBe('发展对象')
    expectError(await call(csApplicant, 'openArticle', { id }), 'NOT_FOUND')
    expect(loaded.article.status).toBe('draft')

    data(await call(committee, 'withdraw', { id }))
    expectError(await call(csCandidate, 'openArticle', { id }), 'NOT_FOUND')
    expectError(await call(committee, 'withdraw', { id }), 'FAILED_PRECONDITION')
    const audits = await findDocs<{ action: string; actorName: string }>(sdk, 'audit', { targetId: id })
    // The draft is not audited; publishing and withdrawing are.
    expect(audits.map((a) => a.action).sort()).toEqual(['study.publish', 'study.withdraw'])
    expect(audits.every((a) => a.actorName === '刘建国')).toBe(true)
  })

  it('the committee manages columns: add, rename (articles follow), hide, move; others may not', async () => {
    expectError(await call(csSecretary, 'saveColumn', { name: '学习贯彻' }), 'FORBIDDEN')
    const added = data(await call<{ id: string; name: string }>(committee, 'saveColumn', { name: '专题学习' }))
    expectError(await call(committee, 'saveColumn', { name: '专题学习' }), 'CONFLICT')
    data(await call(committee, 'saveColumn', { id: 'col-current', name: '时事关注', hidden: false }))
    expect((await article('a-current-01')).columnName).toBe('时事关注')
    data(await call(committee, 'saveColumn', { id: added.id, name: '专题学习', hidden: true }))
    expect(data(await call<FeedResult>(csApplicant, 'feed')).columns.map((c) => c.name)).not.toContain('专题学习')
    const moved = data(await call<{ id: string }[]>(committee, 'moveColumn', { id: 'col-notice', direction: 'up' }))
    expect(moved.map((c) => c.id).indexOf('col-notice')).toBe(5)
    expect(
      data(await call<FeedResult>(csApplicant, 'feed'))
        .columns.map((c) => c.name)
        .slice(4),
    ).toEqual(['党员风采', '通知公告', '党校工作', '微党课'])
    const audits = await findDocs<{ action: string }>(sdk, 'audit', { action: 'study.column.move' })
    expect(audits).toHaveLength(1)
  })
})

describe('daily check-in', () => {
  it('once a day, with points; again answers the same and adds nothing', async () => {
    const first = data(await call<ClockInResult>(seApplicant, 'clockIn'))
    expect(first).toMatchObject({ clockedInToday: true, streak: 1, awarded: 1, already: false })
    const queries = await lastCallQueries()
    expect(queries.length).toBeLessThanOrEqual(4)
    for (const q of queries.filter((r) => /get|aggregate|count/i.test(r.action)))
      expect(q.index, `${q.collection} needs an index`).not.toBeNull()
    const again = data(await call<ClockInResult>(seApplicant, 'clockIn'))
    expect(again).toMatchObject({ clockedInToday: true, streak: 1, awarded: 0, already: true })
    expect(await findDocs(sdk, 'checkIns', { memberId: seApplicant.memberId })).toHaveLength(1)
    expect(await findDocs(sdk, 'pointsLedger', { memberId: seApplicant.memberId, kind: 'checkIn' })).toHaveLength(1)
  })

  it("continues yesterday's streak and earns more for it", async () => {
    const yesterday = addDays(chinaDay(new Date()), -1)
    await storeClockIn(sdk, csApplicant, yesterday, 3, new Date(Date.now() - 86_400_000))
    expect(data(await call<FeedResult>(csApplicant, 'feed')).clockIn).toEqual({ clockedInToday: false, streak: 3 })
    const result = data(await call<ClockInResult>(csApplicant, 'clockIn'))
    expect(result).toMatchObject({ streak: 4, awarded: 4 })
    const points = data(await call<PointsResult>(csApplicant, 'points'))
    expect(points.clockIn).toMatchObject({ clockedInToday: true, streak: 4 })
    expect(points.clockIn.days).toContain(chinaDay(new Date()))
  })

  it('many taps at once store one check-in and award once', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => call<ClockInResult>(gradActivist, 'clockIn')))
    for (const r of results) if (!r.ok) expect(r.code).toBe('CONFLICT')
    expect(results.filter((r) => r.ok && !r.data.already)).toHaveLength(1)
    expect(await findDocs(sdk, 'checkIns', { memberId: gradActivist.memberId })).toHaveLength(1)
    expect(await findDocs(sdk, 'pointsLedger', { memberId: gradActivist.memberId, kind: 'checkIn' })).toHaveLength(1)
  })

  it('completes a check-in whose points were cut short: the check-in alone, then the ledger entry alone', async () => {
    const today = chinaDay(new Date())
    const db = sdk.database()
    const [totals] = await findDocs<PointsTotalsDoc>(sdk, 'pointsTotals', { _id: csActivist.memberId })
    // Crashed after the check-in was stored (before any points).
    await storeClockIn(sdk, csActivist, today, 1)
    const first = data(await call<ClockInResult>(csActivist, 'clockIn'))
    expect(first).toMatchObject({ already: true, streak: 1, awarded: 1 })
    expect((await findDocs<PointsTotalsDoc>(sdk, 'pointsTotals', { _id: csActivist.memberId }))[0].total).toBe(
      (totals?.total ?? 0) + 1,
    )

    // Crashed after the ledger entry was stored, before the totals: the next tap adds it, once.
    const member = seApplicant.memberId
    const before = (await findDocs<PointsTotalsDoc>(sdk, 'pointsTotals', { _id: member }))[0]
    const ledger = await findDocs<PointsLedgerDoc>(sdk, 'pointsLedger', {
      memberId: member,
      kind: 'checkIn',
      refId: today,
    })
    await db.collection('pointsLedger').doc(ledger[0]._id).remove()
    await db
      .collection('pointsTotals')
      .doc(member)
      .update({
        data: {
          total: before.total - 1,
          dayTotal: before.dayTotal - 1,
          dayByKind: { checkIn: 0 },
          weekTotal: before.weekTotal - 1,
          monthTotal: before.monthTotal - 1,
          applied: [],
        },
      })
    const { _id: entryId, ...entry } = ledger[0]
    await db.collection('pointsLedger').add({ data: { _id: entryId, ...entry, rev: before.rev } })
    const retried = await Promise.all([
      call<ClockInResult>(seApplicant, 'clockIn'),
      call<ClockInResult>(seApplicant, 'clockIn'),
    ])
    expect(retried.map((r) => data(r).awarded).sort()).toEqual([0, 1])
    expect((await findDocs<PointsTotalsDoc>(sdk, 'pointsTotals', { _id: member }))[0]).toMatchObject({
      total: before.total,
      dayByKind: { checkIn: 1 },
    })
    expect(data(await call<ClockInResult>(seApplicant, 'clockIn'))).toMatchObject({ already: true, awarded: 0 })
    expect(await findDocs(sdk, 'pointsLedger', { memberId: member, kind: 'checkIn' })).toHaveLength(1)
  })

  it("the calendar lists the month's check-in days", async () => {
    const today = chinaDay(new Date())
    const calendar = data(await call<{ days: string[]; month: string }>(csApplicant, 'clockInCalendar', {}))
    expect(calendar.month).toBe(today.slice(0, 7))
    expect(calendar.days).toContain(today)
    expectError(await call(csApplicant, 'clockInCalendar', { month: '2026-13' }), 'INVALID_ARGUMENT')
  })
})

describe('points and rankings', () => {
  it('the ledger pages newest first with reasons', async () => {
    const page = data(await call<CursorPage<LedgerItem>>(csActivist, 'pointsHistory'))
    expect(page.items.length).toBe(20)
    const times = page.items.map((i) => i.at)
    expect([...times].sort().reverse()).toEqual(times)
    const next = data(await call<CursorPage<LedgerItem>>(csActivist, 'pointsHistory', { cursor: page.nextCursor }))
    const ids = [...page.items, ...next.items].map((i) => i.id)
    expect(new Set(ids).size).toBe(ids.length)
    const all = await findDocs<PointsLedgerDoc>(sdk, 'pointsLedger', { memberId: csActivist.memberId })
    if (all.length <= 40) expect(ids.length).toBe(all.length)
  })

  it('branch ranking for members, college ranking for the committee only', async () => {
    // A member who has only answered quizzes has totals (holding their quiz figures) but no points: not ranked.
    const quizOnly: PointsTotalsDoc = {
      ...emptyTotals({ _id: 'quiz-only-cs', branchId: 'branch-cs', collegeId: 'college-main' }, new Date()),
      quiz: {
        name: '只答题',
        answered: 5,
        correct: 5,
        attempts: 1,
        bestStreak: 0,
        mistakesOpen: 0,
        countedAttempts: [],
        updatedAt: new Date(),
      },
    }
    await sdk.database().collection('pointsTotals').add({ data: quizOnly })
    const ranking = data(await call<RankingResult>(csActivist, 'ranking', { scope: 'branch', period: 'all' }))
    expect(ranking.entries.length).toBeGreaterThan(3)
    const points = ranking.entries.map((e) => e.points)
    expect([...points].sort((a, b) => b - a)).toEqual(points)
    expect(ranking.entries.map((e) => e.memberId)).not.toContain(quizOnly._id)
    expect(Math.min(...points)).toBeGreaterThan(0)
    expect(ranking.me?.rank).toBe(ranking.entries.find((e) => e.me)?.rank)
    expect((await lastCallQueries()).length).toBeLessThanOrEqual(4)

    expectError(await call(csActivist, 'ranking', { scope: 'college', period: 'week' }), 'FORBIDDEN')
    expectError(
      await call(csActivist, 'ranking', { scope: 'branch', period: 'week', branchId: 'branch-se' }),
      'FORBIDDEN',
    )
    const college = data(await call<RankingResult>(committee, 'ranking', { scope: 'college', period: 'month' }))
    expect(new Set(college.entries.map((e) => e.branchName)).size).toBeGreaterThan(1)
    expect(college.branches).toHaveLength(3)
    expect((await lastCallQueries()).length).toBeLessThanOrEqual(4)
  })
})

describe('columns and the editor', () => {
  it('a secretary may publish for their own branch only; the committee for every branch; a student for none', async () => {
    const secretary = data(
      await call<{ columns: { name: string }[]; branches: { id: string }[] }>(csSecretary, 'columns'),
    )
    expect(secretary.branches.map((b) => b.id)).toEqual(['branch-cs'])
    expect(data(await call<{ branches: unknown[] }>(committee, 'columns')).branches).toHaveLength(3)
    const student = data(await call<{ columns: unknown[]; branches: unknown[] }>(csApplicant, 'columns'))
    expect(student.branches).toEqual([])
    expect(student.columns.length).toBeGreaterThan(0)
    const editing = data(await call<GetResult>(csSecretary, 'get', { id: 'a-draft-cs-01' }))
    expect(editing.editor?.branches.map((b) => b.id)).toEqual(['branch-cs'])
    expect(data(await call<GetResult>(csApplicant, 'get', { id: 'a-history-01' })).editor).toBeNull()
  })
})

describe('reading paths at scale', () => {
  // 400 articles newer than the seed's, one in four for 李雨桐 (CS applicant): everyone's or her branch's.
  const ids: string[] = []
  const mine = new Set<string>()
  beforeAll(async () => {
    const now = Date.now()
    const audiences: ArticleAudience[] = [
      { kind: 'branch', branchId: 'branch-se' },
      { kind: 'stages', stages: ['candidate', 'probationary'] },
      { kind: 'branch', branchId: 'branch-se' },
      { kind: 'all' },
      { kind: 'stages', stages: ['full'] },
      { kind: 'branch', branchId: 'branch-grad' },
      { kind: 'stages', stages: ['activist', 'candidate'] },
      { kind: 'branch', branchId: 'branch-cs' },
    ]
    const docs: ArticleDoc[] = Array.from({ length: 400 }, (_, i) => {
      const id = `a-scale-${String(i).padStart(3, '0')}`
      const audience = audiences[i % audiences.length]
      const at = new Date(now - (i + 1) * 60_000)
      ids.push(id)
      if (audience.kind === 'all' || (audience.kind === 'branch' && audience.branchId === 'branch-cs')) mine.add(id)
      return {
        _id: id,
        collegeId: 'college-main',
        columnId: 'col-theory',
        columnName: '理论学习',
        title: `规模测试第${i}篇`,
        titleGrams: titleGrams(`规模测试第${i}篇`),
        summary: '规模测试',
        cover: null,
        body: [{ type: 'paragraph', text: '规模测试正文' }],
        video: null,
        audience,
        audienceKey: audienceKey(audience),
        audienceLabel: null,
        ownerBranchId: null,
        publisherName: '院党委',
        authorId: committee.memberId,
        authorName: '刘建国',
        status: 'published',
        pinned: false,
        textLength: 12,
        readCount: 0,
        likeCount: 0,
        favoriteCount: 0,
        commentCount: 0,
        publishedAt: at,
        feedKey: sortKey(at, id),
        updatedKey: sortKey(at, id),
        createdAt: at,
        updatedAt: at,
        withdrawnAt: null,
      }
    })
    for (let i = 0; i < docs.length; i += 100)
      await sdk
        .database()
        .collection('articles')
        .add({ data: docs.slice(i, i + 100) })
  })

  afterAll(async () => {
    await sdk
      .database()
      .collection('articles')
      .where({ _id: sdk.database().command.in(ids) })
      .remove()
  })

  /** The articles query of the latest call read at most twice what it answered. */
  async function expectArticlesQueryTight(): Promise<void> {
    const reads = (await lastCallQueries()).filter((q) => q.collection === 'articles')
    expect(reads).toHaveLength(1)
    expect(reads[0].index).not.toBeNull()
    expect(reads[0].docsExamined).toBeLessThanOrEqual(2 * Math.max(1, reads[0].docsReturned))
  }

  const isScale = (id: string) => id.startsWith('a-scale-')

  it("the feed answers only her articles, newest first, reading no one else's", async () => {
    const feed = data(await call<FeedResult>(csApplicant, 'feed'))
    await expectArticlesQueryTight()
    const latest = feed.latest.map((a) => a.id)
    expect(latest.filter(isScale)).toEqual([...mine].slice(0, latest.filter(isScale).length))
    expect(latest.filter(isScale).length).toBeGreaterThan(5)
  })

  it('a column and a search page through exactly her articles, each page reading at most twice its size', async () => {
    for (const params of [{ columnId: 'col-theory' }, { keyword: '规模测试' }]) {
      const seen: string[] = []
      let cursor: string | null = null
      do {
        const page: CursorPage<ArticleCard> = data(
          await call<CursorPage<ArticleCard>>(csApplicant, 'list', { ...params, ...(cursor ? { cursor } : {}) }),
        )
        // The last page too: a title search walks only the articles holding its rarest piece (title_gram_*).
        await expectArticlesQueryTight()
        seen.push(...page.items.map((a) => a.id).filter(isScale))
        cursor = page.nextCursor
      } while (cursor && seen.length < mine.size + 20)
      expect(seen).toEqual([...mine])
    }
  })

  it('a secretary reads what every stage of their branch reads; the committee reads everything', async () => {
    const secretary = data(await call<CursorPage<ArticleCard>>(csSecretary, 'list', { keyword: '规模测试' }))
    await expectArticlesQueryTight()
    // Everyone's, the CS branch's and every stage's: not the SE or graduate branches'.
    const forSecretary = ids.filter((_, i) => [1, 3, 4, 6, 7].includes(i % 8))
    expect(secretary.items.map((a) => a.id)).toEqual(forSecretary.slice(0, 10))
    const all = data(await call<CursorPage<ArticleCard>>(committee, 'list', { keyword: '规模测试' }))
    await expectArticlesQueryTight()
    expect(all.items.map((a) => a.id)).toEqual(ids.slice(0, 10))
  })
})
