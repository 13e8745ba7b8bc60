import { TextArea } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css'
import { Text } from '@tarojs/components'
import { ActionBar } from '../../../components/ActionBar'
import { Card } from '../../../components/Card'
import { useQuery } from '../../../hooks/useCall'
import { useDraft } from '../../../hooks/useDraft'
import { useSubmit } from '../../../hooks/useSubmit'
import { callFunction } from '../../../services/call'
import { HONOUR_TITLES } from '../../../services/domain'
import { Field, Segmented } from '../../../ui'
import { Chips } from '../shared/ui'

type HonourTitle = (typeof HONOUR_TITLES)[number]

const TITLE_OPTIONS = HONOUR_TITLES.map((t) => [t, t] as const)

function waitsFor(memberId: string, reason: string): string | null {
  if (!memberId) return '请选择推荐对象'
  if (reason.trim().length < 10) return '请填写推荐理由（至少 10 字）'
  return null
}

/** A branch recommends one of its members; kept as a draft until sent. */
export function NominateForm({ onDone }: { onDone: () => void }) {
  const roster = useQuery(() => callFunction('meeting', 'roster', {}), [])
  const year = new Date().getFullYear()
  const draft = useDraft<{ memberId: string; title: HonourTitle; reason: string }>('honour-nomination', String(year), {
    memberId: '',
    title: '优秀共产党员',
    reason: '',
  })
  const f = draft.value
  const nominate = useSubmit(
    () => callFunction('voices', 'nominate', { memberId: f.memberId, title: f.title, year, reason: f.reason.trim() }),
    '已推荐，等待院党委审定',
    () => {
      draft.clear()
      onDone()
    },
  )
  return (
    <Card title='推荐榜样'>
      <Field label='推荐对象'>
        {roster.data ? (
          <Chips
            options={roster.data.map((m) => [m.id, m.name] as const)}
            value={f.memberId || null}
            onChange={(id) => draft.set((d) => ({ ...d, memberId: id }))}
            testId='nominate-member'
          />
        ) : (
          <Text className='zbv-row__sub'>{roster.failure ? roster.failure.message : '正在加载本支部名单…'}</Text>
        )}
      </Field>
      <Field label='荣誉称号'>
        <Segmented options={TITLE_OPTIONS} value={f.title} onChange={(t) => draft.set((d) => ({ ...d, title: t }))} />
      </Field>
      <Field label='推荐理由'>
        <TextArea
          className='zbv-textarea'
          placeholder='主要事迹（至少 10 字）'
          maxLength={500}
          autoSize
          value={f.reason}
          onChange={(t) => draft.set((d) => ({ ...d, reason: t }))}
        />
      </Field>
      <ActionBar
        inline
        actions={[
          {
            text: '提交推荐',
            primary: true,
            loading: nominate.pending,
            waitsFor: waitsFor(f.memberId, f.reason),
            onClick: nominate.submit,
            testId: 'nominate-submit',
          },
        ]}
      />
    </Card>
  )
}
