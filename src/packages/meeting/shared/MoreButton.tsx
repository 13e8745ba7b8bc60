import { Text } from '@tarojs/components'
import type { Paged } from './usePaged'

/** The foot of a paged list: 加载更多, 加载中, or 没有更多了. */
export function MoreButton<T>({ paged }: { paged: Paged<T> }) {
  if (paged.loading) return <Text className='zb-more'>加载中…</Text>
  if (paged.failure) return <Text className='zb-more zb-more--link' onClick={paged.retry}>{paged.failure.message}，点此重试</Text>
  if (paged.done) return paged.items.length > 0 ? <Text className='zb-more'>没有更多了</Text> : null
  return (
    <Text className='zb-more zb-more--link' onClick={paged.loadMore}>
      加载更多
    </Text>
  )
}
