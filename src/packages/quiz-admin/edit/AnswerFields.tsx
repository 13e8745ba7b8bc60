import { Input } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import { Text, View } from '@tarojs/components'
import type { BankQuestion } from '../../../services/api'
import { Field, MultiChips, Segmented } from '../../../ui'
import { OPTION_LETTERS } from '../../../services/domain'

/** The editable part of a bank question (its answer and explanation always present while editing). */
export type QuestionForm = Pick<BankQuestion, 'type' | 'stem' | 'options' | 'tags' | 'difficulty'> & {
  answer: number[]
  explanation: string
}

/** The options and the right answer: 正确/错误 for a judgement, else the options and the right letters. */
export function AnswerFields({
  form: { type, options, answer },
  patch,
}: {
  form: QuestionForm
  patch: (change: Partial<QuestionForm>) => void
}) {
  const setOptions = (v: string[]) => patch({ options: v })
  const setAnswer = (v: number[]) => patch({ answer: v })
  const setOption = (i: number, text: string) => setOptions(options.map((o, j) => (j === i ? text : o)))
  const removeOption = (i: number) =>
    patch({
      options: options.filter((_, j) => j !== i),
      answer: answer.filter((a) => a !== i).map((a) => (a > i ? a - 1 : a)),
    })
  const letters = options.map((_, i): [string, string] => [String(i), OPTION_LETTERS[i]])
  return type === 'judge' ? (
    <Field label='正确答案'>
      <Segmented<number>
        options={[
          [0, '正确'],
          [1, '错误'],
        ]}
        value={answer[0] ?? -1}
        onChange={(v) => setAnswer([v])}
      />
    </Field>
  ) : (
    <>
      <Field label='选项'>
        {options.map((o, i) => (
          <View className='ze-option' key={i}>
            <Text className='ze-option__letter'>{OPTION_LETTERS[i]}</Text>
            <Input
              className='ze-option__input'
              placeholder={`选项 ${OPTION_LETTERS[i]}`}
              value={o}
              onChange={(v) => setOption(i, v)}
              maxLength={100}
            />
            {options.length > 2 ? (
              <Text className='ze-option__remove' onClick={() => removeOption(i)}>
                删除
              </Text>
            ) : null}
          </View>
        ))}
        {options.length < 6 ? (
          <Text className='ze-add' onClick={() => setOptions([...options, ''])}>
            ＋ 添加选项
          </Text>
        ) : null}
      </Field>
      <Field
        label='正确答案'
        hint={type === 'multiple' ? '多选题请选出全部正确选项（至少两个）。' : '单选题只有一个正确答案。'}
      >
        <MultiChips<string>
          options={letters}
          value={answer.map(String)}
          onChange={(v) => {
            const picked = v.map(Number)
            setAnswer(
              type === 'single' ? picked.filter((a) => !answer.includes(a)).slice(0, 1) : picked.sort((a, b) => a - b),
            )
          }}
        />
      </Field>
    </>
  )
}
