import { Text, View } from '@tarojs/components'
import {
  ELECTORATE_LABELS,
  ELECTORATES,
  VOTE_KIND_LABELS,
  VOTE_KINDS,
  type Electorate,
  type VoteKind,
} from '../../../services/domain'
import { Card } from '../../../components/Card'
import { sessionPage } from '../../../components/SessionPage'
import { useAction } from '../../../hooks/useCall'
import { useDraft } from '../../../hooks/useDraft'
import { ROUTES } from '../../../routes'
import { callFunction } from '../../../services/call'
import { Field, Segmented } from '../../../ui'
import { AnonymityField, DaysField, HeadingFields, PublishBar, TextBox } from '../shared/fields'
import { lines } from '../shared/lines'

interface VoteForm {
  title: string
  description: string
  kind: VoteKind
  subjects: string
  maxChoices: number
  electorate: Electorate
  anonymous: boolean
  days: number
}

const BLANK: VoteForm = {
  title: '',
  description: '',
  kind: 'motion',
  subjects: '',
  maxChoices: 1,
  electorate: 'full',
  anonymous: true,
  days: 3,
}

const KIND_OPTIONS = VOTE_KINDS.map((k) => [k, VOTE_KIND_LABELS[k]] as const)
const MAX_OPTIONS = [1, 2, 3].map((n) => [n, `${n} 项`] as const)
const ELECTORATE_OPTIONS = ELECTORATES.map((e) => [e, ELECTORATE_LABELS[e]] as const)

function VoteEditor({ branchId, college }: { branchId?: string; college: boolean }) {
  const draft = useDraft<VoteForm>('vote-form', college ? 'college' : (branchId ?? 'branch'), BLANK)
  const f = draft.value
  const set = (patch: Partial<VoteForm>) => draft.set((d) => ({ ...d, ...patch }))
  const subjects = lines(f.subjects)
  const create = useAction(() =>
    callFunction('voices', 'createVote', {
      ...(branchId ? { branchId } : {}),
      college,
      title: f.title.trim(),
      description: f.description.trim(),
      kind: f.kind,
      subjects,
      maxChoices: f.kind === 'choice' ? f.maxChoices : 1,
      electorate: f.electorate,
      anonymous: f.anonymous,
      closesAt: new Date(Date.now() + f.days * 86_400_000).toISOString(),
    }),
  )
  const waitsFor =
    f.title.trim().length < 2
      ? '请填写投票主题'
      : subjects.length === 0
        ? f.kind === 'motion'
          ? '请填写表决事项'
          : '请填写候选'
        : f.kind === 'choice' && subjects.length < 2
          ? '推选至少需要 2 个候选'
          : null
  return (
    <View data-testid='vote-edit'>
      <Card title='投票内容'>
        <HeadingFields
          titleLabel='投票主题'
          titlePlaceholder='如：推选支部宣传委员'
          notePlaceholder='投票的背景、材料和要求'
          title={f.title}
          note={f.description}
          onTitle={(title) => set({ title })}
          onNote={(description) => set({ description })}
          testId='vote-title'
        />
        <Field label='投票方式'>
          <Segmented options={KIND_OPTIONS} value={f.kind} onChange={(k) => set({ kind: k })} />
        </Field>
        <TextBox
          label={f.kind === 'motion' ? '表决事项（每行一项，逐项表决）' : '候选（每行一个）'}
          placeholder={f.kind === 'motion' ? '同意接收张三同志为预备党员' : '张三\n李四'}
          maxLength={800}
          value={f.subjects}
          onChange={(t) => set({ subjects: t })}
          testId='vote-subjects'
        />
        {f.kind === 'choice' ? (
          <Field label='每人最多选'>
            <Segmented options={MAX_OPTIONS} value={f.maxChoices} onChange={(n) => set({ maxChoices: n })} />
          </Field>
        ) : null}
      </Card>
      <Card title='规则'>
        <Field label='投票人'>
          <Segmented options={ELECTORATE_OPTIONS} value={f.electorate} onChange={(e) => set({ electorate: e })} />
        </Field>
        <AnonymityField anonymous={f.anonymous} words={['无记名', '记名']} onChange={(a) => set({ anonymous: a })} />
        <DaysField label='投票时长' days={f.days} choices={[1, 3, 7]} onChange={(d) => set({ days: d })} />
        <Text className='zbv-row__sub'>
          参加人数须超过应参加人数的半数，结果方为有效；赞成票超过实际参加人数的半数为通过。预备党员没有表决权，正式表决请选“正式党员”。
        </Text>
      </Card>
      <PublishBar
        text='发起投票'
        create={create}
        waitsFor={waitsFor}
        done='投票已发起'
        clearDraft={draft.clear}
        route={ROUTES.voicesVote}
        testId='vote-create'
      />
    </View>
  )
}

export default sessionPage('page-voices-vote-edit', ({ params }) => (
  <VoteEditor branchId={params.branchId} college={params.college === '1'} />
))
