/**
 * WeChat delivers a subscribe message only after the user allowed that template (one message per
 * "allow"). Ask right on the tap that will lead to a message. Template ids are the mini program's own:
 * set TARO_APP_LEAVE_RESULT_TEMPLATE_ID / TARO_APP_MEETING_NOTICE_TEMPLATE_ID (the same ids as the
 * meeting function's LEAVE_RESULT_TEMPLATE_ID / MEETING_NOTICE_TEMPLATE_ID). Nothing to ask on H5.
 */
import { requestConsent } from '../../../services/subscribe'

const TEMPLATE_IDS = {
  leaveResult: process.env.TARO_APP_LEAVE_RESULT_TEMPLATE_ID ?? '',
  meetingNotice: process.env.TARO_APP_MEETING_NOTICE_TEMPLATE_ID ?? '',
  meetingReminder: process.env.TARO_APP_MEETING_REMINDER_TEMPLATE_ID ?? '',
}

export async function askForMessages(...kinds: (keyof typeof TEMPLATE_IDS)[]): Promise<void> {
  // The answer does not change what the user asked for: leave is requested either way.
  await requestConsent(kinds.map((k) => TEMPLATE_IDS[k]))
}

/**
 * The 提醒我 consent: on weapp WeChat's own dialog (accepted only if the reminder template was allowed),
 * on H5 a confirm dialog stands in. Answers whether the user agreed.
 */
export async function askForReminder(): Promise<boolean> {
  const allowed = await requestConsent([TEMPLATE_IDS.meetingReminder], {
    title: '会前提醒',
    content: '会议开始前通过微信通知提醒你参加。',
  })
  return allowed.length > 0
}
