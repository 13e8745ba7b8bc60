import { Button, Input } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { RATING_MAX } from '../../../services/domain'
import { Card } from '../../../components/Card'
import { useAction, useQuery } from '../../../hooks/useCall'
import { useDraft } from '../../../hooks/useDraft'
import type { SurveyView } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { toastSuccess } from '../../../services/feedback'
import { Bars, Chips, Empty, ExportButton, IdPage, Loaded, MultiChips, Pill, when } from '../shared/ui'

type Answers = Record<string, { choices: number[]; rating: number; text: string }>

function AnswerForm({ v, onDone }: { v: SurveyView; onDone: (next: SurveyView) => void }) {
  const blank: Answers = Object.fromEntries(v.questions.map((q) => [q.id, { choices: [], rating: 0, text: '' }]))
  const draft = useDraft<Answers>('survey-answers', v.id, blank)
  const a = { ...blank, ...draft.value }
  const set = (id: string, patch: Partial<Answers[string]>) =>
    draft.set((d) => ({ ...blank, ...d, [id]: { ...blank[id], ...d[id], ...patch } }))
  const submit = useAction(() =>
    callFunction('voices', 'answerSurvey', {
      surveyId: v.id,
      answers: v.questions.flatMap(
        (q): { questionId: string; choices?: number[]; rating?: number; text?: string }[] => {
          const x = a[q.id]
          if (q.type === 'rating') return x.rating ? [{ questionId: q.id, rating: x.rating }] : []
          if (q.type === 'text') return x.text.trim() ? [{ questionId: q.id, text: x.text.trim() }] : []
          return x.choices.length ? [{ questionId: q.id, choices: x.choices }] : []
        },
      ),
    }),
  )
  const missing = v.questions.findIndex(
    (q) =>
      q.required &&
      (q.type === 'rating' ? !a[q.id].rating : q.type === 'text' ? !a[q.id].text.trim() : a[q.id].choices.length === 0),
  )
  return (
    <Card title={v.anonymous ? '填写问卷（匿名）' : '填写问卷（实名）'}>
      {v.questions.map((q, i) => (
        <View key={q.id} className='zbv-question' data-testid='survey-question'>
          <Text className='zbv-question__title'>
            {i + 1}. {q.title}
            {q.type === 'multiple' ? '（可多选）' : ''}
            {q.required ? '' : '（选填）'}
          </Text>
          {q.type === 'single' ? (
            <Chips
              options={q.options.map((o, j) => ({ value: j, label: o }))}
              value={a[q.id].choices[0] ?? null}
              onChange={(j) => set(q.id, { choices: [j] })}
            />
          ) : null}
          {q.type === 'multiple' ? (
            <MultiChips
              options={q.options.map((o, j) => [String(j), o] as const)}
              value={a[q.id].choices.map(String)}
              onChange={(vs) => set(q.id, { choices: vs.map(Number).sort() })}
            />
          ) : null}
          {q.type === 'rating' ? (
            <Chips
              options={Array.from({ length: RATING_MAX }, (_, j) => ({ value: j + 1, label: `${j + 1} 分` }))}
              value={a[q.id].rating || null}
              onChange={(r) => set(q.id, { rating: r })}
            />
          ) : null}
          {q.type === 'text' ? (
            <Input
              className='zbv-input'
              placeholder='请输入（300 字以内）'
              maxLength={300}
              value={a[q.id].text}
              onChange={(t) => set(q.id, { text: t })}
            />
          ) : null}
        </View>
      ))}
      <Button
        className='zbv-button'
        type='primary'
        block
        disabled={missing >= 0}
        loading={submit.pending}
        onClick={() =>
          void submit.run().then((r) => {
            if (!r.ok) return
            draft.clear()
            toastSuccess('已提交，谢谢你的意见')
            onDone(r.data)
          })
        }
        data-testid='survey-submit'
      >
        {missing >= 0 ? `请回答第 ${missing + 1} 题` : '提交'}
      </Button>
    </Card>
  )
}

function Results({ v }: { v: SurveyView }) {
  const close = useAction(() => callFunction('voices', 'closeSurvey', { surveyId: v.id }))
  if (!v.results) return null
  return (
    <>
      <Card title='结果统计' extra={<Text className='zbv-member__meta'>共 {v.answers ?? 0} 份</Text>}>
        {v.results.map((q, i) => (
          <View key={q.id} className='zbv-question' data-testid='survey-result'>
            <Text className='zbv-question__title'>
              {i + 1}. {q.title}
              {q.average !== null ? `（平均 ${q.average} 分）` : ''}
            </Text>
            {q.bars.length ? <Bars bars={q.bars} testId='survey-bars' /> : null}
            {q.type === 'text' ? (
              q.texts.length ? (
                q.texts.map((t, j) => (
                  <Text key={j} className='zbv-row__sub zbv-line'>
                    · {t}
                  </Text>
                ))
              ) : (
                <Text className='zbv-row__sub'>暂无文字回答</Text>
              )
            ) : null}
          </View>
        ))}
      </Card>
      <View className='zbv-actions'>
        <ExportButton
          label='导出结果（Excel）'
          load={() => callFunction('voices', 'exportSurvey', { surveyId: v.id })}
          testId='survey-export'
        />
        {v.status === 'open' ? (
          <Button
            className='zbv-button'
            block
            loading={close.pending}
            onClick={() =>
              void Taro.showModal({
                title: '结束征求意见',
                content: '结束后不能再提交问卷，确定结束吗？',
                confirmColor: '#C8161D',
              }).then((res) => {
                if (res.confirm) void close.run().then((r) => r.ok && toastSuccess('已结束'))
              })
            }
            data-testid='survey-close'
          >
            提前结束
          </Button>
        ) : null}
      </View>
    </>
  )
}

function SurveyPage({ id }: { id: string }) {
  const query = useQuery(() => callFunction('voices', 'survey', { surveyId: id }), [id])
  const [latest, setLatest] = useState<SurveyView | null>(null)
  return (
    <Loaded {...query}>
      {(loaded) => {
        const v = latest ?? loaded
        const open = v.status === 'open' && new Date(v.closesAt).getTime() > Date.now()
        return (
          <View data-testid='survey'>
            <Card title={v.title} extra={<Pill tone={open ? 'red' : 'grey'}>{open ? '征求中' : '已结束'}</Pill>}>
              {v.intro ? <Text className='zbv-text'>{v.intro}</Text> : null}
              <Text className='zbv-row__sub'>
                {v.audienceLabel} · {v.anonymous ? '匿名' : '实名'} · {when(v.closesAt)}
                {open ? '截止' : '结束'}
              </Text>
            </Card>
            {/* Managers come for the results: the chart first, their own answer form below it. */}
            {v.canManage ? <Results v={v} /> : null}
            {open && v.eligible && !v.answered ? <AnswerForm v={v} onDone={setLatest} /> : null}
            {v.answered ? (
              <Card>
                <Text className='zbv-text' data-testid='survey-done'>
                  你已提交这份问卷。{v.anonymous ? '问卷匿名统计，不记录你的姓名。' : ''}
                </Text>
              </Card>
            ) : null}
            {!v.eligible && !v.canManage ? <Empty>这份问卷不向你征求意见</Empty> : null}
          </View>
        )
      }}
    </Loaded>
  )
}

export default function VoicesSurveyPage() {
  return (
    <IdPage testId='page-voices-survey' missing='缺少问卷编号'>
      {(id) => <SurveyPage id={id} />}
    </IdPage>
  )
}
