import { Failure, NetworkError, Tips } from '../components/Icon'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ReactNode } from 'react'
import { ROUTES } from '../routes'
import type { QueryState } from '../hooks/useCall'
import type { CursorList } from '../hooks/useCursorList'
import { isRetryable, type CallFailure } from '../services/call'
import { Button, SkeletonRows } from './button'
import './ui.scss'

/** Placeholder shapes while the first call of a page is on its way. */
export function LoadingView() {
  return (
    <View className='zu-state zu-state--loading' data-testid='loading'>
      <View className='zu-state__band' />
      <View className='zu-state__sheet'>
        <SkeletonRows rows={3} />
      </View>
      <View className='zu-state__sheet'>
        <SkeletonRows rows={4} />
      </View>
    </View>
  )
}

export interface NoticeAction {
  label: string
  onClick: () => void
}

interface NoticeProps {
  icon: ReactNode
  title: string
  text: string
  action?: NoticeAction
  testId?: string
}

/** A centred message with one action, for states that need the user to do something. */
export function NoticeView({ icon, title, text, action, testId }: NoticeProps) {
  return (
    <View className='zu-state zu-state--notice' data-testid={testId}>
      <View className='zu-state__icon'>{icon}</View>
      <Text className='zu-state__title'>{title}</Text>
      <Text className='zu-state__text'>{text}</Text>
      {action ? (
        <Button className='zu-state__action' type='primary' onClick={action.onClick}>
          {action.label}
        </Button>
      ) : null}
    </View>
  )
}

/**
 * How a refusal that trying again cannot fix is shown: `plain` the failure as is; `lock` "not yours to see"
 * as such (FORBIDDEN / NOT_FOUND, the server's reason); `back` the reason and a way back (report pages).
 */
export type Refusal = 'plain' | 'lock' | 'back'

function goBack(): void {
  void Taro.navigateBack().catch(() => Taro.switchTab({ url: ROUTES.report }))
}

/**
 * A failed call: the envelope's Chinese message, and 重试 when trying again can help. Wrapped so the
 * notice's margin stays inside the grey page (it is often the page's first child).
 */
export function ErrorView({
  failure,
  onRetry,
  refusal = 'plain',
}: {
  failure: CallFailure
  onRetry: () => void
  refusal?: Refusal
}) {
  return (
    <View className='zu-root'>
      <NoticeView text={failure.message} {...failureNotice(failure, onRetry, refusal)} />
    </View>
  )
}

/** Which notice a failure gets: a refusal as such (`lock`, `back`), else the error with 重试 when it can help. */
function failureNotice(failure: CallFailure, onRetry: () => void, refusal: Refusal): Omit<NoticeProps, 'text'> {
  const retryable = isRetryable(failure)
  const denied = failure.code === 'FORBIDDEN' || failure.code === 'NOT_FOUND'
  if (!retryable && refusal === 'lock' && denied)
    return {
      testId: 'denied',
      icon: <Tips size={36} />,
      title: failure.code === 'FORBIDDEN' ? '没有查看权限' : '没有找到',
    }
  if (!retryable && refusal === 'back')
    return {
      testId: 'load-failure',
      icon: <Failure size={36} />,
      title: '无法查看',
      action: { label: '返回', onClick: goBack },
    }
  return {
    testId: 'error',
    // The network icon only where the network is to blame; a server or page error is not the user's connection.
    icon: failure.code === 'NETWORK' ? <NetworkError size={36} /> : <Failure size={36} />,
    title: failure.code === 'NETWORK' ? '网络不太顺畅' : '没能加载出来',
    action: retryable ? { label: '重试', onClick: onRetry } : undefined,
  }
}

/** Nothing to show yet: the failure (with 重试 when it can help) if the load failed, else the loading state. */
export function Pending({
  failure,
  onRetry,
  refusal,
  loading = <LoadingView />,
}: {
  failure: CallFailure | null | undefined
  onRetry: () => void
  refusal?: Refusal
  loading?: JSX.Element
}) {
  return failure ? <ErrorView failure={failure} onRetry={onRetry} refusal={refusal} /> : loading
}

/**
 * The one page gate for a `useQuery`: its error (with 重试), its loading shapes, then `children(data)`.
 * While a reload is under way the last answer stays on screen instead of flashing the skeleton, unless
 * `keepWhileLoading` is false (the query's key changed: the last answer is another branch's or period's).
 * `refused` shows a page's own notice for a failure it expects (e.g. nothing scheduled yet), or null.
 */
export function QueryView<T>({
  query,
  refusal,
  keepWhileLoading = true,
  refused,
  children,
}: {
  query: QueryState<T>
  refusal?: Refusal
  keepWhileLoading?: boolean
  refused?: (failure: CallFailure) => ReactNode
  children: (data: T) => ReactNode
}) {
  const { data, failure, loading, reload } = query
  const own = failure ? refused?.(failure) : null
  if (own) return <>{own}</>
  if (failure || data === undefined || (loading && !keepWhileLoading))
    return <Pending failure={failure} onRetry={reload} refusal={refusal} />
  return <>{children(data)}</>
}

export interface ListGateOptions {
  refusal?: Refusal
  /** Shown while the first page loads (default the skeleton). */
  loading?: JSX.Element
  /** False when the list's deps changed its subject (another keyword, tab): the old rows are not this list's. */
  keepWhileLoading?: boolean
}

/**
 * What a `useCursorList` shows instead of its rows, as QueryView does for a query: the first page's failure
 * (with 重试) or its loading state; null once rows (or none) are in. A later page's failure stays in the list's
 * foot (MoreButton, ListFooter). For a page that returns early: `const gate = listGate(list); if (gate) return gate`.
 */
export function listGate<T>(
  list: CursorList<T>,
  { refusal, loading, keepWhileLoading = true }: ListGateOptions = {},
): JSX.Element | null {
  const nothing = list.items.length === 0
  const failure = nothing ? list.failure : undefined
  if (!failure && !(list.loading && (nothing || !keepWhileLoading))) return null
  return <Pending failure={failure} onRetry={list.reload} refusal={refusal} loading={loading} />
}

/** The page gate for a `useCursorList` inside JSX: listGate, then `empty` when the list is empty, else `children`. */
export function ListView<T>({
  list,
  empty,
  children,
  ...options
}: ListGateOptions & { list: CursorList<T>; empty?: ReactNode; children: ReactNode }) {
  const gate = listGate(list, options)
  if (gate) return gate
  return <>{empty !== undefined && list.items.length === 0 ? empty : children}</>
}
