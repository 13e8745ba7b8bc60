import { Text, View } from '@tarojs/components'
import { Card } from '../../../components/Card'
import { sessionPage } from '../../../components/SessionPage'
import { Stats } from '../../../components/Stats'
import { useQuery } from '../../../hooks/useCall'
import type { Res } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { dayLabel } from '../shared/ui'
import '../shared/care.scss'
import { Empty, Pill, QueryView } from '../../../ui'

function MyHours() {
  const query = useQuery(() => callFunction('member-care', 'myHours', {}), [])
  return <QueryView query={query}>{(data) => <HoursSummary data={data} />}</QueryView>
}

const CARE_STAT = { stat: 'zbc-stat', num: 'zbc-num', label: 'zbc-sub' }

function HoursSummary({ data }: { data: Res<'member-care', 'myHours'> }) {
  const met = data.total >= data.target
  return (
    <>
      <Card
        title={`${data.year} 年培训学时`}
        extra={
          <Pill tone={met ? 'green' : 'amber'}>
            {met ? '已达标' : `还差 ${Math.round((data.target - data.total) * 10) / 10} 学时`}
          </Pill>
        }
      >
        <View className='zbc-stats'>
          <Stats
            classes={CARE_STAT}
            stats={[
              { value: data.total, label: '已完成学时', testId: 'care-hours-total' },
              { value: data.target, label: '年度要求' },
            ]}
          />
        </View>
        <View className='zbc-bar'>
          <View
            className={`zbc-bar__fill ${met ? 'zbc-bar__fill--met' : ''}`}
            style={{ width: `${Math.min(100, (data.total / data.target) * 100)}%` }}
          />
        </View>
        <Text className='zbc-sub'>{data.targetLabel}。</Text>
      </Card>
      <Card title='学时明细'>
        {data.items.length === 0 ? <Empty bare>今年还没有记录的学时</Empty> : null}
        {data.items.map((i, n) => (
          <View key={`${i.day}-${n}`} className='zbc-row' data-testid='care-hour-item'>
            <View className='zbc-row__main'>
              <Text className='zbc-title'>{i.title}</Text>
              <Text className='zbc-sub'>
                {dayLabel(i.day)} · {i.sourceLabel}
              </Text>
            </View>
            <Text className='zbc-title'>{i.hours} 学时</Text>
          </View>
        ))}
      </Card>
      <Text className='zbc-intro'>
        学时来自签到的党课和专题培训、院党委登记的集中培训。在小程序里阅读文章、答题的时长不计入培训学时。
      </Text>
    </>
  )
}

export default sessionPage('page-care-hours', MyHours)
