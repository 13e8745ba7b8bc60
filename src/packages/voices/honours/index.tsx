import { Text, View } from '@tarojs/components'
import { Card } from '../../../components/Card'
import { sessionPage } from '../../../components/SessionPage'
import { useQuery } from '../../../hooks/useCall'
import type { HonoursResult } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { QueryView } from '../../../ui'
import { Band, Empty, Row } from '../shared/ui'
import { AwardForm } from './AwardForm'
import { NominateForm } from './NominateForm'
import { Shortlist } from './Shortlist'
import { Window } from './Window'

function Nominations({ data, reload }: { data: HonoursResult; reload: () => void }) {
  if (!data.nominations) return null
  return (
    <Card title={data.canAward ? '待审定的推荐' : '本支部的推荐'}>
      {data.nominations.length === 0 ? <Empty bare>没有待审定的推荐</Empty> : null}
      {data.nominations.map((n) =>
        data.canAward ? (
          <AwardForm key={n.id} n={n} onDone={reload} />
        ) : (
          <Row key={n.id} title={`${n.name} · ${n.title}`} sub={`${n.year}年度 · 等待院党委审定`} testId='nomination' />
        ),
      )}
    </Card>
  )
}

function HonoursView({ data, reload }: { data: HonoursResult; reload: () => void }) {
  return (
    <View data-testid='honours'>
      <Band title='榜样' subtitle='学习身边的优秀共产党员、优秀党务工作者和党员先锋岗' />
      <View className='zbv-lift'>
        <Window honours={data.honours} />
        <Nominations data={data} reload={reload} />
        {data.canAward && data.nominations ? <Shortlist nominations={data.nominations} /> : null}
        {data.canNominate && !data.canAward ? <NominateForm onDone={reload} /> : null}
      </View>
      <Text className='zbv-note'>表彰由院党委审定；榜样展示不计入学习积分，也不设点赞排名。</Text>
    </View>
  )
}

function Honours() {
  const query = useQuery(() => callFunction('voices', 'honours', {}), [])
  return <QueryView query={query}>{(data) => <HonoursView data={data} reload={query.reload} />}</QueryView>
}

export default sessionPage('page-voices-honours', Honours)
