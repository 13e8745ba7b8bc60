import { Text, View } from '@tarojs/components'
import type { CursorList } from '../hooks/useCursorList'
import './ui.scss'

/** The foot of a list paged by taps: 加载更多, 加载中, the failure with 重试, or 没有更多了. */
export function MoreButton<T>({ list, testId }: { list: CursorList<T>; testId?: string }) {
  if (list.loading || list.loadingMore) return <Text className='zu-more'>加载中…</Text>
  if (list.failure)
    return (
      <Text className='zu-more zu-more--link' onClick={list.retry}>
        {list.failure.message}，点此重试
      </Text>
    )
  if (list.done) return list.items.length > 0 ? <Text className='zu-more'>没有更多了</Text> : null
  return (
    <Text className='zu-more zu-more--link' onClick={list.loadMore} data-testid={testId}>
      加载更多
    </Text>
  )
}

/** The end of a list paged by scrolling to the bottom: loading more, the end, or nothing yet. */
export function ListFooter<T>({ list, emptyText }: { list: CursorList<T>; emptyText: string }) {
  const empty = list.items.length === 0
  const text = empty ? emptyText : list.loadingMore ? '加载中…' : list.done ? '没有更多了' : '上拉加载更多'
  return (
    <View className='zu-list-footer' data-testid={empty ? 'list-empty' : 'list-footer'}>
      <Text>{text}</Text>
    </View>
  )
}
