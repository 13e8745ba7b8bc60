import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { MOTION_CHOICE_LABELS, MOTION_CHOICES, type MotionChoice } from '../../../services/domain'
import { Card } from '../../../components/Card'
import { useAction } from '../../../hooks/useCall'
import type { VoteView } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { confirmThenRun } from '../shared/confirm'
import { viewPage } from '../shared/viewPage'
import { toastSuccess } from '../../../services/feedback'
import { Field } from '../../../ui'
import { Bars, Chips, Empty, Pill, when } from '../shared/ui'

function Ballot({ v, onDone }: { v: VoteView; onDone: (next: VoteView) => void }) {
  const [motion, setMotion] = useState<Record<string, MotionChoice>>({})
  const [options, setOptions] = useState<string[]>([])
  const cast = useAction(() =>
    callFunction(
      'voices',
      'castVote',
      v.kind === 'motion'
        ? { voteId: v.id, motion: v.subjects.map((s) => ({ subjectId: s.id, choice: motion[s.id] })) }
        : { voteId: v.id, options },
    ),
  )
  const ready = v.kind === 'motion' ? v.subjects.every((s) => motion[s.id]) : options.length > 0
  const toggle = (id: string) =>
    setOptions((o) => (o.includes(id) ? o.filter((x) => x !== id) : o.length < v.maxChoices ? [...o, id] : o))
  return (
    <Card title={v.anonymous ? '无记名投票' : '记名投票'}>
      <Text className='zbv-row__sub'>
        {v.anonymous
          ? '选票只计入票数，不保存投票人、投票时间和顺序。'
          : '本投票为记名投票，组织方可以看到每个人的选择。'}
        {v.kind === 'choice' ? `最多选择 ${v.maxChoices} 项。` : '请对每一项作出选择。'}提交后不能修改。
      </Text>
      {v.subjects.map((s) => (
        <View key={s.id} className='zbv-question' data-testid='ballot-subject'>
          <Text className='zbv-question__title'>{s.label}</Text>
          {v.kind === 'motion' ? (
            <Chips
              options={MOTION_CHOICES.map((c) => [c, MOTION_CHOICE_LABELS[c]] as const)}
              value={motion[s.id] ?? null}
              onChange={(c) => setMotion((m) => ({ ...m, [s.id]: c }))}
            />
          ) : (
            <Chips
              options={[[s.id, options.includes(s.id) ? '已选' : '选择'] as const]}
              value={options.includes(s.id) ? s.id : null}
              onChange={toggle}
            />
          )}
        </View>
      ))}
      <Button
        className='zbv-button'
        type='primary'
        block
        disabled={!ready}
        loading={cast.pending}
        onClick={() =>
          confirmThenRun({ title: '提交选票', content: '提交后不能修改，确定提交吗？' }, cast.run, (next) => {
            toastSuccess('已投票')
            onDone(next)
          })
        }
        data-testid='ballot-submit'
      >
        {ready ? '提交选票' : '请先作出选择'}
      </Button>
    </Card>
  )
}

function Result({ v }: { v: VoteView }) {
  const r = v.result
  if (!r) return null
  return (
    <Card
      title='计票结果'
      extra={<Pill tone={r.declared ? 'green' : 'amber'}>{r.declared ? '结果有效' : '未达法定人数'}</Pill>}
    >
      <Text className='zbv-text' data-testid='vote-summary'>
        应参加 {r.expected} 人，实际参加 {r.present} 人。{r.summary}
      </Text>
      {r.declared
        ? r.subjects.map((s) => (
            <View key={s.id} className='zbv-question'>
              <View className='zbv-member__head'>
                <Text className='zbv-question__title'>{s.label}</Text>
                <Pill tone={s.passed ? 'green' : 'grey'}>
                  {v.kind === 'choice' ? (s.chosen ? '当选' : '未当选') : s.passed ? '通过' : '未通过'}
                </Pill>
              </View>
              <Bars
                bars={(v.kind === 'motion' ? (['for', 'against', 'abstain'] as const) : (['for'] as const)).map(
                  (k) => ({ label: MOTION_CHOICE_LABELS[k], count: s[k], share: r.present > 0 ? s[k] / r.present : 0 }),
                )}
                testId='vote-bars'
              />
            </View>
          ))
        : null}
      {r.named ? (
        <Field label='记名投票明细'>
          {r.named.map((n, j) => (
            <Text key={j} className='zbv-row__sub zbv-line'>
              {n.name}：{n.ballot}
            </Text>
          ))}
        </Field>
      ) : null}
    </Card>
  )
}

function VoteBody({ v, onLatest }: { v: VoteView; onLatest: (next: VoteView) => void }) {
  const close = useAction(() => callFunction('voices', 'closeVote', { voteId: v.id }))
  const open = v.status === 'open' && new Date(v.closesAt).getTime() > Date.now()
  return (
    <View data-testid='vote'>
      <Card
        title={v.title}
        extra={<Pill tone={v.status === 'open' ? 'red' : 'grey'}>{v.status === 'open' ? '投票中' : '已结束'}</Pill>}
      >
        {v.description ? <Text className='zbv-text'>{v.description}</Text> : null}
        <Text className='zbv-row__sub'>
          {v.scopeLabel} · 投票人：{v.electorateLabel}（{v.expected} 人）· {v.ruleLabel} · {when(v.closesAt)}
          {v.status === 'open' ? '截止' : '结束'}
          {v.ballots !== null ? ` · 已投 ${v.ballots} 票` : ''}
        </Text>
      </Card>
      {v.result ? <Result v={v} /> : null}
      {open && v.eligible && !v.voted ? <Ballot v={v} onDone={onLatest} /> : null}
      {v.voted ? (
        <Card>
          <Text className='zbv-text' data-testid='vote-done'>
            你已投票。{v.status === 'open' ? '投票结束并计票后，这里显示结果。' : ''}
          </Text>
        </Card>
      ) : null}
      {!v.eligible && v.status === 'open' ? <Empty>你不在这项投票的投票人范围内</Empty> : null}
      {v.canManage && v.status === 'open' ? (
        <Button
          className='zbv-button'
          block
          loading={close.pending}
          onClick={() =>
            confirmThenRun(
              { title: '结束投票并计票', content: '结束后不能再投票；参加人数未达规定时结果无效。确定结束吗？' },
              close.run,
              onLatest,
            )
          }
          data-testid='vote-close'
        >
          结束投票并计票
        </Button>
      ) : null}
      <Text className='zbv-note'>表决规则：{v.ruleText}</Text>
    </View>
  )
}

export default viewPage(
  { testId: 'page-voices-vote', missing: '缺少投票编号' },
  (id) => callFunction('voices', 'vote', { voteId: id }),
  VoteBody,
)
