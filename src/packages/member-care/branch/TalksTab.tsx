import { Text, View } from '@tarojs/components'
import { Card } from '../../../components/Card'
import { ROUTES } from '../../../routes'
import { callFunction } from '../../../services/call'
import { dayLabel, LeadButton } from '../shared/ui'
import { Empty, Pill, QueryView } from '../../../ui'
import { useShownQuery } from '../../../hooks/useShownQuery'

export function TalksTab({ committee }: { committee: boolean }) {
  const query = useShownQuery(() => callFunction('member-care', 'talks', {}), [])
  return (
    <QueryView query={query}>
      {(data) => (
        <>
          {committee ? null : <LeadButton text='记录谈心谈话' url={ROUTES.careTalk} testId='care-new-talk' />}
          {data.duties.map((d) => (
            <Card
              key={d.duty}
              title={d.label}
              extra={<Text className='zbc-sub'>{`${data.year} 年已谈 ${d.covered} / ${d.total}`}</Text>}
            >
              {d.rows.length === 0 ? <Empty bare>没有需要谈话的对象</Empty> : null}
              {d.rows.map((r) => (
                <View key={r.memberId} className='zbc-row' data-testid='care-duty-row'>
                  <View className='zbc-row__main'>
                    <Text className='zbc-title'>{r.name}</Text>
                    <Text className='zbc-sub'>
                      {r.covered ? `${r.roleLabel} · 已与${r.withName ?? ''}谈话` : r.roleLabel}
                    </Text>
                  </View>
                  <Pill tone={r.covered ? 'green' : 'amber'}>{r.covered ? '已谈' : '未谈'}</Pill>
                </View>
              ))}
            </Card>
          ))}
          <Card title='谈话记录' extra={<Text className='zbc-sub'>{data.scopeLabel}</Text>}>
            {data.talks.length === 0 ? <Empty bare>今年还没有谈话记录</Empty> : null}
            {data.talks.map((t) => (
              <View key={t.id} className='zbc-row' data-testid='care-talk'>
                <View className='zbc-row__main'>
                  <Text className='zbc-title'>
                    {t.aName} 与 {t.bName}：{t.topic}
                  </Text>
                  <Text className='zbc-sub'>
                    {dayLabel(t.day)} · {t.recordedByName} 记录
                  </Text>
                  {t.notes ? <Text className='zbc-text'>{t.notes}</Text> : null}
                  {t.followUp ? <Text className='zbc-sub'>后续跟进：{t.followUp}</Text> : null}
                </View>
              </View>
            ))}
          </Card>
          <Text className='zbc-intro'>谈话记录仅本支部书记和院党委可见。</Text>
        </>
      )}
    </QueryView>
  )
}
