import { Input, TextArea } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css'
import { Text, View } from '@tarojs/components'
import { ActionBar } from '../../../components/ActionBar'
import { Card } from '../../../components/Card'
import { useAction } from '../../../hooks/useCall'
import { useDraft } from '../../../hooks/useDraft'
import type { AppraisalView } from '../../../services/api'
import { callFunction } from '../../../services/call'
import type { Grade } from '../../../services/domain'
import { toastSuccess } from '../../../services/feedback'
import { Chips, MemberHead, Pill } from '../shared/ui'
import { confirm, GRADE_OPTIONS } from './grades'

type Saved = (next: AppraisalView) => void

/** The member's self-appraisal: a device draft until the server has it, so closing the page loses nothing. */
export function SelfForm({ v, onSaved }: { v: AppraisalView; onSaved: Saved }) {
  // An object, not a bare string: storage answers '' for a key it does not have, which a string draft takes as kept.
  const draft = useDraft('appraisal-self', v.id, { text: v.me?.selfText ?? '' })
  const save = useAction((text: string) => callFunction('voices', 'saveSelf', { appraisalId: v.id, text }))
  const length = draft.value.text.trim().length
  return (
    <Card title='自我评价' extra={v.me?.selfText ? <Pill tone='green'>已提交</Pill> : <Pill tone='red'>未提交</Pill>}>
      <TextArea
        className='zbv-textarea zbv-textarea--tall'
        value={draft.value.text}
        onChange={(t) => draft.set({ text: t })}
        maxLength={2000}
        showCount
        autoSize
        placeholder='对照党员标准，从理论学习、履行义务、发挥作用等方面总结一年来的表现，写明不足和努力方向（至少 20 字）'
        data-testid='self-text'
      />
      <ActionBar
        inline
        actions={[
          {
            text: v.me?.selfText ? '更新自我评价' : '提交自我评价',
            primary: true,
            loading: save.pending,
            waitsFor: length < 20 ? `还需 ${20 - length} 字` : null,
            onClick: () =>
              void save.run(draft.value.text.trim()).then((r) => {
                if (!r.ok) return
                draft.clear()
                toastSuccess('自我评价已保存')
                onSaved(r.data)
              }),
            testId: 'self-save',
          },
        ]}
      />
    </Card>
  )
}

type Sheet = Record<string, { grade: Grade | ''; comment: string }>

/** The anonymous peer sheet: a grade for every other member, kept as a draft until it is handed in. */
export function PeerForm({ v, onSaved }: { v: AppraisalView; onSaved: Saved }) {
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
  const send = () =>
    void confirm('提交互评', '提交后不能修改，确定提交吗？').then((ok) => {
      if (!ok) return
      void submit.run().then((r) => {
        if (!r.ok) return
        draft.clear()
        toastSuccess('互评已提交')
        onSaved(r.data)
      })
    })
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
      <ActionBar
        inline
        actions={[
          {
            text: '提交互评',
            primary: true,
            loading: submit.pending,
            waitsFor: missing.length > 0 ? `还有 ${missing.length} 人未选等次` : null,
            onClick: send,
            testId: 'peer-submit',
          },
        ]}
      />
    </Card>
  )
}
