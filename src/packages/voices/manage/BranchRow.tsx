import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { ActionBar } from '../../../components/ActionBar'
import { useAction } from '../../../hooks/useCall'
import { withQuery } from '../../../hooks/useParams'
import { ROUTES } from '../../../routes'
import type { VoicesManage } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { toastSuccess } from '../../../services/feedback'
import { Field, Segmented } from '../../../ui'
import { go, Pill, Row, when } from '../shared/ui'

type Branch = VoicesManage['branches'][number]

/** No 组织生活会 chosen: the appraisal is held on its own (the server accepts that too). */
const NONE = ''

/**
 * Starting the year's appraisal, held with one of the branch's 组织生活会 of that year (the server checks
 * the meeting is the branch's own, of that kind and year).
 */
function StartForm({ b, year, onStarted }: { b: Branch; year: number; onStarted: () => void }) {
  const [meetingId, setMeetingId] = useState<string>(b.lifeMeetings[0]?.id ?? NONE)
  const start = useAction(() =>
    callFunction('voices', 'startAppraisal', { branchId: b.id, ...(meetingId ? { meetingId } : {}) }),
  )
  const meeting = b.lifeMeetings.find((m) => m.id === meetingId)
  const run = () =>
    void Taro.showModal({
      title: '开展民主评议',
      content: `为${b.name}开展${year}年度民主评议党员${meeting ? `（结合${meeting.title}）` : ''}？本支部党员将收到自评和互评任务，互评默认两周内完成。`,
      confirmColor: '#C8161D',
    }).then((res) => {
      if (!res.confirm) return
      void start.run().then((r) => {
        if (!r.ok) return
        toastSuccess('已开展')
        go(withQuery(ROUTES.voicesAppraisal, { id: r.data.id }))
        onStarted()
      })
    })
  return (
    <View className='zbv-member' data-testid='start-form'>
      <Field
        label='结合的组织生活会'
        hint={b.lifeMeetings.length === 0 ? `本支部${year}年还没有组织生活会，可先在会议中安排，或暂不关联` : undefined}
      >
        <Segmented
          options={[
            ...b.lifeMeetings.map((m) => [m.id, `${m.title}（${when(m.startAt).split(' ')[0]}）`] as const),
            [NONE, '暂不关联'] as const,
          ]}
          value={meetingId}
          onChange={setMeetingId}
          testId='start-meeting'
        />
      </Field>
      <ActionBar
        inline
        actions={[{ text: '确认开展', primary: true, loading: start.pending, onClick: run, testId: 'manage-confirm' }]}
      />
    </View>
  )
}

/** A branch's appraisal of the year: its state, or (the secretary or committee) starting it. */
export function BranchRow({
  b,
  year,
  canStart,
  onStarted,
}: {
  b: Branch
  year: number
  canStart: boolean
  onStarted: () => void
}) {
  const [starting, setStarting] = useState(false)
  if (b.appraisal) {
    const a = b.appraisal
    return (
      <Row
        title={b.name}
        sub={`${a.memberCount} 名党员 · ${a.status === 'appraising' ? `互评${when(a.closesAt)}截止` : a.statusLabel}`}
        side={
          <Pill tone={a.status === 'published' ? 'green' : a.status === 'deciding' ? 'amber' : 'red'}>
            {a.statusLabel}
          </Pill>
        }
        onClick={() => go(withQuery(ROUTES.voicesAppraisal, { id: a.id }))}
        testId='manage-appraisal'
      />
    )
  }
  return (
    <>
      <Row
        title={b.name}
        sub={canStart ? `${year}年度民主评议尚未开展` : `${year}年度民主评议尚未开展，由支部书记开展`}
        side={
          canStart && !starting ? (
            <Text className='zbv-link' onClick={() => setStarting(true)} data-testid='manage-start'>
              开展
            </Text>
          ) : undefined
        }
      />
      {starting ? <StartForm b={b} year={year} onStarted={onStarted} /> : null}
    </>
  )
}
