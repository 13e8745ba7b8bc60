import { describe, expect, it } from 'vitest'
import type { Result } from '../../cloudfunctions/_shared/envelope'
import type { MeetingDetail, RemindResult, SubscribeResult } from '../../cloudfunctions/meeting/src/contract'
import { messageTime } from '../../cloudfunctions/_shared/time'
import type { LocalCloud } from '../helpers/cloud'
import { type adminSdk, findDocs } from '../helpers/sdk'
import { person } from '../helpers/members'
import { data, expectError } from '../helpers/results'
import { lastLoggedCall, useLocalCloud, type CallLog, outbox, runTimer, type OutboxMessage } from '../helpers/suite'

/** Meeting reminders (issue #5): consent by subscribe, sent once by the timer-triggered remind job. */
let cloud: LocalCloud
let sdk: ReturnType<typeof adminSdk>

const csSecretary = person('陈立华')
const [alice, bob, , dave] = ['张欣怡', '刘子轩', '杨梦琪', '赵一鸣'].map(person) // branch-cs activists
const seStudent = person('何嘉豪')

function call<T>(event: Record<string, unknown>, openid: string | null): Promise<Result<T>> {
  return cloud.call<Result<T>>('meeting', event, openid)
}

const timer = (): Promise<Result<RemindResult>> => runTimer<Result<RemindResult>>(cloud, 'meeting', 'meetingTimer')
const sentMessages = () => outbox(cloud)
const reminders = (messages: OutboxMessage[]) => messages.filter((m) => m.templateId === 'meeting-reminder')

const lastCall = (action: string): Promise<CallLog> => lastLoggedCall(cloud, 'meeting', action)

const MIN = 60_000
async function createMeeting(startInMinutes: number): Promise<MeetingDetail> {
  const now = Date.now()
  return data(
    await call<MeetingDetail>(
      {
        action: 'create',
        type: 'themeDay',
        title: '学习身边榜样主题党日',
        startAt: new Date(now + startInMinutes * MIN).toISOString(),
        endAt: new Date(now + (startInMinutes + 120) * MIN).toISOString(),
        place: '学院党员活动室',
        agenda: '重温入党誓词；分组交流',
        audience: 'branch',
        checkInOpensAt: new Date(now + (startInMinutes - 15) * MIN).toISOString(),
        checkInClosesAt: new Date(now + (startInMinutes + 120) * MIN).toISOString(),
      },
      csSecretary.openid,
    ),
  )
}

useLocalCloud((started, admin) => {
  cloud = started
  sdk = admin
})

describe('meeting reminders', () => {
  it('sends one reminder per consent before the meeting, only from the timer, never twice', async () => {
    const meeting = await createMeeting(30)
    const later = await createMeeting(6 * 60)

    // Consent: only people expected at the meeting.
    const consent = data(await call<SubscribeResult>({ action: 'subscribe', meetingId: meeting.id }, alice.openid))
    expect(consent.subscribed).toBe(true)
    const subscribeLog = await lastCall('subscribe')
    expect(subscribeLog.queries.length).toBeLessThanOrEqual(4)
    for (const q of subscribeLog.queries.filter((x) => !x.action.includes('insert')))
      expect(q.index, `${q.collection} ${q.action}`).not.toBeNull()
    expectError(await call({ action: 'subscribe', meetingId: meeting.id }, seStudent.openid), 'NOT_FOUND')
    expectError(await call({ action: 'subscribe', meetingId: 'no-such-meeting' }, alice.openid), 'NOT_FOUND')
    // Dave asks too, then is granted leave: he is not reminded.
    data(await call({ action: 'subscribe', meetingId: meeting.id }, dave.openid))
    data(await call({ action: 'requestLeave', meetingId: meeting.id, reason: '当天有专业课实验' }, dave.openid))
    data(
      await call(
        { action: 'decideLeave', meetingId: meeting.id, memberId: dave.id, approve: true },
        csSecretary.openid,
      ),
    )
    // A consent for a meeting hours away is not due yet.
    data(await call({ action: 'subscribe', meetingId: later.id }, alice.openid))
    const stored = await findDocs<{ remindAt: Date | null; openid: string }>(sdk, 'meetingReminders', {
      meetingId: meeting.id,
      memberId: alice.id,
    })
    expect(stored).toHaveLength(1)
    expect(stored[0].openid).toBe(alice.openid)

    // WeChat users cannot run the job, and a refused call changes nothing.
    const before = (await sentMessages()).length
    expectError(await call({ action: 'remind' }, alice.openid), 'FORBIDDEN')
    expectError(await call({ action: 'remind' }, csSecretary.openid), 'FORBIDDEN')
    expect((await sentMessages()).length).toBe(before)
    expect(
      (
        await findDocs<{ remindAt: Date | null }>(sdk, 'meetingReminders', {
          meetingId: meeting.id,
          memberId: alice.id,
        })
      )[0].remindAt,
    ).not.toBeNull()

    const run = data(await timer())
    expect(run).toEqual({ sent: 1, skipped: 1 })
    const remindLog = await lastCall('remind')
    expect(remindLog.queries.length).toBeLessThanOrEqual(5)
    for (const q of remindLog.queries.filter((x) => !x.action.includes('insert')))
      expect(q.index, `${q.collection} ${q.action}`).not.toBeNull()
    const sent = reminders((await sentMessages()).slice(before))
    expect(sent).toHaveLength(1)
    expect(sent[0].touser).toBe(alice.openid)
    expect(sent[0].page).toContain(meeting.id)
    expect(sent[0].data.thing1.value).toBe('学习身边榜样主题党日')
    expect(sent[0].data.time2.value).toBe(messageTime(meeting.startAt))
    expect(sent[0].data.thing3.value).toBe('学院党员活动室')
    // Bob never consented; Dave is on leave.
    expect(sent.some((m) => m.touser === bob.openid || m.touser === dave.openid)).toBe(false)

    // A second run (timer or a direct call from another function) sends nothing.
    const afterFirst = (await sentMessages()).length
    expect(data(await timer())).toEqual({ sent: 0, skipped: 0 })
    expect(data(await cloud.runJob<Result<RemindResult>>('meeting', { action: 'remind' }))).toEqual({
      sent: 0,
      skipped: 0,
    })
    expect(reminders((await sentMessages()).slice(afterFirst))).toHaveLength(0)

    // Asking again for the same meeting does not re-arm a reminder already sent.
    expect(
      data(await call<SubscribeResult>({ action: 'subscribe', meetingId: meeting.id }, alice.openid)).subscribed,
    ).toBe(false)
    expect(data(await timer())).toEqual({ sent: 0, skipped: 0 })
    // The later meeting's reminder is still owed.
    const owed = await findDocs<{ remindAt: Date | null }>(sdk, 'meetingReminders', {
      meetingId: later.id,
      memberId: alice.id,
    })
    expect(owed[0].remindAt).not.toBeNull()
  })

  it('refuses consent for a cancelled meeting', async () => {
    const meeting = await createMeeting(45)
    data(await call({ action: 'cancel', meetingId: meeting.id, reason: '场地临时调整' }, csSecretary.openid))
    expectError(await call({ action: 'subscribe', meetingId: meeting.id }, bob.openid), 'FAILED_PRECONDITION')
    expect(await findDocs(sdk, 'meetingReminders', { meetingId: meeting.id })).toHaveLength(0)
  })
})
