import Taro from '@tarojs/taro'
import { ActionBar } from '../../../components/ActionBar'
import { TextBox as SharedTextBox, TextLine as SharedTextLine } from '../../../components/FormFields'
import type { ActionState } from '../../../hooks/useCall'
import { withQuery } from '../../../hooks/useParams'
import { toastSuccess } from '../../../services/feedback'
import { Field, Segmented } from '../../../ui'

interface TextFieldProps {
  label?: string
  hint?: string
  value: string
  onChange: (text: string) => void
  placeholder: string
  maxLength: number
  testId?: string
}

/** One line of text in voices' look (no label: the input alone, e.g. an answer under its question). */
export function TextLine(props: TextFieldProps) {
  return <SharedTextLine className='zbv-input' {...props} />
}

/** A growing text box in a labelled form row, in voices' look. */
export function TextBox(props: TextFieldProps) {
  return <SharedTextBox className='zbv-textarea' autoSize {...props} />
}

/** What a survey or vote is about: its title and an optional longer note. */
export function HeadingFields({
  titleLabel,
  titlePlaceholder,
  notePlaceholder,
  title,
  note,
  onTitle,
  onNote,
  testId,
}: {
  titleLabel: string
  titlePlaceholder: string
  notePlaceholder: string
  title: string
  note: string
  onTitle: (title: string) => void
  onNote: (note: string) => void
  testId: string
}) {
  return (
    <>
      <TextLine
        label={titleLabel}
        placeholder={titlePlaceholder}
        maxLength={40}
        value={title}
        onChange={onTitle}
        testId={testId}
      />
      <TextBox label='说明（选填）' placeholder={notePlaceholder} maxLength={500} value={note} onChange={onNote} />
    </>
  )
}

/**
 * The bottom bar of a form that creates something: once the server has it, forget the draft, say so and
 * open what was created (`route` with its id) in place of the form.
 */
export function PublishBar({
  text,
  create,
  waitsFor,
  done,
  clearDraft,
  route,
  testId,
}: {
  text: string
  create: ActionState<[], { id: string }>
  waitsFor: string | null
  done: string
  clearDraft: () => void
  route: string
  testId: string
}) {
  const publish = () =>
    void create.run().then((r) => {
      if (!r.ok) return
      clearDraft()
      toastSuccess(done)
      void Taro.redirectTo({ url: withQuery(route, { id: r.data.id }) })
    })
  return <ActionBar actions={[{ text, primary: true, loading: create.pending, waitsFor, onClick: publish, testId }]} />
}

/** Named or anonymous, in the words of the form (匿名/实名, 无记名/记名). */
export function AnonymityField({
  anonymous,
  words,
  onChange,
}: {
  anonymous: boolean
  words: readonly [anonymous: string, named: string]
  onChange: (anonymous: boolean) => void
}) {
  return (
    <Field label='记名方式'>
      <Segmented
        options={[
          ['yes', words[0]],
          ['no', words[1]],
        ]}
        value={anonymous ? 'yes' : 'no'}
        onChange={(v) => onChange(v === 'yes')}
      />
    </Field>
  )
}

/** How many days it stays open. */
export function DaysField({
  label,
  days,
  choices,
  onChange,
}: {
  label: string
  days: number
  choices: readonly number[]
  onChange: (days: number) => void
}) {
  return (
    <Field label={label}>
      <Segmented options={choices.map((d) => [d, `${d} 天`] as const)} value={days} onChange={onChange} />
    </Field>
  )
}
