import { Text, View } from '@tarojs/components'
import { Card } from '../../../components/Card'
import { sessionPage } from '../../../components/SessionPage'
import { Pill, QueryView } from '../../../ui'
import { useQuery } from '../../../hooks/useCall'
import { ROUTES } from '../../../routes'
import { callFunction } from '../../../services/call'
import { EventList, StepList } from '../shared/Timeline'
import { Band, day, go } from '../shared/ui'
import './index.scss'

function SelfCheck() {
  const query = useQuery(() => callFunction('branch', 'selfCheck'), [])
  return (
    <QueryView query={query} refusal='lock'>
      {(data) => {
        const { reports, next, member } = data
        return (
          <View data-testid='self-check'>
            <Band title={`${member.name}，你目前是${member.stageLabel}`} subtitle={member.branchName} />
            <View className='zbb-lift'>
              <Card
                title='我在哪一步'
                extra={next ? <Text className='zbself-next'>下一步：{next.toLabel}</Text> : null}
              >
                {data.advice.map((line) => (
                  <Text key={line} className='zbself-advice' data-testid='self-advice'>
                    {line}
                  </Text>
                ))}
                <Text className='zbself-link' onClick={() => go(ROUTES.developmentFile)} data-testid='self-open-file'>
                  查看我的发展纪实（25 个步骤和还缺的材料）
                </Text>
              </Card>
            </View>
            <Card
              title='思想汇报'
              extra={
                reports.owedNow ? (
                  <Pill tone={reports.overdue.length ? 'red' : 'green'}>
                    {reports.overdue.length ? `逾期 ${reports.overdue.length} 期` : '没有逾期'}
                  </Pill>
                ) : null
              }
            >
              {reports.overdue.length ? (
                <Text className='zbb-alert' data-testid='self-overdue'>
                  还欠：{reports.overdue.map((p) => p.label).join('、')}。请尽快补交。
                </Text>
              ) : null}
              {reports.current ? (
                <Text className='zbself-line' data-testid='self-current'>
                  本期（{reports.current.label}）：{reports.current.stateLabel}
                </Text>
              ) : null}
              {reports.due ? (
                <Text className='zbself-line'>
                  {reports.due.label}的汇报 {day(reports.due.day)} 截止，
                  {reports.due.daysLeft > 0 ? `还有 ${reports.due.daysLeft} 天` : '今天截止'}。
                </Text>
              ) : (
                <Text className='zbself-line'>
                  你目前所在的阶段不需要定期提交思想汇报，也欢迎主动向党组织汇报思想。
                </Text>
              )}
              <Text className='zbself-line'>
                已审阅通过 {reports.approved} 篇
                {reports.required ? `（接收为预备党员须至少 ${reports.required} 篇）` : ''}。
              </Text>
              <View className='zbself-links'>
                <Text className='zbself-link' onClick={() => go(ROUTES.report)}>
                  去写汇报
                </Text>
                {reports.approved > 0 ? (
                  <Text className='zbself-link' onClick={() => go(ROUTES.branchArchive)}>
                    打印我的汇报存档
                  </Text>
                ) : null}
              </View>
            </Card>
            <Card title='发展时间线'>
              <StepList steps={data.steps} />
            </Card>
            {data.events.length ? (
              <Card title='发展记录'>
                <EventList events={data.events} />
              </Card>
            ) : null}
            <Text className='zbb-note'>
              以上日期以党支部登记为准。如发现日期有误，请联系支部书记更正，更正会留下记录。
            </Text>
          </View>
        )
      }}
    </QueryView>
  )
}

export default sessionPage('page-branch-self', SelfCheck)
