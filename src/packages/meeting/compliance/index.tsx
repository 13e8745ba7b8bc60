import { Text, View } from '@tarojs/components'
import { Card } from '../../../components/Card'
import { sessionPage } from '../../../components/SessionPage'
import { Pill, QueryView } from '../../../ui'
import { useQuery } from '../../../hooks/useCall'
import { dateTime } from '../../../utils/meeting'
import type { ComplianceResult } from '../../../services/api'
import { callFunction } from '../../../services/call'
import '../../../styles/meeting.scss'
import '../shared/meeting-pages.scss'
import './index.scss'

type Branch = ComplianceResult['branches'][number]
type Row = Branch['rows'][number]

const STATE_LABELS = { met: '已达标', due: '本期待开展', overdue: '未达标' } as const

function RuleRow({ row }: { row: Row }) {
  const current = row.periods[row.periods.length - 1]
  return (
    <View className='zb-rule' data-testid='compliance-row'>
      <View className='zb-rule__head'>
        <Text className='zb-rule__name'>{row.typeLabel}</Text>
        <Text className='zb-rule__rule'>{row.rule}</Text>
        {row.overdue > 0 ? (
          <Pill tone='red' testId='compliance-overdue'>
            {row.overdue} 期未达标
          </Pill>
        ) : (
          <Pill tone='green'>均已达标</Pill>
        )}
      </View>
      <View className='zb-rule__periods'>
        {row.periods.map((p) => (
          <View key={p.key} className={`zb-rule__period zb-rule__period--${p.state}`}>
            <Text className='zb-rule__held'>{p.held}</Text>
            <Text className='zb-rule__label'>{p.label.replace(/^\d{4}年/, '')}</Text>
          </View>
        ))}
      </View>
      <Text className='zb-mnote'>
        本期（{current.label}）{STATE_LABELS[current.state]}：已开展 {current.held} 次，要求 {current.required} 次
        {row.lastHeldAt ? `；最近一次 ${dateTime(row.lastHeldAt)}` : '；近一年未开展'}
      </Text>
      {row.overdue > 0 ? (
        <Text className='zb-rule__overdue'>
          未达标：
          {row.periods
            .filter((p) => p.state === 'overdue')
            .map((p) => p.label)
            .join('、')}
        </Text>
      ) : null}
    </View>
  )
}

function BranchCard({ branch }: { branch: Branch }) {
  return (
    <Card
      title={branch.branchName}
      extra={
        <Pill tone={branch.overdueTotal > 0 ? 'red' : 'green'}>
          {branch.overdueTotal > 0 ? `${branch.overdueTotal} 项未达标` : '全部达标'}
        </Pill>
      }
    >
      {branch.rows.map((row) => (
        <RuleRow key={row.type} row={row} />
      ))}
    </Card>
  )
}

function Compliance() {
  const query = useQuery(() => callFunction('meeting', 'compliance', {}), [])
  return (
    <QueryView query={query}>
      {(data) => (
        <>
          <Text className='zb-compliance__intro'>
            按学院规定统计近一年“三会一课”等组织生活的开展次数。已取消的会议不计入，本期尚未结束的显示为待开展。
          </Text>
          {data.branches.map((b) => (
            <BranchCard key={b.branchId} branch={b} />
          ))}
        </>
      )}
    </QueryView>
  )
}

export default sessionPage('page-meeting-compliance', Compliance)
