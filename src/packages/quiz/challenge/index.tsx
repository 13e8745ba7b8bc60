import { Clock, Failure } from '../../../components/Icon'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useMemo, useState } from 'react'
import { ActionBar } from '../../../components/ActionBar'
import { Page } from '../../../components/Page'
import { NoticeView, QueryView } from '../../../ui'
import { useAction, useQuery } from '../../../hooks/useCall'
import type { AnswerResult, OpenAttempt, PublicQuestion } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { countdown } from '../../../utils/quiz'
import { useParams } from '../../../hooks/useParams'
import { QuestionCard } from '../shared/QuestionCard'
import { useCountdown } from '../shared/useCountdown'
import '../shared/quiz.scss'
import './index.scss'
import { Ended } from './Ended'

/** Challenge mode: one question at a time against the clock; the first wrong answer ends the round. */
export default function ChallengePage() {
  const { best = '0' } = useParams()
  const [round, setRound] = useState(0)
  const start = useCallback(() => callFunction('quiz', 'start', { kind: 'challenge' }), [])
  const query = useQuery(start, [round])
  return (
    <Page testId='page-quiz-challenge'>
      <QueryView
        query={query}
        refused={(failure) =>
          failure.code === 'FAILED_PRECONDITION' ? (
            <NoticeView
              icon={<Failure size={36} />}
              title='暂时不能挑战'
              text={failure.message}
              action={{ label: '返回', onClick: () => void Taro.navigateBack() }}
            />
          ) : null
        }
      >
        {(data) => (
          <Round key={data.attemptId} opening={data} best={Number(best) || 0} onAgain={() => setRound((n) => n + 1)} />
        )}
      </QueryView>
    </Page>
  )
}

interface Current {
  question: PublicQuestion
  deadline: number
  /** Time this question had when it arrived (for the progress bar). */
  span: number
  index: number
}

function Round({ opening, best, onAgain }: { opening: OpenAttempt; best: number; onAgain: () => void }) {
  const first = useMemo<Current>(
    () => ({
      question: opening.questions[0],
      deadline: Date.now() + opening.remainingMs,
      span: opening.remainingMs,
      index: opening.index,
    }),
    [opening],
  )
  const [current, setCurrent] = useState<Current>(first)
  const [streak, setStreak] = useState(opening.streak)
  const [selected, setSelected] = useState<string[]>([])
  const [flash, setFlash] = useState(false)
  const [ended, setEnded] = useState<{ result: AnswerResult; question: PublicQuestion; chosen: string[] } | null>(null)

  const answerCall = useCallback(
    (key: string, choice: string[]) => callFunction('quiz', 'answer', { attemptId: opening.attemptId, key, choice }),
    [opening.attemptId],
  )
  const { run, pending } = useAction(answerCall)

  const send = async (choice: string[]) => {
    if (ended) return
    const asked = current
    const res = await run(asked.question.key, choice)
    if (!res.ok) return
    const r = res.data
    setStreak(r.streak)
    if (r.ended || !r.next) {
      setEnded({ result: r, question: asked.question, chosen: choice })
      return
    }
    setSelected([])
    setCurrent({ question: r.next, deadline: Date.now() + r.remainingMs, span: r.remainingMs, index: asked.index + 1 })
    setFlash(true)
    setTimeout(() => setFlash(false), 1200)
  }

  const remaining = useCountdown(ended ? null : current.deadline, () => void send([]))

  const choose = (ids: string[]) => {
    setSelected(ids)
    // One tap answers a single-choice or true/false question, as in 学习强国.
    if (current.question.type !== 'multiple' && ids.length > 0 && !pending) void send(ids)
  }

  if (ended) return <Ended ended={ended} best={best} attemptId={opening.attemptId} onAgain={onAgain} />
  const seconds = remaining / 1000
  return (
    <>
      <View className='zq-bar'>
        <View>
          <Text className='zq-bar__title'>第 {current.index} 题</Text>
          <Text className='zq-bar__progress' data-testid='challenge-streak'>
            {' '}
            · 已连对 {streak} 题
          </Text>
        </View>
        <View className={`zq-timer ${seconds <= 10 ? 'zq-timer--urgent' : ''}`} data-testid='quiz-timer'>
          <Clock size={14} />
          <Text>{countdown(remaining)}</Text>
        </View>
      </View>
      <View className='zq-challenge__track'>
        <View
          className='zq-challenge__fill'
          style={{ width: `${Math.min(100, (remaining / Math.max(1, current.span)) * 100)}%` }}
        />
      </View>
      {flash ? <Text className='zq-challenge__flash'>回答正确！继续加油</Text> : null}
      <QuestionCard question={current.question} selected={selected} onChange={choose} />
      {current.question.type === 'multiple' ? (
        <View className='zq-challenge__confirm'>
          <ActionBar
            inline
            actions={[
              {
                text: '确认答案',
                primary: true,
                loading: pending,
                waitsFor: selected.length === 0 ? '请至少选择一个选项' : null,
                onClick: () => void send(selected),
                testId: 'challenge-confirm',
              },
            ]}
          />
        </View>
      ) : null}
      <Text className='zq-note'>每题限时作答，答错或超时即结束本轮；连续答对越多，积分越多。</Text>
    </>
  )
}
