/**
 * One-time subscribe messages after a submit: the review result, and a reminder before the next report
 * is due. WeChat asks the user (one message per consent); on H5 a confirm dialog stands in for it.
 * Consents are recorded on the server, which sends at most one message per consent.
 */
import type { SubscribeTemplates } from '../../services/api'
import { callFunction } from '../../services/call'
import { requestConsent } from '../../services/subscribe'

type Kind = 'result' | 'reminder'

async function consentedKinds(templates: SubscribeTemplates, kinds: Kind[]): Promise<Kind[]> {
  const allowed = await requestConsent(
    kinds.map((k) => templates[k]),
    {
      title: '汇报已提交，接收通知吗？',
      content: kinds.includes('reminder')
        ? '书记审阅后通知你审阅结果，并在下次汇报截止前提醒你。'
        : '书记审阅后通知你审阅结果。',
    },
  )
  return kinds.filter((k) => allowed.includes(templates[k]))
}

/** Asks for consent and records it; answers whether anything was subscribed. Never blocks on failure. */
export async function askToSubscribe(
  reportId: string,
  templates: SubscribeTemplates,
  kinds: Kind[] = ['result', 'reminder'],
): Promise<boolean> {
  const accepted = await consentedKinds(templates, kinds)
  if (accepted.length === 0) return false
  const res = await callFunction('report', 'subscribe', { reportId, kinds: accepted })
  return res.ok
}
