import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Card } from '../../../components/Card'
import { Page } from '../../../components/Page'
import { SessionGate } from '../../../components/SessionGate'
import { useAction, useQuery } from '../../../hooks/useCall'
import { withQuery } from '../../../hooks/useParams'
import { ROUTES } from '../../../routes'
import type { VoicesManage } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { toastSuccess } from '../../../services/feedback'
import { Band, Empty, go, Loaded, Pill, Row, when } from '../shared/ui'

function BranchRow({
  b,
  year,
  onStarted,
}: {
  b: VoicesManage['branches'][number]
  year: number
  onStarted: () => void
}) {
  const start = useAction(() => callFunction('voices', 'startAppraisal', { branchId: b.id }))
  if (b.appraisal) {
    const a = b.appraisal
    return (
      <Row
        title={b.name}
        sub={`${a.memberCount} 名党员 · ${a.status === 'appraising' ? `互评${when(a.closesAt)}截止` : a.statusLabel}`}
        side={
          <Pill tone={a.status === 'published' ? 'green' : a.status === 'deciding' ? 'amber' : 'red'}>
            {a.statusLabel}
          </Pill>
        }
        onClick={() => go(withQuery(ROUTES.voicesAppraisal, { id: a.id }))}
        testId='manage-appraisal'
      />
    )
  }
  return (
    <Row
      title={b.name}
      sub={`${year}年度民主评议尚未开展`}
      side={
        <Button
          size='small'
          type='primary'
          loading={start.pending}
          onClick={() =>
            void Taro.showModal({
              title: '开展民主评议',
              content: `为${b.name}开展${year}年度民主评议党员？本支部党员将收到自评和互评任务，互评默认两周内完成。`,
              confirmColor: '#C8161D',
            }).then((res) => {
              if (!res.confirm) return
              void start.run().then((r) => {
                if (!r.ok) return
                toastSuccess('已开展')
                go(withQuery(ROUTES.voicesAppraisal, { id: r.data.id }))
                onStarted()
              })
            })
          }
          data-testid='manage-start'
        >
          开展
        </Button>
      }
    />
  )
}

function ManageView({ data, reload }: { data: VoicesManage; reload: () => void }) {
  const single = data.branches.length === 1 ? data.branches[0] : null
  const scopeQuery: Record<string, string> =
    single && !data.committee ? { branchId: single.id } : data.committee ? { college: '1' } : {}
  return (
    <View data-testid='voices-manage'>
      <Band title={`${data.scopeLabel} · 评议与投票`} subtitle='民主评议党员、支部投票、征求意见和榜样推荐' />
      <View className='zbv-lift'>
        <Card title={`${data.year}年度民主评议党员`}>
          {data.branches.map((b) => (
            <BranchRow key={b.id} b={b} year={data.year} onStarted={reload} />
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
  return <Loaded {...query}>{(data) => <ManageView data={data} reload={query.reload} />}</Loaded>
}

export default function VoicesManagePage() {
  return (
    <Page testId='page-voices-manage'>
      <SessionGate>{() => <Manage />}</SessionGate>
    </Page>
  )
}
