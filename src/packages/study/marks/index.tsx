import { View } from '@tarojs/components'
import { sessionPage } from '../../../components/SessionPage'
import { useReachBottom } from '@tarojs/taro'
import { ListFooter, listGate } from '../../../ui'
import { callFunction } from '../../../services/call'
import { ArticleItem } from '../../../components/ArticleItem'
import { friendlyDate } from '../../../utils/study'
import { useCursorList } from '../../../hooks/useCursorList'
import '../list.scss'
import { useReloadOnShow } from '../../../hooks/useReloadOnShow'

type Kind = 'favorites' | 'history'

function MarkList({ kind }: { kind: Kind }) {
  const list = useCursorList((cursor) => callFunction('study', kind, { cursor }), [kind])
  useReachBottom(list.loadMore)
  // Coming back from an article may have changed the list (un-favourited, newly read).
  useReloadOnShow(list.reload)
  const gate = listGate(list, { keepWhileLoading: false })
  if (gate) return gate
  const verb = kind === 'favorites' ? '收藏于' : '读于'
  return (
    <View className='zb-study-list' data-testid={`${kind}-list`}>
      {list.items.map((a) => (
        <ArticleItem key={a.id} article={a} extra={`${verb} ${friendlyDate(a.at)}`} />
      ))}
      <ListFooter
        list={list}
        emptyText={kind === 'favorites' ? '还没有收藏文章，读到好文章时点“收藏”' : '还没有阅读记录'}
      />
    </View>
  )
}

/** 我的收藏 (`?kind=favorites`) or 阅读历史 (`?kind=history`). */
const markKind = (kind: string | undefined): Kind => (kind === 'history' ? 'history' : 'favorites')

export default sessionPage(
  (params) => `page-${markKind(params.kind)}`,
  ({ params }) => <MarkList kind={markKind(params.kind)} />,
  {
    title: (params) => (markKind(params.kind) === 'history' ? '阅读历史' : '我的收藏'),
  },
)
