import { subscribeMessageApi, type SubscribeMessageRequest } from '../../_shared/cloud'
import { messageTime } from '../../_shared/time'

/**
 * Subscribe messages (订阅消息). Template ids belong to the mini program, so they are deployment
 * settings: set MEETING_NOTICE_TEMPLATE_ID / LEAVE_RESULT_TEMPLATE_ID / MEETING_REMINDER_TEMPLATE_ID in the function's environment.
 * Each template's keywords are the ones used below (thing = short text, time = date and time,
 * phrase = a short word). The local cloud records every message at GET /api/dev/outbox.
 */
export const TEMPLATES = {
  meetingNotice: process.env.MEETING_NOTICE_TEMPLATE_ID || 'meeting-notice',
  leaveResult: process.env.LEAVE_RESULT_TEMPLATE_ID || 'leave-result',
  meetingReminder: process.env.MEETING_REMINDER_TEMPLATE_ID || 'meeting-reminder',
}

export type Message = Pick<SubscribeMessageRequest, 'touser' | 'templateId' | 'page' | 'data'>

/** `thing` values are at most 20 characters. */
export function thing(value: string): { value: string } {
  const chars = [...value.trim()]
  return { value: chars.length > 20 ? `${chars.slice(0, 19).join('')}…` : chars.join('') || '无' }
}

/**
 * A message about a meeting to one member: it opens the meeting's page, and every meeting template starts with
 * the meeting's title (thing1) and start time (time2); `keywords` are the template's own after those.
 */
export function meetingMessage(
  template: keyof typeof TEMPLATES,
  touser: string,
  meeting: { id: string; title: string; startAt: Date | string },
  keywords: Record<string, { value: string }>,
): Message {
  return {
    touser,
    templateId: TEMPLATES[template],
    page: `packages/meeting/detail/index?id=${meeting.id}`,
    data: { thing1: thing(meeting.title), time2: { value: messageTime(meeting.startAt) }, ...keywords },
  }
}

/**
 * Sends one message; never throws. A student who did not subscribe (errcode 43101) simply gets
 * nothing, and the action that triggered the message has already been stored.
 */
export async function sendMessage(message: Message): Promise<boolean> {
  try {
    const res = await subscribeMessageApi().send({ ...message, miniprogramState: 'formal' })
    return !res.errcode
  } catch (error) {
    console.warn(
      '[meeting] subscribe message not sent',
      message.templateId,
      error instanceof Error ? error.message : error,
    )
    return false
  }
}

/** Sends many messages a few at a time (a branch can have hundreds of members). */
export async function sendMessages(messages: Message[], concurrency = 10): Promise<number> {
  let sent = 0
  for (let i = 0; i < messages.length; i += concurrency) {
    const results = await Promise.all(messages.slice(i, i + concurrency).map(sendMessage))
    sent += results.filter(Boolean).length
  }
  return sent
}
