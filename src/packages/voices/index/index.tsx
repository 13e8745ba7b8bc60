import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import type { ReactNode } from 'react'
import { Card } from '../../../components/Card'
import { sessionPage } from '../../../components/SessionPage'
import { useQuery } from '../../../hooks/useCall'
import { withQuery } from '../../../hooks/useParams'
import { ROUTES } from '../../../routes'
import type { VoicesHome } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { QueryView } from '../../../ui'
import { Band, Empty, go, Pill, Row, when } from '../shared/ui'

function AppraisalCard({ a }: { a: NonNullable<VoicesHome['appraisal']> }) {
  const todo =
    a.status === 'appraising'
      ? [!a.selfWritten ? '写自我评价' : null, !a.hasAppraised ? '评议其他党员' : null].filter(Boolean)
      : []
  return (
    <Card title={a.title} extra={<Pill tone={a.status === 'published' ? 'green' : 'red'}>{a.statusLabel}</Pill>}>
      <Row
        title={a.branchName}
        sub={
          a.status === 'appraising'
            ? todo.length
              ? `待完成：${todo.join('、')} · ${when(a.closesAt)}截止`
              : `你已完成自评和互评 · ${when(a.closesAt)}截止`
            : a.status === 'deciding'
              ? '互评已结束，支部正在评定等次'
              : '评定结果已公布，点此查看'
        }
        side={<Text className='zbv-link'>{a.status === 'appraising' && todo.length ? '去评议' : '查看'}</Text>}
        onClick={() => go(withQuery(ROUTES.voicesAppraisal, { id: a.id }))}
        testId='home-appraisal'
      />
    </Card>
  )
}

/**
 * A vote or survey in a list: its scope, named or not (in the list's words), open until when; `side` says
 * where the member stands with it. It opens its own page (`route` with its id).
 */
function ballotRow(
  item: { id: string; title: string; scopeLabel: string; anonymous: boolean; status: string; closesAt: string },
  words: readonly [anonymous: string, named: string],
  route: string,
  side: ReactNode,
) {
  const until = item.status === 'open' ? `${when(item.closesAt)}截止` : '已结束'
  const sub = `${item.scopeLabel} · ${item.anonymous ? words[0] : words[1]} · ${until}`
  return { key: item.id, title: item.title, sub, side, url: withQuery(route, { id: item.id }) }
}

/** A card listing things that each open their own page, or saying there are none. */
function RowsCard<T>({
  title,
  items,
  empty,
  emptyTestId,
  testId,
  row,
}: {
  title: string
  items: readonly T[]
  empty: string
  emptyTestId?: string
  testId: string
  row: (item: T) => { key: string; title: string; sub: string; side: ReactNode; url: string }
}) {
  return (
    <Card title={title}>
      {items.length === 0 ? (
        <Empty bare testId={emptyTestId}>
          {empty}
        </Empty>
      ) : null}
      {items.map(row).map(({ key, url, ...shown }) => (
        <Row key={key} {...shown} onClick={() => go(url)} testId={testId} />
      ))}
    </Card>
  )
}

function HomeView({ data }: { data: VoicesHome }) {
  return (
    <View data-testid='voices-home'>
      <Band title='评议与投票' subtitle='民主评议党员、支部投票、征求意见；投票和评议不计入学习积分' />
      <View className='zbv-lift'>
        {data.appraisal ? <AppraisalCard a={data.appraisal} /> : null}
        <RowsCard
          title='投票'
          items={data.votes}
          empty='目前没有需要你参加的投票'
          emptyTestId='votes-empty'
          testId='home-vote'
          row={(v) =>
            ballotRow(
              v,
              ['无记名', '记名'],
              ROUTES.voicesVote,
              v.status === 'closed' ? (
                <Pill>{v.declared ? '已计票' : '未达人数'}</Pill>
              ) : v.voted ? (
                <Pill tone='green'>已投票</Pill>
              ) : (
                <Pill tone='red'>待投票</Pill>
              ),
            )
          }
        />
        <RowsCard
          title='征求意见'
          items={data.surveys}
          empty='目前没有向你征求意见的问卷'
          emptyTestId='surveys-empty'
          testId='home-survey'
          row={(s) =>
            ballotRow(
              s,
              ['匿名', '实名'],
              ROUTES.voicesSurvey,
              s.answered ? (
                <Pill tone='green'>已提交</Pill>
              ) : s.status === 'open' ? (
                <Pill tone='red'>待填写</Pill>
              ) : (
                <Pill>已结束</Pill>
              ),
            )
          }
        />
        <RowsCard
          title='我的评议结果'
          items={data.grades}
          empty='还没有公布的民主评议结果'
          testId='home-grade'
          row={(g) => ({
            key: g.appraisalId,
            title: `${g.year}年度民主评议`,
            sub: g.branchName,
            side: <Pill tone={g.grade === 'excellent' ? 'red' : 'grey'}>{g.gradeLabel}</Pill>,
            url: withQuery(ROUTES.voicesAppraisal, { id: g.appraisalId }),
          })}
        />
        <Card>
          <Row
            title='榜样'
            sub='优秀共产党员、优秀党务工作者、先锋岗'
            side={<Text className='zbv-link'>查看</Text>}
            onClick={() => go(ROUTES.voicesHonours)}
            testId='home-honours'
          />
          {data.isManager ? (
            <Row
              title='评议投票管理'
              sub='开展民主评议、发起投票和征求意见'
              side={<Text className='zbv-link'>进入</Text>}
              onClick={() => go(ROUTES.voicesManage)}
              testId='home-manage'
            />
          ) : null}
        </Card>
      </View>
    </View>
  )
}

function Home() {
  const query = useQuery(() => callFunction('voices', 'home'), [])
  // Back from a ballot or a survey, the lists show what was just done.
  useDidShow(() => {
    if (query.data) query.reload()
  })
  return <QueryView query={query}>{(data) => <HomeView data={data} />}</QueryView>
}

export default sessionPage('page-voices', Home)
