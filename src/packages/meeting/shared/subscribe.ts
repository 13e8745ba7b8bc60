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
}

export async function askForMessages(...kinds: (keyof typeof TEMPLATE_IDS)[]): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return
  const tmplIds = kinds.map((k) => TEMPLATE_IDS[k]).filter((id) => id.length > 0)
  if (tmplIds.length === 0) return
  // The answer does not change what the user asked for: leave is requested either way.
  await Taro.requestSubscribeMessage({ tmplIds, entityIds: [] }).catch(() => undefined)
}
