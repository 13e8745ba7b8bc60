/**
 * 微党课 through the gateway and the real SDK: the seeded video lessons play from the local cloud, and
 * watching earns the video points only for time actually played — never more than the time since
 * `openArticle`, never more than the video's length.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import type { Result } from '../../cloudfunctions/_shared/envelope'
import type { PointsLedgerDoc } from '../../cloudfunctions/_shared/points'
import type { FinishResult, GetResult, OpenResult, WatchResult } from '../../cloudfunctions/study/src/contract'
import type { ArticleDoc } from '../../cloudfunctions/study/src/model'
import { demoOpenid } from '../../local-cloud/src/seed/people'
import type { LocalCloud } from '../helpers/cloud'
import { type adminSdk, findDocs } from '../helpers/sdk'
import { memberIdOf } from '../helpers/members'
import { expectError } from '../helpers/results'
import { articleFields } from '../helpers/study'
import { useLocalCloud } from '../helpers/suite'

let cloud: LocalCloud
let sdk: ReturnType<typeof adminSdk>

// Students without seeded study activity (local-cloud/src/seed/study.ts QUIET_STUDENTS).
const csApplicant = { openid: demoOpenid('2023010102'), memberId: memberIdOf('2023010102') }
const seApplicant = { openid: demoOpenid('2023020104'), memberId: memberIdOf('2023020104') }
const csSecretary = { openid: demoOpenid('T2016003') }

async function call<T>(
  who: { openid: string },
  action: string,
  params: Record<string, unknown> = {},
): Promise<Result<T>> {
  return cloud.call<Result<T>>('study', { action, ...params }, who.openid)
}

/** One `watchVideo` report of `seconds` played in the reading `token`. */
function watch(who: { openid: string }, id: string, token: string, seconds: number): Promise<Result<WatchResult>> {
  return call<WatchResult>(who, 'watchVideo', { id, token, seconds })
}

function finish(who: { openid: string }, id: string, token: string): Promise<Result<FinishResult>> {
  return call<FinishResult>(who, 'finishArticle', { id, token })
}

function data<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.code}: ${result.message}`)
  return result.data
}

/** Makes a seeded lesson's video this many seconds long, so an honest watch fits in a test. */
async function setVideoSeconds(id: string, seconds: number): Promise<void> {
  const [doc] = await findDocs<ArticleDoc>(sdk, 'articles', { _id: id })
  await sdk
    .database()
    .collection('articles')
    .doc(id)
    .update({ data: { video: { fileID: doc.video?.fileID, seconds } } })
}

useLocalCloud((started, admin) => {
  cloud = started
  sdk = admin
})

describe('微党课 video lessons', () => {
  it('the seed ships two video lessons with covers; the video plays from a temporary URL of the local cloud', async () => {
    for (const id of ['a-lesson-01', 'a-lesson-02']) {
      const { article } = data(await call<GetResult>(csApplicant, 'get', { id }))
      expect(article.columnName).toBe('微党课')
      expect(article.hasVideo).toBe(true)
      expect(article.cover).toMatch(/^http/)
      expect(article.video?.seconds).toBe(20)
      const res = await fetch(article.video?.url ?? '')
      expect(res.status).toBe(200)
      const bytes = Buffer.from(await res.arrayBuffer())
      expect(bytes.length).toBeGreaterThan(10_000)
      expect(bytes.length).toBeLessThan(300 * 1024)
      expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp') // an MP4
    }
  })

  it('claiming more played time than has elapsed since opening earns nothing', async () => {
    const opened = data(await call<OpenResult>(csApplicant, 'openArticle', { id: 'a-lesson-01' }))
    expect(opened.reading).toMatchObject({ kind: 'video', points: 3, seconds: 18, today: 'open' })
    // The whole video claimed at once, a moment after opening: the server counts the wall time only.
    const claimed = data(await watch(csApplicant, 'a-lesson-01', opened.reading.token, 60))
    expect(claimed.requiredSeconds).toBe(18)
    expect(claimed.watchedSeconds).toBeLessThan(2)
    const again = data(await watch(csApplicant, 'a-lesson-01', opened.reading.token, 60))
    expect(again.watchedSeconds).toBeLessThan(3)
    const finished = data(await finish(csApplicant, 'a-lesson-01', opened.reading.token))
    expect(finished).toMatchObject({ outcome: 'tooSoon', awarded: 0 })
    expect(finished.remainingSeconds).toBeGreaterThan(15)
    expect(await findDocs(sdk, 'pointsLedger', { memberId: csApplicant.memberId })).toHaveLength(0)
    // Time open without play does not count either: wall time alone earns nothing for a video.
    expectError(await watch(csApplicant, 'a-lesson-01', 'f'.repeat(32), 1), 'FAILED_PRECONDITION')
    expectError(await watch(csApplicant, 'a-lesson-01', opened.reading.token, 61), 'INVALID_ARGUMENT')
    expectError(await watch(csApplicant, 'a-history-02', opened.reading.token, 1), 'FAILED_PRECONDITION')
  })

  it('an honest watch, reported in segments, earns the video points once; played time is capped by the video length', async () => {
    await setVideoSeconds('a-lesson-02', 2)
    const opened = data(await call<OpenResult>(seApplicant, 'openArticle', { id: 'a-lesson-02' }))
    expect(opened.reading).toMatchObject({ kind: 'video', seconds: 2, points: 3 })
    await sleep(1100)
    const first = data(await watch(seApplicant, 'a-lesson-02', opened.reading.token, 1))
    expect(first.watchedSeconds).toBe(1)
    expect(data(await finish(seApplicant, 'a-lesson-02', opened.reading.token))).toMatchObject({
      outcome: 'tooSoon',
      remainingSeconds: 1,
    })
    await sleep(1500)
    const second = data(await watch(seApplicant, 'a-lesson-02', opened.reading.token, 1.4))
    expect(second.watchedSeconds).toBe(2) // the video is two seconds long
    const done = data(await finish(seApplicant, 'a-lesson-02', opened.reading.token))
    expect(done).toMatchObject({ outcome: 'awarded', awarded: 3, total: 3 })
    const ledger = await findDocs<PointsLedgerDoc>(sdk, 'pointsLedger', { memberId: seApplicant.memberId })
    expect(ledger).toHaveLength(1)
    expect(ledger[0]).toMatchObject({ kind: 'video', points: 3, reason: '观看《微党课｜红船精神》' })
    expect(data(await finish(seApplicant, 'a-lesson-02', opened.reading.token)).outcome).toBe('duplicate')
    // A fresh opening starts the count again from zero.
    const reopened = data(await call<OpenResult>(seApplicant, 'openArticle', { id: 'a-lesson-02' }))
    expect(reopened.reading.today).toBe('duplicate')
    const [mark] = await findDocs<{ watchedSeconds: number }>(sdk, 'studyMarks', {
      _id: `${seApplicant.memberId}:a-lesson-02`,
    })
    expect(mark.watchedSeconds).toBe(0)
  })

  it('a publisher can attach only their own uploaded video, of a video type and a sane length', async () => {
    const base = articleFields(
      '支部微党课：测试视频',
      'col-lesson',
      [{ type: 'paragraph', text: '视频下方的说明文字。' }],
      {
        status: 'draft',
      },
    )
    const [lesson] = await findDocs<ArticleDoc>(sdk, 'articles', { _id: 'a-lesson-01' })
    // The committee's seeded video is not the secretary's upload.
    expectError(
      await call(csSecretary, 'publish', { ...base, video: { fileID: lesson.video?.fileID, seconds: 20 } }),
      'FORBIDDEN',
    )
    expectError(
      await call(csSecretary, 'publish', { ...base, video: { fileID: 'cloud://env/uploads/x/a.png', seconds: 20 } }),
      'INVALID_ARGUMENT',
    )
    expectError(
      await call(csSecretary, 'publish', { ...base, video: { fileID: 'cloud://env/uploads/x/a.mp4', seconds: 0 } }),
      'INVALID_ARGUMENT',
    )
    expectError(
      await call(csSecretary, 'publish', {
        ...base,
        video: { fileID: 'cloud://env/uploads/x/a.mp4', seconds: 3 * 3600 },
      }),
      'INVALID_ARGUMENT',
    )
  })
})
