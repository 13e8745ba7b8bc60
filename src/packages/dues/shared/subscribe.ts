/**
 * The arrears reminder is a subscribe message: WeChat delivers it only after the member allowed the template.
 * Asked on the 微信支付 tap (a user gesture, as WeChat requires). TARO_APP_DUES_REMINDER_TEMPLATE_ID is the
 * same id as the dues function's DUES_REMINDER_TEMPLATE_ID. Nothing to ask on H5.
 */
import { requestConsent } from '../../../services/subscribe'

const TEMPLATE_ID = process.env.TARO_APP_DUES_REMINDER_TEMPLATE_ID ?? ''

export async function askForDuesReminder(): Promise<void> {
  await requestConsent([TEMPLATE_ID])
}
