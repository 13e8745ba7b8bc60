import { Text, View } from '@tarojs/components'
import { useCallback } from 'react'
import { Card } from '../../../components/Card'
import { sessionPage } from '../../../components/SessionPage'
import { Pill, QueryView } from '../../../ui'
import { ROUTES } from '../../../routes'
import { callFunction } from '../../../services/call'
import { Figures } from '../shared/Figures'
import { EventList, StepList } from '../shared/Timeline'
import { day, go, percent, StageTag } from '../shared/ui'
import './index.scss'
import { BindingCard, NextCard, stageUrl } from './cards'
import { PostCard } from './PostCard'
import { useShownQuery } from '../../../hooks/useShownQuery'

function Detail({ memberId }: { memberId: string }) {
  const load = useCallback(() => callFunction('branch', 'member', { memberId }), [memberId])
  const query = useShownQuery(load, [memberId])
  const { reload } = query
  return (
    <QueryView query={query} refusal='lock'>
      {(data) => {
        const m = data.member
        const a = data.attendance
        return (
          <View data-testid='branch-member'>
            <View className='zbmd-head'>
              <View className={`zbmd-avatar zbmd-avatar--${data.gender}`}>
                <Text>{m.name.slice(0, 1)}</Text>
              </View>
              <View className='zbmd-head__info'>
                <View className='zbmd-head__row'>
                  <Text className='zbmd-name' data-testid='member-name'>
                    {m.name}
                  </Text>
                  <StageTag stage={m.stage} label={m.stageLabel} />
                </View>
                <Text className='zbmd-sub'>
                  {m.studentNo} · {m.className || '—'} · {data.gender === 'male' ? '男' : '女'}
                </Text>
                <Text className='zbmd-sub'>
                  {m.branchName}
                  {data.roles.includes('secretary')
                    ? ' · 支部书记'
                    : data.branchPost
                      ? ` · ${data.branchPost}`
                      : ''} · {data.bound ? '已绑定微信' : '尚未绑定微信'}
                </Text>
              </View>
            </View>
            <View className='zbb-lift'>
              <NextCard d={data} />
            </View>
            <Card title='发展时间线'>
              <StepList steps={data.steps} onCorrect={(s, mode) => go(stageUrl(m.id, mode, `&step=${s.stage}`))} />
            </Card>
            <Card title='发展记录' extra={<Text className='zbmd-count'>{data.events.length} 条</Text>}>
              <EventList
                events={data.events}
                onCorrect={(e, mode) => go(stageUrl(m.id, mode, `&eventId=${encodeURIComponent(e.id)}`))}
              />
            </Card>
            <BindingCard d={data} onChanged={reload} />
            {m.branchId ? <PostCard d={data} onChanged={reload} /> : null}
            <Card title='思想汇报' extra={<Text className='zbmd-count'>{data.reports.length} 篇</Text>}>
              {data.overdueReports.length ? (
                <Text className='zbb-alert' data-testid='member-overdue'>
                  逾期未交：{data.overdueReports.join('、')}
                </Text>
              ) : null}
              {data.reports.length === 0 ? <Text className='zbmd-line'>还没有提交过思想汇报。</Text> : null}
              {data.reports.slice(0, 8).map((r) => (
                <View
                  key={r.id}
                  className='zbb-row'
                  onClick={() => go(`${ROUTES.reviewDetail}?id=${encodeURIComponent(r.id)}`)}
                >
                  <View className='zbb-row__main'>
                    <Text className='zbb-row__title'>{r.title}</Text>
                    <Text className='zbb-row__sub'>{r.periodLabel}</Text>
                  </View>
                  <Pill tone={r.status === 'approved' ? 'green' : r.status === 'returned' ? 'red' : 'amber'}>
                    {r.statusLabel}
                  </Pill>
                </View>
              ))}
              {data.reports.some((r) => r.status === 'approved') ? (
                <Text
                  className='zu-more zu-more--link'
                  onClick={() => go(`${ROUTES.branchArchive}?id=${encodeURIComponent(m.id)}`)}
                  data-testid='open-archive'
                >
                  打印汇报存档
                </Text>
              ) : null}
            </Card>
            <Card title='组织生活（近一年）' extra={<Text className='zbmd-count'>出勤率 {percent(a.rate)}</Text>}>
              <View className='zbmd-stats'>
                <Figures
                  block='zbmd-stat'
                  figures={[
                    { n: a.present, label: '出席' },
                    { n: a.leave, label: '请假' },
                    { n: a.absent, label: '缺席', bad: true },
                    { n: data.points.total, label: '学习积分' },
                  ]}
                />
              </View>
              {a.lines.slice(0, 5).map((l) => (
                <View key={l.meetingId} className='zbb-row'>
                  <View className='zbb-row__main'>
                    <Text className='zbb-row__title'>{l.title}</Text>
                    <Text className='zbb-row__sub'>
                      {l.typeLabel} · {day(l.startAt.slice(0, 10))}
                    </Text>
                  </View>
                  <Pill tone={l.status === 'present' ? 'green' : l.status === 'leave' ? 'amber' : 'red'}>
                    {l.statusLabel}
                  </Pill>
                </View>
              ))}
              {a.lines.length === 0 ? <Text className='zbmd-line'>近一年没有需要参加的会议记录。</Text> : null}
            </Card>
          </View>
        )
      }}
    </QueryView>
  )
}

export default sessionPage('page-branch-member', ({ params }) => <Detail memberId={params.id ?? ''} />)
