import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { Text, View } from '@tarojs/components'
import { useCallback, useState } from 'react'
import { Page } from '../../../components/Page'
import { Empty, ListView, MoreButton } from '../../../ui'
import { useCursorList } from '../../../hooks/useCursorList'
import { useAction } from '../../../hooks/useCall'
import type { MistakeItem, PublicOption, RetryResult } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { letterOf } from '../../../utils/quiz'
import { Explanation, QuestionCard } from '../shared/QuestionCard'
import '../shared/quiz.scss'
import './index.scss'

type Tab = 'open' | 'mastered'

/** 错题本: every question answered wrong, to answer again until right. */
export default function MistakesPage() {
  const [tab, setTab] = useState<Tab>('open')
  const [openCount, setOpenCount] = useState<number | null>(null)
  const list = useCursorList(
    async (cursor) => {
      const res = await callFunction('quiz', 'mistakes', {
        mastered: tab === 'mastered',
        ...(cursor ? { cursor } : {}),
      })
      if (res.ok) setOpenCount(res.data.openCount)
      return res
    },
    [tab],
  )
  const { items } = list

  const mastered = () => setOpenCount((n) => (n === null ? n : Math.max(0, n - 1)))
  return (
    <Page testId='page-quiz-mistakes'>
      <View className='zq-tabs'>
        <Text className={`zq-tabs__tab ${tab === 'open' ? 'zq-tabs__tab--on' : ''}`} onClick={() => setTab('open')}>
          待巩固{openCount !== null ? `（${openCount}）` : ''}
        </Text>
        <Text
          className={`zq-tabs__tab ${tab === 'mastered' ? 'zq-tabs__tab--on' : ''}`}
          onClick={() => setTab('mastered')}
          data-testid='mistakes-tab-mastered'
        >
          已掌握
        </Text>
      </View>
      <ListView
        list={list}
        empty={
          <Empty testId='mistakes-empty'>
            {tab === 'open'
              ? '没有待巩固的错题。答错的题会自动收进这里，重做答对后移入“已掌握”。'
              : '还没有已掌握的错题。在“待巩固”里重做答对的题会出现在这里。'}
          </Empty>
        }
      >
        <>
          {tab === 'open' ? <Text className='zq-note'>重新作答，答对后即移入“已掌握”。</Text> : null}
          {items.map((item) =>
            tab === 'open' ? (
              <RetryCard key={item.id} item={item} onMastered={mastered} />
            ) : (
              <MasteredCard key={item.id} item={item} />
            ),
          )}
          <MoreButton list={list} />
        </>
      </ListView>
    </Page>
  )
}

function RetryCard({ item, onMastered }: { item: MistakeItem; onMastered: () => void }) {
  const [options, setOptions] = useState<PublicOption[]>(item.options)
  const [selected, setSelected] = useState<string[]>([])
  const [outcome, setOutcome] = useState<{ result: RetryResult; shown: PublicOption[]; chosen: string[] } | null>(null)
  const retry = useCallback(
    (choice: string[]) => callFunction('quiz', 'retryMistake', { mistakeId: item.id, choice }),
    [item.id],
  )
  const { run, pending } = useAction(retry)

  const submit = async () => {
    const res = await run(selected)
    if (!res.ok) return
    setOutcome({ result: res.data, shown: options, chosen: selected })
    if (res.data.mastered) onMastered()
    if (res.data.nextOptions) setOptions(res.data.nextOptions)
  }
  const again = () => {
    setOutcome(null)
    setSelected([])
  }
  const question = { ...item, options: outcome ? outcome.shown : options }
  return (
    <View data-testid='mistake-card' data-state={outcome ? (outcome.result.correct ? 'right' : 'wrong') : 'open'}>
      <QuestionCard
        question={question}
        selected={outcome ? outcome.chosen : selected}
        onChange={setSelected}
        review={outcome ? { answerIds: outcome.result.answerIds, chosen: outcome.chosen } : undefined}
        heading={`错过 ${item.wrongCount} 次`}
        footer={
          outcome ? (
            <>
              <Explanation
                correct={outcome.result.correct}
                answerLetters={letterOf(outcome.result.answerIds, outcome.shown)}
                explanation={outcome.result.explanation}
              />
              {outcome.result.mastered ? (
                <Text className='zq-mistake__done'>已掌握，已移入“已掌握”</Text>
              ) : (
                <View className='zq-mistake__actions'>
                  <Button size='small' type='primary' fill='outline' onClick={again}>
                    再做一次
                  </Button>
                </View>
              )}
            </>
          ) : (
            <View className='zq-mistake__actions'>
              <Button
                size='small'
                type='primary'
                disabled={selected.length === 0}
                loading={pending}
                onClick={() => void submit()}
                data-testid='mistake-submit'
              >
                提交答案
              </Button>
            </View>
          )
        }
      />
    </View>
  )
}

function MasteredCard({ item }: { item: MistakeItem }) {
  const answerIds = item.answerIds ?? []
  return (
    <View data-testid='mistake-card' data-state='mastered'>
      <QuestionCard
        question={item}
        selected={[]}
        review={{ answerIds, chosen: [] }}
        heading={`错过 ${item.wrongCount} 次`}
        footer={
          <Explanation
            correct
            verdict='已掌握'
            answerLetters={letterOf(answerIds, item.options)}
            explanation={item.explanation ?? ''}
          />
        }
      />
    </View>
  )
}
