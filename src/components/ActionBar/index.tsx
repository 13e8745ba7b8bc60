import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ReactNode } from 'react'
import './index.scss'

export interface BarAction {
  text: string
  onClick: () => void
  /** The main action (filled red); the others are outlined. */
  primary?: boolean
  /** Destroys or cancels something (取消会议): filled dark red. */
  danger?: boolean
  loading?: boolean
  /** Not available, for a reason the person can do nothing about here (first question: no 上一题). */
  disabled?: boolean
  /**
   * What the action still waits for, in the user's words (「请填写会议主题」): shown above the buttons, and
   * tapping the action says it again instead of doing nothing.
   */
  waitsFor?: string | null
  testId?: string
}

/**
 * The one bottom action bar (issue #16): a fixed bar of one to three equal buttons of the same height
 * (at least 44 px), aligned on one line, with an optional note above them. A spacer of the bar's height
 * keeps the page's last lines reachable. Use it for every pair like 保存草稿/提交汇报 or 退回修改/审阅通过.
 * `inline`: the same buttons inside the page (a form within a card), not fixed.
 */
export function ActionBar({
  actions,
  note,
  testId,
  inline = false,
}: {
  actions: BarAction[]
  note?: ReactNode
  testId?: string
  inline?: boolean
}) {
  const waiting = actions.find((a) => a.waitsFor)?.waitsFor ?? null
  const tap = (a: BarAction) => {
    if (a.loading || a.disabled) return
    if (a.waitsFor) {
      void Taro.showToast({ title: a.waitsFor, icon: 'none' })
      return
    }
    a.onClick()
  }
  return (
    <>
      {inline ? null : <View className={`zb-actionbar-spacer ${note || waiting ? 'zb-actionbar-spacer--note' : ''}`} />}
      <View className={`zb-actionbar ${inline ? 'zb-actionbar--inline' : ''}`} data-testid={testId}>
        {waiting ? (
          <Text className='zb-actionbar__waits' data-testid='action-waits-for'>
            {waiting}
          </Text>
        ) : note ? (
          <View className='zb-actionbar__note'>{note}</View>
        ) : null}
        <View className='zb-actionbar__buttons'>
          {actions.map((a) => (
            <View
              key={a.text}
              className={[
                'zb-actionbar__button',
                a.danger
                  ? 'zb-actionbar__button--danger'
                  : a.primary
                    ? 'zb-actionbar__button--primary'
                    : 'zb-actionbar__button--outline',
                a.waitsFor ? 'zb-actionbar__button--waiting' : '',
                a.disabled ? 'zb-actionbar__button--disabled' : '',
              ].join(' ')}
              hoverClass='zb-actionbar__button--pressed'
              onClick={() => tap(a)}
              data-testid={a.testId}
              aria-disabled={a.disabled || Boolean(a.waitsFor) || undefined}
              aria-busy={a.loading || undefined}
            >
              <Text className='zb-actionbar__text'>{a.loading ? `${a.text}…` : a.text}</Text>
            </View>
          ))}
        </View>
      </View>
    </>
  )
}
