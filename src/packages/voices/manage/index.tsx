import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { Card } from '../../../components/Card'
import { sessionPage } from '../../../components/SessionPage'
import { useQuery } from '../../../hooks/useCall'
import { withQuery } from '../../../hooks/useParams'
import { ROUTES } from '../../../routes'
import type { VoicesManage } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { QueryView } from '../../../ui'
import { Band, Empty, go, Pill, Row, when } from '../shared/ui'
import { BranchRow } from './BranchRow'

function ManageView({ data, reload }: { data: VoicesManage; reload: () => void }) {
  const single = data.branches.length === 1 ? data.branches[0] : null
  const scopeQuery: Record<string, string> =
    single && !data.committee ? { branchId: single.id } : data.committee ? { college: '1' } : {}
  return (
    <View data-testid='voices-manage'>
      <Band
        title={`${data.scopeLabel} · 评议与投票`}
        subtitle={
          data.post
            ? `你是本支部${data.post}：可查看互评票数、评定等次（本人除外），发起本支部投票和征求意见`
            : '民主评议党员、支部投票、征求意见和榜样推荐'
        }
      />
      <View className='zbv-lift'>
        <Card title={`${data.year}年度民主评议党员`}>
          {data.branches.map((b) => (
            <BranchRow key={b.id} b={b} year={data.year} canStart={data.canStart} onStarted={reload} />
          ))}
        </Card>
        <View className='zbv-tools'>
          <View
            className='zbv-tool'
            onClick={() => go(withQuery(ROUTES.voicesVoteEdit, scopeQuery))}
            data-testid='tool-vote'
          >
            <Text className='zbv-tool__glyph'>票</Text>
            <Text className='zbv-tool__label'>{data.committee ? '发起全院投票' : '发起投票'}</Text>
          </View>
          <View
            className='zbv-tool'
            onClick={() => go(withQuery(ROUTES.voicesSurveyEdit, data.committee ? {} : scopeQuery))}
            data-testid='tool-survey'
          >
            <Text className='zbv-tool__glyph'>询</Text>
            <Text className='zbv-tool__label'>征求意见</Text>
          </View>
          <View className='zbv-tool' onClick={() => go(ROUTES.voicesHonours)} data-testid='tool-honours'>
            <Text className='zbv-tool__glyph'>榜</Text>
            <Text className='zbv-tool__label'>榜样推荐</Text>
          </View>
        </View>
        <Card title='投票'>
          {data.votes.length === 0 ? <Empty bare>近两个月没有投票</Empty> : null}
          {data.votes.map((v) => (
            <Row
              key={v.id}
              title={v.title}
              sub={`${v.scopeLabel} · ${v.expected} 人 · ${v.anonymous ? '无记名' : '记名'} · ${when(v.closesAt)}${v.status === 'open' ? '截止' : '结束'}`}
              side={
                <Pill tone={v.status === 'open' ? 'red' : 'grey'}>
                  {v.status === 'open' ? '进行中' : v.declared ? '已计票' : '结果无效'}
                </Pill>
              }
              onClick={() => go(withQuery(ROUTES.voicesVote, { id: v.id }))}
              testId='manage-vote'
            />
          ))}
        </Card>
        <Card title='征求意见'>
          {data.surveys.length === 0 ? <Empty bare>近两个月没有征求意见</Empty> : null}
          {data.surveys.map((s) => (
            <Row
              key={s.id}
              title={s.title}
              sub={`${s.scopeLabel} · ${s.anonymous ? '匿名' : '实名'} · ${when(s.closesAt)}${s.status === 'open' ? '截止' : '结束'}`}
              side={
                <Pill tone={s.status === 'open' ? 'red' : 'grey'}>{s.status === 'open' ? '征求中' : '已结束'}</Pill>
              }
              onClick={() => go(withQuery(ROUTES.voicesSurvey, { id: s.id }))}
              testId='manage-survey'
            />
          ))}
        </Card>
      </View>
    </View>
  )
}

function Manage() {
  const query = useQuery(() => callFunction('voices', 'manage', {}), [])
  useDidShow(() => {
    if (query.data) query.reload()
  })
  return (
    <QueryView query={query} refusal='lock'>
      {(data) => <ManageView data={data} reload={query.reload} />}
    </QueryView>
  )
}

export default sessionPage('page-voices-manage', Manage)
