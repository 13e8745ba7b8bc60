import { ShieldCheck, User } from '../Icon'
import Taro from '@tarojs/taro'
import { useEffect, type ComponentProps, type ReactNode } from 'react'
import { ROUTES } from '../../routes'
import type { Profile } from '../../services/api'
import { getIdentity } from '../../services/identity'
import { useSession, type MeDetails, type SessionNeed, type SessionStatus } from '../../stores/session'
import { NoticeView, Pending } from '../../ui'

export interface SessionView {
  profile: Profile
  details: MeDetails | null
}

/** The states the person must act on: a page to open, once by itself and then from the notice's button. */
const PROMPTS: Partial<
  Record<SessionStatus, { url: string; notice: ComponentProps<typeof NoticeView>; label: string }>
> = {
  'no-identity': {
    url: ROUTES.persona,
    label: '选择身份',
    notice: {
      testId: 'need-persona',
      icon: <User size={36} />,
      title: '请选择体验身份',
      text: '本地体验版需要先选择以谁的身份使用支部通。',
    },
  },
  unbound: {
    url: ROUTES.bind,
    label: '去绑定',
    notice: {
      testId: 'need-bind',
      icon: <ShieldCheck size={36} />,
      title: '尚未绑定学号',
      text: '首次使用请用学号和姓名绑定微信，绑定后即可查看本人的党建信息。',
    },
  },
}

// Each prompt (pick a persona, bind) opens its page by itself once per identity, not on every tab.
const prompted = new Set<string>()

function promptOnce(url: string): void {
  const key = `${url}:${getIdentity()?.openid ?? 'wechat'}`
  if (prompted.has(key)) return
  prompted.add(key)
  void Taro.navigateTo({ url })
}

/**
 * Renders `children` once the session has what the page needs; until then one of: loading,
 * pick a persona (H5), bind your student number, or a retryable error. Makes at most one call.
 */
export function SessionGate({
  need = 'profile',
  children,
}: {
  need?: SessionNeed
  children: (session: SessionView) => ReactNode
}) {
  const { status, profile, details, failure, ensure } = useSession()
  const prompt = PROMPTS[status]

  useEffect(() => {
    // An error waits for 重试 instead of looping; `idle` comes back after a persona switch.
    if (status !== 'error' && status !== 'loading') void ensure(need)
  }, [ensure, need, status])

  useEffect(() => {
    if (prompt) promptOnce(prompt.url)
  }, [prompt])

  const satisfied = profile !== null && (need === 'profile' || details !== null)
  if (satisfied) return <>{children({ profile, details })}</>
  if (prompt)
    return (
      <NoticeView
        {...prompt.notice}
        action={{ label: prompt.label, onClick: () => void Taro.navigateTo({ url: prompt.url }) }}
      />
    )
  return (
    <Pending failure={status === 'error' ? failure : null} onRetry={() => void useSession.getState().ensure(need)} />
  )
}
