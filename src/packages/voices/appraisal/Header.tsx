import { Text, View } from '@tarojs/components'
import { Card } from '../../../components/Card'
import { Stats } from '../../../components/Stats'
import { withQuery } from '../../../hooks/useParams'
import { ROUTES } from '../../../routes'
import type { AppraisalView } from '../../../services/api'
import { FOLLOW_UP_LABELS, GRADE_LABELS } from '../../../services/domain'
import { Field } from '../../../ui'
import { Bars, go, MemberHead, Pill, when } from '../shared/ui'
import { countBars } from './grades'

const VOICES_STAT = { stat: 'zbv-stat', num: 'zbv-stat__num', label: 'zbv-stat__label' }

/** The appraisal at a glance, and the 组织生活会 it is held with (opens the meeting). */
export function Header({ v }: { v: AppraisalView }) {
  const meetingId = v.meetingId
  return (
    <Card title={v.title} extra={<Pill tone={v.status === 'published' ? 'green' : 'red'}>{v.statusLabel}</Pill>}>
      <View className='zbv-stats'>
        <Stats
          classes={VOICES_STAT}
          stats={[
            { value: v.memberCount, label: '参评党员' },
            { value: v.appraised ?? '—', label: '已交互评表', testId: 'appraisal-sheets' },
            { value: `${v.excellentCount}/${v.excellentMax}`, label: '优秀名额' },
          ]}
        />
      </View>
      <Text className='zbv-row__sub'>
        {v.branchName} · 互评{v.status === 'appraising' ? `${when(v.closesAt)}截止` : '已结束'} · 优秀不超过参评党员的
        {v.shareText}
      </Text>
      {v.meetingTitle ? (
        <View className='zbv-meeting'>
          <Text
            className={meetingId ? 'zbv-link' : 'zbv-row__sub'}
            onClick={meetingId ? () => go(withQuery(ROUTES.meetingDetail, { id: meetingId })) : undefined}
            data-testid='appraisal-meeting'
          >
            结合{v.meetingTitle}开展{meetingId ? ' ›' : ''}
          </Text>
        </View>
      ) : null}
    </Card>
  )
}

export function MyResult({ v }: { v: AppraisalView }) {
  const me = v.me
  if (!me?.grade) return null
  return (
    <Card title='我的评议结果'>
      <Text className='zbv-grade' data-testid='my-grade'>
        {GRADE_LABELS[me.grade]}
      </Text>
      {me.reason ? <Text className='zbv-text'>评定说明：{me.reason}</Text> : null}
      {me.followUp ? <Text className='zbv-alert'>组织处理：{FOLLOW_UP_LABELS[me.followUp]}</Text> : null}
      {me.counts ? (
        <Field label='党员互评（无记名统计）'>
          <Bars bars={countBars(me.counts)} testId='my-tally' />
        </Field>
      ) : null}
    </Card>
  )
}

/** Everyone's self-appraisal, once the forms are closed (or for a manager who is not appraised). */
export function SelfList({ v }: { v: AppraisalView }) {
  return (
    <Card title='自我评价'>
      {v.members.map((m) => (
        <View key={m.memberId} className='zbv-member'>
          <MemberHead name={m.name} meta={`${m.className} · ${m.stageLabel}`} />
          <Text className='zbv-row__sub'>{m.selfText ?? '尚未提交'}</Text>
        </View>
      ))}
    </Card>
  )
}
