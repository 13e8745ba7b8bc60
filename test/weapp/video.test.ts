/**
 * 微党课 on the weapp build: the article page renders WeChat's `video` with the local cloud's temporary
 * URL, and the player's timeupdate/pause events (as WeChat sends them) earn the video points through
 * the real functions once enough has actually played.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PointsLedgerDoc } from '../../cloudfunctions/_shared/points'
import type { ArticleDoc } from '../../cloudfunctions/study/src/model'
import { startLocalCloud, type LocalCloud } from '../helpers/cloud'
import { adminSdk, findDocs } from '../helpers/sdk'
import { readSeeded, type Seeded } from './cases'
import { WeappApp } from './weapp'

let cloud: LocalCloud
let seeded: Seeded
let sdk: ReturnType<typeof adminSdk>
let app: WeappApp | null = null

beforeAll(async () => {
  cloud = await startLocalCloud()
  seeded = await readSeeded(cloud)
  sdk = adminSdk(cloud.url)
})

afterAll(async () => {
  app?.close()
  await cloud?.stop()
})

describe('weapp 微党课', () => {
  it('the video plays from the local cloud and the played seconds earn the video points', async () => {
    const { student } = seeded.personas
    // A two-second lesson, so an honest watch fits in the test.
    const [lesson] = await findDocs<ArticleDoc>(sdk, 'articles', { _id: 'a-lesson-02' })
    await sdk
      .database()
      .collection('articles')
      .doc('a-lesson-02')
      .update({ data: { video: { fileID: lesson.video?.fileID, seconds: 2 } } })

    app = await WeappApp.launch({ cloudUrl: cloud.url, openid: student.openid }, 'packages/study/article/index', {
      id: 'a-lesson-02',
    })
    await app.page.waitForText('微党课｜红船精神')
    await app.page.waitForText('再看 2 秒视频可得 3 积分')
    const [video] = app.page.nodesOf('video')
    expect(video, 'a video node').toBeTruthy()
    expect(new URL(String(video.props.src)).origin).toBe(new URL(cloud.url).origin)

    // WeChat fires timeupdate about four times a second while playing.
    for (let t = 0; t <= 2.6; t += 0.25) {
      await app.page.fire(video.node, 'timeupdate', { currentTime: t, duration: 20 })
      await sleep(250)
    }
    await app.page.fire(video.node, 'pause', {})
    await app.page.waitForText('本篇已得 3 积分')
    expect(app.errors).toEqual([])
    const ledger = await findDocs<PointsLedgerDoc>(sdk, 'pointsLedger', { memberId: student.memberId, kind: 'video' })
    expect(ledger.map((e) => e.refId.split(':')[0])).toEqual(['a-lesson-02'])
  }, 60_000)
})
