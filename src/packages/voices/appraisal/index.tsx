import { Button, Input, TextArea } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { FOLLOW_UP_LABELS, FOLLOW_UPS, GRADE_LABELS, GRADES, type FollowUp, type Grade } from '../../../services/domain'
import { Card } from '../../../components/Card'
import { useAction, useQuery } from '../../../hooks/useCall'
import { useDraft } from '../../../hooks/useDraft'
import type { AppraisalView } from '../../../services/api'
import { callFunction, type CallResult } from '../../../services/call'
import { toastSuccess } from '../../../services/feedback'
import { Bars, Chips, Empty, ExportButton, IdPage, Loaded, MemberHead, Pill, when } from '../shared/ui'

type TallyRow = NonNullable<AppraisalView['tallies']>[number]

const GRADE_OPTIONS = GRADES.map((g) => ({ value: g, label: GRADE_LABELS[g] }))

function countBars(counts: Record<Grade, number>) {
  const total = GRADES.reduce((sum, g) => sum + counts[g], 0)
  return GRADES.map((g) => ({ label: GRADE_LABELS[g], count: counts[g], share: total > 0 ? counts[g] / total : 0 }))
}

async function confirm(title: string, content: string): Promise<boolean> {
  const res = await Taro.showModal({ title, content, confirmColor: '#C8161D' })
  return res.confirm
}

function Header({ v }: { v: AppraisalView }) {
  return (
    <Card title={v.title} extra={<Pill tone={v.status === 'published' ? 'green' : 'red'}>{v.statusLabel}</Pill>}>
      <View className='zbv-stats'>
        <View className='zbv-stat'>
          <Text className='zbv-stat__num'>{v.memberCount}</Text>
          <Text className='zbv-stat__label'>参评党员</Text>
        </View>
        <View className='zbv-stat'>
          <Text className='zbv-stat__num' data-testid='appraisal-sheets'>
            {v.appraised ?? '—'}
          </Text>
          <Text className='zbv-stat__label'>已交互评表</Text>
        </View>
        <View className='zbv-stat'>
          <Text className='zbv-stat__num'>
            {v.excellentCount}/{v.excellentMax}
          </Text>
          <Text className='zbv-stat__label'>优秀名额</Text>
        </View>
      </View>
      <Text className='zbv-row__sub'>
        {v.branchName}
        {v.meetingTitle ? ` · 结合${v.meetingTitle}` : ''} · 互评
        {v.status === 'appraising' ? `${when(v.closesAt)}截止` : '已结束'} · 优秀不超过参评党员的{v.shareText}
      </Text>
    </Card>
  )
}

function MyResult({ v }: { v: AppraisalView }) {
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
        <>
          <Text className='zbv-field'>党员互评（无记名统计）</Text>
          <Bars bars={countBars(me.counts)} testId='my-tally' />
        </>
      ) : null}
    </Card>
  )
}

function SelfForm({ v, onSaved }: { v: AppraisalView; onSaved: (next: AppraisalView) => void }) {
  const draft = useDraft('appraisal-self', v.id, v.me?.selfText ?? '')
  const save = useAction((text: string) => callFunction('voices', 'saveSelf', { appraisalId: v.id, text }))
  const length = draft.value.trim().length
  return (
    <Card title='自我评价' extra={v.me?.selfText ? <Pill tone='green'>已提交</Pill> : <Pill tone='red'>未提交</Pill>}>
      <TextArea
        className='zbv-textarea'
        value={draft.value}
        onChange={(t) => draft.set(t)}
        maxLength={2000}
        showCount
        autoSize
        placeholder='对照党员标准，从理论学习、履行义务、发挥作用等方面总结一年来的表现，写明不足和努力方向（至少 20 字）'
        data-testid='self-text'
      />
      <Button
        className='zbv-button'
        type='primary'
        block
        loading={save.pending}
        disabled={length < 20}
        onClick={() =>
          void save.run(draft.value.trim()).then((r) => {
            if (!r.ok) return
            draft.clear()
            toastSuccess('自我评价已保存')
            onSaved(r.data)
          })
        }
        data-testid='self-save'
      >
        {length < 20 ? `还需 ${20 - length} 字` : v.me?.selfText ? '更新自我评价' : '提交自我评价'}
      </Button>
    </Card>
  )
}

type Sheet = Record<string, { grade: Grade | ''; comment: string }>

function PeerForm({ v, onSaved }: { v: AppraisalView; onSaved: (next: AppraisalView) => void }) {
  const others = v.members.filter((m) => !m.isMe)
  const blank: Sheet = Object.fromEntries(others.map((m) => [m.memberId, { grade: '', comment: '' }]))
  const draft = useDraft<Sheet>('appraisal-peer', v.id, blank)
  const sheet = { ...blank, ...draft.value }
  const missing = others.filter((m) => !sheet[m.memberId]?.grade)
  const submit = useAction(() =>
    callFunction('voices', 'appraise', {
      appraisalId: v.id,
      grades: others.map((m) => ({
        memberId: m.memberId,
        grade: sheet[m.memberId].grade as Grade,
        comment: sheet[m.memberId].comment.trim(),
      })),
    }),
  )
  const set = (memberId: string, patch: Partial<Sheet[string]>) =>
    draft.set((d) => ({ ...blank, ...d, [memberId]: { ...blank[memberId], ...d[memberId], ...patch } }))
  if (v.me?.hasAppraised) {
    return (
      <Card title='党员互评' extra={<Pill tone='green'>已提交</Pill>}>
        <Text className='zbv-text' data-testid='peer-done'>
          你的互评表已无记名计入统计，系统不保存你对每个人的评议。互评结束后由支部综合评定等次。
        </Text>
      </Card>
    )
  }
  return (
    <Card title='党员互评（无记名）'>
      <Text className='zbv-row__sub'>
        请为每位党员选择等次，可附简短意见。提交后不能修改；统计只记票数，不记录是谁投的。
      </Text>
      {others.map((m) => (
        <View key={m.memberId} className='zbv-member' data-testid='peer-member'>
          <MemberHead name={m.name} meta={`${m.className} · ${m.stageLabel}`} />
          <Text className='zbv-row__sub'>{m.selfText ? `自我评价：${m.selfText}` : '尚未提交自我评价'}</Text>
          <Chips
            options={GRADE_OPTIONS}
            value={sheet[m.memberId].grade || null}
            onChange={(g) => set(m.memberId, { grade: g })}
            testId='peer-grade'
          />
          <Input
            className='zbv-input'
            placeholder='评议意见（选填）'
            maxLength={200}
            value={sheet[m.memberId].comment}
            onChange={(t) => set(m.memberId, { comment: t })}
          />
        </View>
      ))}
      <Button
        type='primary'
        block
        loading={submit.pending}
        disabled={missing.length > 0}
        onClick={() =>
          void confirm('提交互评', '提交后不能修改，确定提交吗？').then((ok) => {
            if (!ok) return
            void submit.run().then((r) => {
              if (!r.ok) return
              draft.clear()
              toastSuccess('互评已提交')
              onSaved(r.data)
            })
          })
        }
        data-testid='peer-submit'
      >
        {missing.length > 0 ? `还有 ${missing.length} 人未选等次` : '提交互评'}
      </Button>
    </Card>
  )
}

function DecideRow({ v, row, onSaved }: { v: AppraisalView; row: TallyRow; onSaved: (next: AppraisalView) => void }) {
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
  // Nobody grades themselves: a secretary's own grade is decided by the committee.
  const own = v.members.some((m) => m.memberId === row.memberId && m.isMe)
  const editable = v.status === 'deciding' && !own
  const changed =
    grade !== row.grade || reason.trim() !== row.reason || (grade === 'unqualified' && followUp !== row.followUp)
  const waits = !grade
    ? '请选择等次'
    : grade === 'unqualified' && reason.trim().length < 5
      ? '不合格须写明理由'
      : grade === 'unqualified' && !followUp
        ? '请选择组织处理方式'
        : null
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
            <Chips
              options={FOLLOW_UPS.map((f) => ({ value: f, label: FOLLOW_UP_LABELS[f] }))}
              value={followUp}
              onChange={setFollowUp}
            />
          ) : null}
          {changed ? (
            <Button
              className='zbv-button'
              type='primary'
              size='small'
              loading={decide.pending}
              disabled={waits !== null}
              onClick={() =>
                void decide.run().then((r) => {
                  if (!r.ok) return
                  toastSuccess('已评定')
                  onSaved(r.data)
                })
              }
              data-testid='decide-save'
            >
              {waits ?? '保存评定'}
            </Button>
          ) : null}
        </>
      ) : row.reason ? (
        <Text className='zbv-row__sub'>评定说明：{row.reason}</Text>
      ) : own && v.status === 'deciding' && !row.grade ? (
        <Text className='zbv-row__sub'>本人的等次由院党委评定</Text>
      ) : null}
    </View>
  )
}

function ManagerPanel({ v, onSaved }: { v: AppraisalView; onSaved: (next: AppraisalView) => void }) {
  const close = useAction(() => callFunction('voices', 'closeAppraisal', { appraisalId: v.id }))
  const publish = useAction(() => callFunction('voices', 'publishAppraisal', { appraisalId: v.id }))
  const after = (r: CallResult<AppraisalView>, message: string) => {
    if (!r.ok) return
    toastSuccess(message)
    onSaved(r.data)
  }
  const undecided = (v.tallies ?? []).filter((t) => !t.grade).length
  return (
    <>
      {v.status === 'appraising' ? (
        <Card title='支部操作'>
          <Text className='zbv-row__sub'>
            自我评价 {v.members.filter((m) => m.selfText).length}/{v.memberCount} 人，互评表 {v.appraised ?? 0}/
            {v.memberCount} 份。互评结束前不显示票数，防止从票数变化推知谁投了什么。
          </Text>
          <Button
            type='primary'
            block
            loading={close.pending}
            onClick={() =>
              void confirm('结束互评', '结束后党员不能再提交自评和互评，确定结束吗？').then(
                (ok) => ok && void close.run().then((r) => after(r, '互评已结束')),
              )
            }
            data-testid='appraisal-close'
          >
            结束互评，查看票数
          </Button>
        </Card>
      ) : null}
      {v.tallies ? (
        <Card
          title='互评统计与评定'
          extra={
            <Text className='zbv-member__meta'>
              优秀 {v.excellentCount}/{v.excellentMax}
            </Text>
          }
        >
          <Text className='zbv-row__sub'>
            等次由支部综合自我评价、互评和平时表现评定；学习积分、阅读时长不作为评定依据。
          </Text>
          {v.tallies.map((t) => (
            <DecideRow key={`${t.memberId}-${t.grade ?? ''}`} v={v} row={t} onSaved={onSaved} />
          ))}
        </Card>
      ) : null}
      <View className='zbv-actions'>
        {v.status === 'deciding' ? (
          <Button
            className='zbv-button'
            type='primary'
            block
            disabled={undecided > 0}
            loading={publish.pending}
            onClick={() =>
              void confirm('公布结果', '公布后党员可以看到自己的等次，不能再修改。确定公布吗？').then(
                (ok) => ok && void publish.run().then((r) => after(r, '结果已公布')),
              )
            }
            data-testid='appraisal-publish'
          >
            {undecided > 0 ? `还有 ${undecided} 人未评定` : '公布评议结果'}
          </Button>
        ) : null}
        {v.status !== 'appraising' ? (
          <ExportButton
            label='导出登记表（Excel）'
            load={() => callFunction('voices', 'exportAppraisal', { appraisalId: v.id })}
            testId='appraisal-export'
          />
        ) : null}
      </View>
    </>
  )
}

function SelfList({ v }: { v: AppraisalView }) {
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

function AppraisalPage({ id }: { id: string }) {
  const query = useQuery(() => callFunction('voices', 'appraisal', { appraisalId: id }), [id])
  const [latest, setLatest] = useState<AppraisalView | null>(null)
  return (
    <Loaded {...query}>
      {(loaded) => {
        const v = latest ?? loaded
        const appraising = v.status === 'appraising' && new Date(v.closesAt).getTime() > Date.now()
        return (
          <View data-testid='appraisal'>
            <Header v={v} />
            <MyResult v={v} />
            {v.me && appraising ? (
              <>
                <SelfForm v={v} onSaved={setLatest} />
                <PeerForm v={v} onSaved={setLatest} />
              </>
            ) : null}
            {v.canManage ? <ManagerPanel v={v} onSaved={setLatest} /> : null}
            {!v.me || !appraising ? v.canManage || v.me ? <SelfList v={v} /> : null : null}
            {v.me && !v.me.grade && !appraising ? (
              <Empty>互评已结束，支部评定后你可以在这里看到自己的等次</Empty>
            ) : null}
            <Text className='zbv-note'>
              民主评议党员每年一次，党员互评无记名；优秀比例由院党委设定，不合格须写明理由并按规定处置。评议结果不与学习积分挂钩。
            </Text>
          </View>
        )
      }}
    </Loaded>
  )
}

export default function VoicesAppraisalPage() {
  return (
    <IdPage testId='page-voices-appraisal' missing='缺少民主评议编号'>
      {(id) => <AppraisalPage id={id} />}
    </IdPage>
  )
}
