import { Clock, Failure } from '../../../components/Icon'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ActionBar } from '../../../components/ActionBar'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { Page } from '../../../components/Page'
import { LoadingView, NoticeView, QueryView } from '../../../ui'
import { useAction, useQuery } from '../../../hooks/useCall'
import { ROUTES } from '../../../routes'
import type { AttemptView, OpenAttempt } from '../../../services/api'
import { callFunction, type CallResult } from '../../../services/call'
import { clearDraft, loadDraft, saveDraft, type DraftAnswers } from '../../../services/quiz-drafts'
import { countdown } from '../../../utils/quiz'
import { handOver } from '../shared/handoff'
import { useParams, withQuery } from '../../../hooks/useParams'
import { QuestionCard } from '../shared/QuestionCard'
import { useCountdown } from '../shared/useCountdown'
import '../shared/quiz.scss'

/**
 * Taking the daily quiz or a branch quiz: `?kind=daily`, `?quizId=` (starts, or resumes the open
 * attempt), or `?attemptId=` (resumes). Choices are kept on the device as they are made; the server
 * keeps the time and scores the answers.
 */
export default function TakePage() {
  const { quizId, attemptId } = useParams()
  const load = useCallback((): Promise<CallResult<AttemptView>> => {
    if (attemptId) return callFunction('quiz', 'result', { attemptId })
    if (quizId) return callFunction('quiz', 'start', { kind: 'quiz', quizId })
    return callFunction('quiz', 'start', { kind: 'daily' })
  }, [attemptId, quizId])
  const query = useQuery(load, [load])
  const { data } = query

  useEffect(() => {
    // Opened on a finished attempt (from a link, or time ran out): its result.
    if (data?.status === 'submitted')
      void Taro.redirectTo({ url: withQuery(ROUTES.quizResult, { attemptId: data.attemptId }) })
  }, [data])

  return (
    <Page testId='page-quiz-take'>
      <QueryView
        query={query}
        refused={(failure) =>
          failure.code === 'FAILED_PRECONDITION' || failure.code === 'FORBIDDEN' || failure.code === 'NOT_FOUND' ? (
            <NoticeView
              testId='quiz-take-refused'
              icon={<Failure size={36} />}
              title='暂时不能答题'
              text={failure.message}
              action={{ label: '返回', onClick: () => void Taro.navigateBack() }}
            />
          ) : null
        }
      >
        {(data) => (data.status === 'open' ? <Answering attempt={data} /> : <LoadingView />)}
      </QueryView>
    </Page>
  )
}

function Answering({ attempt }: { attempt: OpenAttempt }) {
  const [answers, setAnswers] = useState<DraftAnswers>(() => loadDraft(attempt.attemptId))
  const [index, setIndex] = useState(0)
  // The server's time left, counted on this device's clock from the moment it arrived.
  const deadline = useMemo(() => Date.now() + attempt.remainingMs, [attempt])
  const submitCall = useCallback(
    (all: DraftAnswers) =>
      callFunction('quiz', 'submit', {
        attemptId: attempt.attemptId,
        answers: Object.entries(all).map(([key, choice]) => ({ key, choice })),
      }),
    [attempt.attemptId],
  )
  const { run, pending } = useAction(submitCall)

  const finish = useCallback(async () => {
    const result = await run(answers)
    if (!result.ok) return
    clearDraft(attempt.attemptId)
    handOver(result.data)
    void Taro.redirectTo({ url: withQuery(ROUTES.quizResult, { attemptId: attempt.attemptId }) })
  }, [answers, attempt.attemptId, run])

  const remaining = useCountdown(deadline, () => {
    void Taro.showToast({ title: '时间到，已自动交卷', icon: 'none' })
    void finish()
  })

  const questions = attempt.questions
  const question = questions[index]
  const answered = questions.filter((q) => (answers[q.key] ?? []).length > 0).length
  const choose = (ids: string[]) => {
    const next = { ...answers, [question.key]: ids }
    setAnswers(next)
    saveDraft(attempt.attemptId, next)
  }

  const confirmAndSubmit = async () => {
    const left = questions.length - answered
    const res = await Taro.showModal({
      title: '确认交卷',
      content: left > 0 ? `还有 ${left} 题未作答，交卷后不能修改。` : '交卷后不能修改答案。',
      confirmText: '交卷',
      confirmColor: '#C8161D',
    })
    if (res.confirm) await finish()
  }

  const last = index === questions.length - 1
  return (
    <>
      <View className='zq-bar'>
        <View>
          <Text className='zq-bar__title'>{attempt.title}</Text>
          <Text className='zq-bar__progress'>
            {' '}
            · 第 {index + 1}/{questions.length} 题
          </Text>
        </View>
        <View className={`zq-timer ${remaining < 60_000 ? 'zq-timer--urgent' : ''}`} data-testid='quiz-timer'>
          <Clock size={14} />
          <Text>{countdown(remaining)}</Text>
        </View>
      </View>
      <QuestionCard question={question} selected={answers[question.key] ?? []} onChange={choose} />
      <Text className='zq-section'>
        答题卡 · 已答 {answered}/{questions.length}
      </Text>
      <View className='zq-sheet'>
        {questions.map((q, i) => (
          <View
            key={q.key}
            className={`zq-sheet__dot ${(answers[q.key] ?? []).length > 0 ? 'zq-sheet__dot--done' : ''} ${i === index ? 'zq-sheet__dot--current' : ''}`}
            onClick={() => setIndex(i)}
          >
            <Text>{i + 1}</Text>
          </View>
        ))}
      </View>
      {!last ? (
        <View className='zq-actions'>
          <Button fill='outline' type='primary' loading={pending} onClick={() => void confirmAndSubmit()}>
            提前交卷
          </Button>
        </View>
      ) : null}
      <Text className='zq-note'>作答会自动保存在本机，中途退出可回来继续；计时不会暂停，时间到将自动交卷。</Text>
      <ActionBar
        actions={[
          { text: '上一题', disabled: index === 0, onClick: () => setIndex(index - 1), testId: 'quiz-prev' },
          last
            ? {
                text: '交卷',
                primary: true,
                loading: pending,
                onClick: () => void confirmAndSubmit(),
                testId: 'quiz-submit',
              }
            : { text: '下一题', primary: true, onClick: () => setIndex(index + 1), testId: 'quiz-next' },
        ]}
      />
    </>
  )
}
