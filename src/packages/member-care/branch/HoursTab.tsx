import { Text, View } from '@tarojs/components'
import { Card } from '../../../components/Card'
import { ROUTES } from '../../../routes'
import { callFunction } from '../../../services/call'
import { LeadButton } from '../shared/ui'
import { Empty, Pill, QueryView } from '../../../ui'
import { useShownQuery } from '../../../hooks/useShownQuery'

export function HoursTab({ committee }: { committee: boolean }) {
  const query = useShownQuery(() => callFunction('member-care', 'hours', {}), [])
  return (
    <QueryView query={query}>
      {(data) => (
        <>
          {committee ? <LeadButton text='登记学院培训' url={ROUTES.careTraining} testId='care-new-training' /> : null}
          <Card
            title={data.scopeLabel}
            extra={
              <Text className='zbc-sub'>{`${data.year} 年未达标 ${data.counts.short} / ${data.counts.members} 人`}</Text>
            }
          >
            {data.rows.length === 0 ? <Empty bare>没有党员</Empty> : null}
            {data.rows.map((r) => (
              <View key={r.memberId} className='zbc-row' data-testid='care-hours-row'>
                <View className='zbc-row__main'>
                  <Text className='zbc-title'>{r.name}</Text>
                  <Text className='zbc-sub'>
                    {r.className} · {r.roleLabel} · 要求 {r.target} 学时
                  </Text>
                </View>
                <Text className='zbc-title'>{r.total}</Text>
                <Pill tone={r.short ? 'amber' : 'green'}>{r.short ? '未达标' : '已达标'}</Pill>
              </View>
            ))}
          </Card>
          <Text className='zbc-intro'>
            学时来自签到的党课和专题培训、院党委登记的集中培训和发展对象培训；在小程序里阅读、答题的时长不计入。
          </Text>
        </>
      )}
    </QueryView>
  )
}
