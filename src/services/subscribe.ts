/**
 * Subscribe-message consent, asked one way by every feature. WeChat delivers a one-time subscribe message
 * only after the user allowed its template (one message per "allow"), and asks only on a tap. On weapp:
 * WeChat's own dialog over the templates that are configured. On H5 there is no such dialog: with an
 * `h5Prompt` a confirm dialog stands in (allowing every template asked), without one nothing is asked.
 * Never throws: a refused or failed request allows nothing.
 */
import Taro from '@tarojs/taro'

export interface ConsentPrompt {
  title: string
  content: string
}

/** The template ids the user allowed, out of `tmplIds`. */
export async function requestConsent(tmplIds: string[], h5Prompt?: ConsentPrompt): Promise<string[]> {
  if (process.env.TARO_ENV === 'weapp') {
    const configured = tmplIds.filter((id) => id.length > 0)
    if (configured.length === 0) return []
    try {
      // The answer has one key per template id ('accept', 'reject', 'ban', ...) beside errMsg.
      const answers: Record<string, unknown> = {
        ...(await Taro.requestSubscribeMessage({ tmplIds: configured, entityIds: [] })),
      }
      return configured.filter((id) => answers[id] === 'accept')
    } catch {
      return []
    }
  }
  if (!h5Prompt) return []
  const { confirm } = await Taro.showModal({
    title: h5Prompt.title,
    content: h5Prompt.content,
    confirmText: '允许',
    cancelText: '暂不',
  })
  return confirm ? tmplIds : []
}
