/**
 * WeChat delivers a subscribe message only after the user allowed that template (one message per
 * "allow"). Ask right on the tap that will lead to a message. Template ids are the mini program's own:
 * set TARO_APP_LEAVE_RESULT_TEMPLATE_ID / TARO_APP_MEETING_NOTICE_TEMPLATE_ID (the same ids as the
 * meeting function's LEAVE_RESULT_TEMPLATE_ID / MEETING_NOTICE_TEMPLATE_ID). Nothing to ask on H5.
 */
import Taro from '@tarojs/taro'

const TEMPLATE_IDS = {
  leaveResult: process.env.TARO_APP_LEAVE_RESULT_TEMPLATE_ID ?? '',
  meetingNotice: process.env.TARO_APP_MEETING_NOTICE_TEMPLATE_ID ?? '',
  meetingReminder: process.env.TARO_APP_MEETING_REMINDER_TEMPLATE_ID ?? '',
}

export async function askForMessages(...kinds: (keyof typeof TEMPLATE_IDS)[]): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return
  const tmplIds = kinds.map((k) => TEMPLATE_IDS[k]).filter((id) => id.length > 0)
  if (tmplIds.length === 0) return
  // The answer does not change what the user asked for: leave is requested either way.
  await Taro.requestSubscribeMessage({ tmplIds, entityIds: [] }).catch(() => undefined)
}

/**
 * The 提醒我 consent: on weapp WeChat's own dialog (accepted only if the reminder template was allowed),
 * on H5 a confirm dialog stands in. Answers whether the user agreed.
 */
export async function askForReminder(): Promise<boolean> {
  if (process.env.TARO_ENV === 'weapp') {
    const tmplId = TEMPLATE_IDS.meetingReminder
    if (!tmplId) return false
    try {
      const res = (await Taro.requestSubscribeMessage({ tmplIds: [tmplId], entityIds: [] })) as unknown as Record<string, string>
      return res[tmplId] === 'accept'
    } catch {
      return false
    }
  }
  const { confirm } = await Taro.showModal({ title: '会前提醒', content: '会议开始前通过微信通知提醒你参加。', confirmText: '允许', cancelText: '暂不' })
  return confirm
}
