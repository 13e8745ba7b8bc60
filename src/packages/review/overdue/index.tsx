import { Picker, Text, View, type ITouchEvent } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useMemo, useState } from 'react'
import { Card } from '../../../components/Card'
import { ListRow } from '../../../components/ListRow'
import { sessionPage } from '../../../components/SessionPage'
import { StatusTag } from '../../../components/StatusTag'
import { QueryView } from '../../../ui'
import { useAction, useQuery } from '../../../hooks/useCall'
import { reviewBranches } from '../../../services/review-branches'
import { ROUTES } from '../../../routes'
import type { Profile } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { periodOf, shiftPeriod } from '../../../services/domain'
import { formatDay } from '../../../utils/report'
import './index.scss'

const OVERDUE_ROW = { row: 'zb-od-row', main: 'zb-od-row__main', title: 'zb-od-row__name', sub: 'zb-od-row__meta' }

/** Members of the branch who owe a period's report and have submitted none. */
export default sessionPage('page-review-overdue', ({ profile, params }) => (
  <Overdue profile={profile} initialBranch={params.branchId || undefined} />
))

function Overdue({ profile, initialBranch }: { profile: Profile; initialBranch?: string }) {
  const periods = useMemo(() => {
    const current = periodOf(new Date(), profile.college.settings.reportPeriod)
    return Array.from({ length: 8 }, (_, i) => shiftPeriod(current, -i))
  }, [profile.college.settings.reportPeriod])
  const [period, setPeriod] = useState(periods[1].id)
  const [branchId, setBranchId] = useState(initialBranch)
  const branches = reviewBranches.list
  const load = useCallback(
    () => callFunction('report', 'overdue', { period, ...(branchId ? { branchId } : {}) }),
    [period, branchId],
  )
  const query = useQuery(load, [period, branchId])
  const branchName = branches.find((b) => b.id === branchId)?.name ?? profile.branch?.name ?? ''

  return (
    <View data-testid='overdue'>
      <Card className='zb-od-filters'>
        {branches.length > 0 && !profile.branch ? (
          <Picker
            mode='selector'
            range={branches.map((b) => b.name)}
            onChange={(e) => setBranchId(branches[Number(e.detail.value)]?.id)}
          >
            <Text className='zb-od-filter'>{branchName || '选择支部'} ▾</Text>
          </Picker>
        ) : (
          <Text className='zb-od-branch'>{branchName}</Text>
        )}
        <Picker
          mode='selector'
          range={periods.map((p, i) => (i === 0 ? `${p.label}（进行中）` : p.label))}
          value={periods.findIndex((p) => p.id === period)}
          onChange={(e) => setPeriod(periods[Number(e.detail.value)].id)}
        >
          <Text className='zb-od-filter' data-testid='overdue-period'>
            {periods.find((p) => p.id === period)?.label} ▾
          </Text>
        </Picker>
      </Card>
      <QueryView query={query} refusal='back'>
        {(data) => (
          <>
            <View className='zb-od-stats'>
              <Stat value={data.owing} label='应交' />
              <Stat value={data.submitted} label='已交' />
              <Stat
                value={data.members.length}
                label={data.ended ? '逾期未交' : '尚未提交'}
                bad={data.ended && data.members.length > 0}
              />
            </View>
            <Card
              title={data.ended ? `${data.period.label}逾期未交` : `${data.period.label}尚未提交`}
              extra={<Text className='zb-od-due'>截止 {formatDay(data.period.end)}</Text>}
            >
              {data.members.length === 0 ? (
                <Text className='zb-od-empty'>
                  {data.owing === 0 ? '这一期没有需要提交汇报的成员。' : '应交的成员都已提交，很好！'}
                </Text>
              ) : null}
              {data.members.map((m) => (
                <ListRow
                  classes={OVERDUE_ROW}
                  key={m.id}
                  title={m.name}
                  sub={`${m.className} · ${m.stageLabel}`}
                  onClick={() =>
                    void Taro.navigateTo({ url: `${ROUTES.reviewMember}?memberId=${encodeURIComponent(m.id)}` })
                  }
                  testId='overdue-member'
                >
                  {m.hasDraft ? <StatusTag tone='grey' label='有草稿未提交' /> : null}
                  <NudgeButton memberId={m.id} period={data.period.id} />
                  <Text className='zb-od-row__arrow'>›</Text>
                </ListRow>
              ))}
            </Card>
          </>
        )}
      </QueryView>
    </View>
  )
}

/** 提醒: the subscribe reminder through the function (once a day per member); the answer says what happened. */
function NudgeButton({ memberId, period }: { memberId: string; period: string }) {
  const send = useCallback(() => callFunction('report', 'nudge', { memberId, period }), [memberId, period])
  const { run, pending } = useAction(send)
  const [done, setDone] = useState<string | null>(null)
  const tap = async (e: ITouchEvent) => {
    e.stopPropagation()
    if (pending || done) return
    const result = await run()
    if (!result.ok) return
    setDone(result.data.sent ? '已提醒' : '未送达')
    void Taro.showModal({
      title: result.data.sent ? '已提醒' : '没有发出',
      content: result.data.message,
      showCancel: false,
      confirmText: '知道了',
    })
  }
  return (
    <Text
      className={`zb-od-nudge ${done ? 'zb-od-nudge--done' : ''}`}
      onClick={(e) => void tap(e)}
      data-testid='overdue-nudge'
    >
      {pending ? '发送中' : (done ?? '提醒')}
    </Text>
  )
}

function Stat({ value, label, bad = false }: { value: number; label: string; bad?: boolean }) {
  return (
    <View className={`zb-od-stat ${bad ? 'zb-od-stat--bad' : ''}`}>
      <Text className='zb-od-stat__value'>{value}</Text>
      <Text className='zb-od-stat__label'>{label}</Text>
    </View>
  )
}
