import { Input } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ActionBar } from '../../../components/ActionBar'
import { useAction } from '../../../hooks/useCall'
import type { AppraisalView } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { FOLLOW_UP_LABELS, FOLLOW_UPS, GRADE_LABELS, type FollowUp, type Grade } from '../../../services/domain'
import { toastSuccess } from '../../../services/feedback'
import { Bars, Chips, MemberHead, Pill } from '../shared/ui'
import { countBars, GRADE_OPTIONS } from './grades'

type TallyRow = NonNullable<AppraisalView['tallies']>[number]

const FOLLOW_UP_OPTIONS = FOLLOW_UPS.map((f) => [f, FOLLOW_UP_LABELS[f]] as const)

function waitsFor(grade: Grade | null, reason: string, followUp: FollowUp | null): string | null {
  if (!grade) return '请选择等次'
  if (grade === 'unqualified' && reason.trim().length < 5) return '不合格须写明理由'
  if (grade === 'unqualified' && !followUp) return '请选择组织处理方式'
  return null
}

/** One member's tally and the branch's grade for them (secretary, 支委 or committee; never their own). */
export function DecideRow({
  v,
  row,
  onSaved,
}: {
  v: AppraisalView
  row: TallyRow
  onSaved: (next: AppraisalView) => void
}) {
  const [grade, setGrade] = useState<Grade | null>(row.grade)
  const [reason, setReason] = useState(row.reason)
  const [followUp, setFollowUp] = useState<FollowUp | null>(row.followUp)
  const decide = useAction(() =>
    callFunction('voices', 'decideGrade', {
      appraisalId: v.id,
      memberId: row.memberId,
      grade: grade as Grade,
      reason: reason.trim(),
      ...(followUp && grade === 'unqualified' ? { followUp } : {}),
    }),
  )
  // Nobody grades themselves: a secretary's or 支委's own grade is decided by another.
  const own = v.members.some((m) => m.memberId === row.memberId && m.isMe)
  const editable = v.status === 'deciding' && !own && v.canDecide
  const changed =
    grade !== row.grade || reason.trim() !== row.reason || (grade === 'unqualified' && followUp !== row.followUp)
  return (
    <View className='zbv-member' data-testid='tally-row'>
      <MemberHead name={row.name} meta={row.className}>
        {row.grade ? (
          <Pill tone={row.grade === 'excellent' ? 'red' : 'grey'}>{GRADE_LABELS[row.grade]}</Pill>
        ) : (
          <Pill tone='amber'>未评定</Pill>
        )}
      </MemberHead>
      <Bars bars={countBars(row.counts)} grey testId='tally-bars' />
      {row.comments.length ? <Text className='zbv-row__sub zbv-line'>互评意见：{row.comments.join('；')}</Text> : null}
      {editable ? (
        <>
          <Chips options={GRADE_OPTIONS} value={grade} onChange={setGrade} testId='decide-grade' />
          <Input
            className='zbv-input'
            placeholder={grade === 'unqualified' ? '评定理由（必填）' : '评定说明（选填）'}
            maxLength={300}
            value={reason}
            onChange={setReason}
          />
          {grade === 'unqualified' ? (
            <Chips options={FOLLOW_UP_OPTIONS} value={followUp} onChange={setFollowUp} />
          ) : null}
          {changed ? (
            <ActionBar
              inline
              actions={[
                {
                  text: '保存评定',
                  primary: true,
                  loading: decide.pending,
                  waitsFor: waitsFor(grade, reason, followUp),
                  onClick: () =>
                    void decide.run().then((r) => {
                      if (!r.ok) return
                      toastSuccess('已评定')
                      onSaved(r.data)
                    }),
                  testId: 'decide-save',
                },
              ]}
            />
          ) : null}
        </>
      ) : row.reason ? (
        <Text className='zbv-row__sub'>评定说明：{row.reason}</Text>
      ) : own && v.status === 'deciding' && !row.grade ? (
        <Text className='zbv-row__sub'>本人的等次由支部其他委员或院党委评定</Text>
      ) : null}
    </View>
  )
}
