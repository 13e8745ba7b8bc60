import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { Text, View } from '@tarojs/components'
import Taro, { useReachBottom } from '@tarojs/taro'
import { useState } from 'react'
import { sessionPage } from '../../../components/SessionPage'
import { ListFooter, listGate } from '../../../ui'
import { ROUTES } from '../../../routes'
import type { Profile, Study } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { toastFailure, toastSuccess } from '../../../services/feedback'
import { friendlyDate } from '../../../utils/study'
import { useCursorList } from '../../../hooks/useCursorList'
import './index.scss'
import { useReloadOnShow } from '../../../hooks/useReloadOnShow'

type Status = Study.ManagedItem['status']
const TABS: [Status, string][] = [
  ['published', '已发布'],
  ['draft', '草稿'],
  ['withdrawn', '已撤回'],
]

function Item({ item, onChanged }: { item: Study.ManagedItem; onChanged: () => void }) {
  const withdraw = async () => {
    const { confirm } = await Taro.showModal({
      title: '撤回这篇文章？',
      content: '撤回后所有人都将无法阅读，可在“已撤回”中重新发布。此操作会被记录。',
      confirmColor: '#C8161D',
    })
    if (!confirm) return
    const result = await callFunction('study', 'withdraw', { id: item.id })
    if (!result.ok) return toastFailure(result)
    toastSuccess('已撤回')
    onChanged()
  }
  return (
    <View className='zb-managed' data-testid='managed-item'>
      <Text className='zb-managed__title'>
        {item.pinned ? <Text className='zb-managed__pin'>置顶</Text> : null}
        {item.title}
      </Text>
      <Text className='zb-managed__meta'>
        {item.columnName} · {item.audienceLabel ?? '全院'} ·{' '}
        {item.status === 'published'
          ? `发布于 ${friendlyDate(item.publishedAt)}`
          : `修改于 ${friendlyDate(item.updatedAt)}`}
      </Text>
      {item.status === 'published' ? (
        <Text className='zb-managed__meta'>
          阅读 {item.readCount} · 评论 {item.commentCount}
          {item.publisherName !== item.audienceLabel ? ` · ${item.publisherName}发布` : ''}
        </Text>
      ) : null}
      <View className='zb-managed__ops'>
        {item.status === 'published' ? (
          <Text
            className='zb-managed__op'
            onClick={() => void Taro.navigateTo({ url: `${ROUTES.studyArticle}?id=${item.id}` })}
          >
            查看
          </Text>
        ) : null}
        <Text
          className='zb-managed__op'
          onClick={() => void Taro.navigateTo({ url: `${ROUTES.publishEdit}?id=${item.id}` })}
          data-testid='managed-edit'
        >
          {item.status === 'withdrawn' ? '编辑后重新发布' : '编辑'}
        </Text>
        {item.status === 'published' ? (
          <Text
            className='zb-managed__op zb-managed__danger'
            onClick={() => void withdraw()}
            data-testid='managed-withdraw'
          >
            撤回
          </Text>
        ) : null}
      </View>
    </View>
  )
}

function ManagedList({ status }: { status: Status }) {
  const list = useCursorList((cursor) => callFunction('study', 'managed', { status, cursor }), [status])
  useReachBottom(list.loadMore)
  useReloadOnShow(list.reload)
  const gate = listGate(list, { keepWhileLoading: false })
  if (gate) return gate
  const empty = { published: '还没有发布过文章', draft: '没有草稿', withdrawn: '没有撤回的文章' }[status]
  return (
    <View className='zb-managed-list' data-testid='managed-list'>
      {list.items.map((item) => (
        <Item key={item.id} item={item} onChanged={list.reload} />
      ))}
      <ListFooter list={list} emptyText={empty} />
    </View>
  )
}

function PublishHome({ profile }: { profile: Profile }) {
  const [status, setStatus] = useState<Status>('published')
  const committee = profile.primaryRole === 'committee'
  return (
    <>
      <View className='zb-publish-head'>
        <Text className='zb-publish-head__title'>
          {committee ? '院党委 · 全院内容' : `${profile.branch?.name ?? '本支部'} · 内容`}
        </Text>
        <Text className='zb-publish-head__sub'>
          {committee ? '可面向全院、某个支部或某些发展阶段发布' : '支部发布的文章仅本支部成员可见'}
        </Text>
        <View className='zb-publish-head__actions'>
          <Button
            type='primary'
            onClick={() => void Taro.navigateTo({ url: ROUTES.publishEdit })}
            data-testid='publish-new'
          >
            写文章
          </Button>
          {committee ? (
            <Button
              className='zb-publish-head__columns'
              onClick={() => void Taro.navigateTo({ url: ROUTES.publishColumns })}
            >
              栏目管理
            </Button>
          ) : null}
        </View>
      </View>
      <View className='zb-publish-tabs'>
        {TABS.map(([s, label]) => (
          <Text
            key={s}
            className={`zb-publish-tabs__tab ${status === s ? 'zb-publish-tabs__tab--on' : ''}`}
            onClick={() => setStatus(s)}
          >
            {label}
          </Text>
        ))}
      </View>
      <ManagedList key={status} status={status} />
    </>
  )
}

/** Publishers' desk: their branch's articles (the committee: all), write, edit, withdraw. */
export default sessionPage('page-publish', PublishHome, {
  only: { role: 'secretary', refused: '只有支部书记和院党委可以发布内容' },
})
