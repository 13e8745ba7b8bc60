/**
 * One-time subscribe messages after a submit: the review result, and a reminder before the next report
 * is due. WeChat asks the user (one message per consent); on H5 a confirm dialog stands in for it.
 * Consents are recorded on the server, which sends at most one message per consent.
 */
import Taro from '@tarojs/taro'
import type { SubscribeTemplates } from '../../services/api'
import { callFunction } from '../../services/call'

type Kind = 'result' | 'reminder'

async function consentedKinds(templates: SubscribeTemplates, kinds: Kind[]): Promise<Kind[]> {
  if (process.env.TARO_ENV === 'weapp') {
    try {
      const res = (await Taro.requestSubscribeMessage({ tmplIds: kinds.map((k) => templates[k]) } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>
      return kinds.filter((k) => res[templates[k]] === 'accept')
    } catch {
      return []
    }
  }
  const { confirm } = await Taro.showModal({
    title: '汇报已提交，接收通知吗？',
    content: kinds.includes('reminder') ? '书记审阅后通知你审阅结果，并在下次汇报截止前提醒你。' : '书记审阅后通知你审阅结果。',
    confirmText: '允许',
    cancelText: '暂不',
  })
  return confirm ? kinds : []
}

/** Asks for consent and records it; answers whether anything was subscribed. Never blocks on failure. */
export async function askToSubscribe(reportId: string, templates: SubscribeTemplates, kinds: Kind[] = ['result', 'reminder']): Promise<boolean> {
  const accepted = await consentedKinds(templates, kinds)
  if (accepted.length === 0) return false
  const res = await callFunction('report', 'subscribe', { reportId, kinds: accepted })
  return res.ok
}
