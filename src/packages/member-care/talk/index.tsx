import { Text } from '@tarojs/components'
import { Card } from '../../../components/Card'
import { firstMissing, TextFields, type TextSpec } from '../../../components/FormFields'
import { sessionPage } from '../../../components/SessionPage'
import { useQuery } from '../../../hooks/useCall'
import { useDraft } from '../../../hooks/useDraft'
import { callFunction } from '../../../services/call'
import { DayField, SubmitButton, today } from '../shared/ui'
import '../shared/care.scss'
import { Field, QueryView, Segmented } from '../../../ui'

const TEXTS: TextSpec<'topic' | 'notes' | 'followUp'>[] = [
  { key: 'topic', label: '谈话主题', placeholder: '如：思想状况和学习情况', maxLength: 50, testId: 'care-talk-topic' },
  {
    key: 'notes',
    label: '谈话要点（选填）',
    placeholder: '交流了哪些情况、提出了哪些意见建议',
    maxLength: 1000,
    box: true,
  },
  { key: 'followUp', label: '后续跟进（选填）', placeholder: '如：下月再次了解实习情况', maxLength: 300 },
]

function TalkForm({ selfId }: { selfId: string }) {
  const query = useQuery(() => callFunction('member-care', 'talks', {}), [])
  // The notes can be long: kept as a device draft until the server has the record.
  const draft = useDraft('care-talk', 'new', { aId: '', bId: '', day: today(), topic: '', notes: '', followUp: '' })
  const { bId, day, topic, notes, followUp } = draft.value
  const edit = (patch: Partial<typeof draft.value>) => draft.set((v) => ({ ...v, ...patch }))
  const a = draft.value.aId || (query.data?.people.some((p) => p.memberId === selfId) ? selfId : null)
  return (
    <QueryView query={query}>
      {(data) => {
        const people = data.people.map((p) => [p.memberId, `${p.name}（${p.roleLabel}）`] as const)
        return (
          <Card>
            <Field label='谈话人'>
              <Segmented options={people} value={a ?? ''} onChange={(aId) => edit({ aId })} testId='care-talk-a' />
            </Field>
            <Field label='谈话对象'>
              <Segmented
                options={people.filter(([id]) => id !== a)}
                value={bId}
                onChange={(bId) => edit({ bId })}
                testId='care-talk-b'
              />
            </Field>
            <DayField label='谈话日期' value={day} onChange={(day) => edit({ day })} end={today()} />
            <TextFields specs={TEXTS} values={draft.value} onChange={edit} />
            <Text className='zbc-sub'>谈话记录仅本支部书记和院党委可见。</Text>
            <SubmitButton
              label='保存谈话记录'
              done={() => '已记录'}
              waitsFor={firstMissing([
                [!a, '请选择谈话人'],
                [!bId, '请选择谈话对象'],
                [topic.trim().length < 2, '请填写谈话主题'],
              ])}
              run={() => callFunction('member-care', 'recordTalk', { aId: a ?? '', bId, day, topic, notes, followUp })}
              onDone={draft.clear}
              testId='care-talk-save'
            />
          </Card>
        )
      }}
    </QueryView>
  )
}

export default sessionPage('page-care-talk', ({ profile }) => <TalkForm selfId={profile.memberId} />)
