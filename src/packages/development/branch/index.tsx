import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Card } from '../../../components/Card'
import { sessionPage, type PageProps } from '../../../components/SessionPage'
import { Pill, QueryView, type Tone } from '../../../ui'
import { useQuery } from '../../../hooks/useCall'
import type { Res } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { ROUTES } from '../../../routes'
import { Downloads } from '../file/Downloads'
import { formatDate } from '../../../utils/stage'
import '../shared.scss'

function openFile(memberId: string): void {
  void Taro.navigateTo({ url: `${ROUTES.developmentFile}?id=${encodeURIComponent(memberId)}` })
}

function Upcoming({ branchId }: { branchId: string | undefined }) {
  const query = useQuery(() => callFunction('development', 'upcoming', branchId ? { branchId } : {}), [branchId])
  return <QueryView query={query}>{(data) => <UpcomingList data={data} />}</QueryView>
}

/** Missing materials are to act on (red), someone now eligible is good news (green), the rest is waiting (amber). */
const UPCOMING_TONE: Record<Res<'development', 'upcoming'>['items'][number]['kind'], Tone> = {
  materials: 'red',
  eligible: 'green',
  publicity: 'amber',
  probation: 'amber',
}

function UpcomingList({ data }: { data: Res<'development', 'upcoming'> }) {
  return (
    <Card title={`${data.scopeLabel}：${formatDate(data.today)} 至 ${formatDate(data.until)}`}>
      {data.items.length === 0 ? <Text className='zbd-line'>未来 30 天没有需要办理的发展事项。</Text> : null}
      {data.items.map((item, i) => (
        <View key={i} className='zbd-item' onClick={() => openFile(item.memberId)} data-testid='upcoming-item'>
          <Text className='zbd-item__name'>
            {item.name}
            <Pill tone={UPCOMING_TONE[item.kind]}>{item.kindLabel}</Pill>
          </Text>
          <Text className='zbd-muted'>{item.text}</Text>
          {item.branchName !== data.scopeLabel ? <Text className='zbd-muted'>{item.branchName}</Text> : null}
        </View>
      ))}
    </Card>
  )
}

function Problems({ branchId }: { branchId: string | undefined }) {
  const query = useQuery(() => callFunction('development', 'problems', branchId ? { branchId } : {}), [branchId])
  return <QueryView query={query}>{(data) => <ProblemList data={data} />}</QueryView>
}

function ProblemList({ data }: { data: Res<'development', 'problems'> }) {
  return (
    <Card title={`${data.scopeLabel}：检查 ${data.checked} 份档案，${data.files.length} 份有问题`}>
      {data.files.length === 0 ? <Text className='zbd-line'>所有档案的日期和材料都符合要求。</Text> : null}
      {data.files.map((f) => (
        <View key={f.memberId} className='zbd-item' onClick={() => openFile(f.memberId)} data-testid='problem-file'>
          <Text className='zbd-item__name'>
            {f.name}
            <Pill tone='red'>{f.problems.length} 个问题</Pill>
          </Text>
          <Text className='zbd-muted'>
            {f.branchName} · {f.className} · {f.stageLabel}
          </Text>
          {f.problems.slice(0, 3).map((p, i) => (
            <Text key={i} className='zbd-line'>
              {p.fix}
            </Text>
          ))}
          {f.problems.length > 3 ? (
            <Text className='zbd-muted'>还有 {f.problems.length - 3} 个问题，点开档案查看</Text>
          ) : null}
        </View>
      ))}
    </Card>
  )
}

function BranchHome({ profile, params }: PageProps) {
  const [tab, setTab] = useState<'upcoming' | 'problems'>(params.tab === 'problems' ? 'problems' : 'upcoming')
  const branchId = params.branchId || undefined
  return (
    <View className='zbd-root'>
      <View className='zbd-tabs'>
        <Text className={`zbd-tab ${tab === 'upcoming' ? 'zbd-tab--on' : ''}`} onClick={() => setTab('upcoming')}>
          未来 30 天
        </Text>
        <Text className={`zbd-tab ${tab === 'problems' ? 'zbd-tab--on' : ''}`} onClick={() => setTab('problems')}>
          问题档案
        </Text>
      </View>
      {tab === 'upcoming' ? <Upcoming branchId={branchId} /> : <Problems branchId={branchId} />}
      {tab === 'upcoming' && (branchId || !profile.roles.includes('committee')) ? (
        <Downloads whose={{ branchId }} />
      ) : null}
      <Text
        className='zbd-note zbd-link'
        onClick={() => void Taro.navigateTo({ url: ROUTES.developmentCalendar })}
        data-testid='open-calendar'
      >
        工作日历（节假日与调休）
      </Text>
      {profile.roles.includes('committee') ? (
        <Text
          className='zbd-note zbd-link'
          onClick={() => void Taro.navigateTo({ url: ROUTES.developmentRules })}
          data-testid='open-rules'
        >
          发展党员规则与材料清单（院党委设置）
        </Text>
      ) : null}
    </View>
  )
}

export default sessionPage('page-development-branch', BranchHome)
