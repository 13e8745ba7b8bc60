import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { sessionPage } from '../../../components/SessionPage'
import { ListFooter, listGate } from '../../../ui'
import { callFunction } from '../../../services/call'
import { ArticleItem } from '../../../components/ArticleItem'
import { useCursorList } from '../../../hooks/useCursorList'
import '../list.scss'

function ColumnList({ columnId }: { columnId: string }) {
  const list = useCursorList((cursor) => callFunction('study', 'list', { columnId, cursor }), [columnId])
  useReachBottom(list.loadMore)
  usePullDownRefresh(() => {
    list.reload()
    setTimeout(() => void Taro.stopPullDownRefresh(), 600)
  })
  const gate = listGate(list, { keepWhileLoading: false })
  if (gate) return gate
  return (
    <View className='zb-study-list' data-testid='column-list'>
      {list.items.map((a) => (
        <ArticleItem key={a.id} article={a} showColumn={false} />
      ))}
      <ListFooter list={list} emptyText='这个栏目还没有文章' />
    </View>
  )
}

/** One column's articles, newest first, loading more as the reader scrolls. */
export default sessionPage('page-column', ({ params }) => <ColumnList columnId={params.id ?? ''} />, {
  title: (params) => params.name,
})
