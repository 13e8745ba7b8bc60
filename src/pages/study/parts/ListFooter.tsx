import { Text, View } from '@tarojs/components'
import './ListFooter.scss'

/** The end of a paged list: loading more, the end, or nothing yet. */
export function ListFooter({ loadingMore, done, empty, emptyText }: { loadingMore: boolean; done: boolean; empty: boolean; emptyText: string }) {
  const text = empty ? emptyText : loadingMore ? '加载中…' : done ? '没有更多了' : '上拉加载更多'
  return (
    <View className='zb-list-footer' data-testid={empty ? 'list-empty' : 'list-footer'}>
      <Text>{text}</Text>
    </View>
  )
}
