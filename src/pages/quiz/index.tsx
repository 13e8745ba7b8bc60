import { Add, ArrowRight, Edit, Order, Retweet, Star, Tips } from '../../components/Icon'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useRef, type ReactNode } from 'react'
import { Card } from '../../components/Card'
import { Greeting } from '../../components/Greeting'
import { Page } from '../../components/Page'
import { SessionGate } from '../../components/SessionGate'
import { QueryView } from '../../ui'
import { useQuery } from '../../hooks/useCall'
import { ROUTES } from '../../routes'
import type { DailyHome, Profile, QuizCard } from '../../services/api'
import { quizHomeCall } from '../../services/entry-calls'
import type { QuizSettings } from '../../services/domain'
import { countdown, timeLeft } from '../../utils/quiz'
import './index.scss'

function go(url: string): void {
  void Taro.navigateTo({ url })
}

function withId(url: string, key: string, value: string): string {
  return `${url}?${key}=${encodeURIComponent(value)}`
}

export default function QuizPage() {
  return (
    <Page testId='page-quiz'>
      <SessionGate>{({ profile }) => <QuizHome profile={profile} />}</SessionGate>
    </Page>
  )
}

/** The 答题 tab: today's daily quiz, the challenge, open branch quizzes, 错题本 and rankings. One call. */
function QuizHome({ profile }: { profile: Profile }) {
  const query = useQuery(quizHomeCall.load, [], { prefetched: quizHomeCall })
  const { reload } = query
  const shown = useRef(false)
  useDidShow(() => {
    // Back from a quiz: today's status and the figures changed.
    if (shown.current) reload()
    shown.current = true
  })
  // The server answers the college's settings already merged over the defaults (_shared/settings).
  const settings: QuizSettings = profile.college.settings.quiz
  const stats = query.data?.stats
  const subtitle =
    stats && stats.answered > 0
      ? `累计答题 ${stats.answered} 道 · 正确率 ${Math.round((stats.correct * 100) / stats.answered)}% · 最佳连对 ${stats.bestStreak}`
      : undefined

  return (
    <>
      <Greeting profile={profile} subtitle={subtitle} />
      <QueryView query={query}>
        {(data) => (
          <>
            <DailyCard home={data} settings={settings} />
            <ChallengeCard best={data.stats.bestStreak} seconds={settings.challengeSeconds} />
            <QuizzesCard quizzes={data.openQuizzes} />
            <ToolsCard mistakesOpen={data.stats.mistakesOpen} inBranch={profile.branch !== null} />
            {data.canManage ? <ManageCard canEditBank={data.canEditBank} /> : null}
          </>
        )}
      </QueryView>
    </>
  )
}

function DailyCard({ home, settings }: { home: DailyHome; settings: QuizSettings }) {
  const { today } = home
  const minutes = Math.round((settings.dailyCount * settings.dailySecondsPerQuestion) / 60)
  let body: ReactNode
  if (today.status === 'done' && today.attemptId) {
    const id = today.attemptId
    body = (
      <>
        <View className='zq-home__done'>
          <Text className='zq-home__score' data-testid='daily-score'>
            {today.score}
          </Text>
          <Text className='zq-home__score-unit'>分</Text>
          <Text className='zq-home__done-text'>
            今日已完成 · 答对 {today.correctCount}/{today.total} 题
          </Text>
        </View>
        <Button
          block
          fill='outline'
          type='primary'
          onClick={() => go(withId(ROUTES.quizResult, 'attemptId', id))}
          data-testid='daily-review'
        >
          查看答案与解析
        </Button>
      </>
    )
  } else if (today.status === 'open' && today.attemptId) {
    const id = today.attemptId
    const over = (today.remainingMs ?? 0) <= 0
    body = (
      <>
        <Text className='zq-home__line'>
          {over
            ? '答题时间已到，答案已按时间截止处理。'
            : `今日答题进行中，还剩 ${countdown(today.remainingMs ?? 0)}。`}
        </Text>
        <Button
          block
          type='primary'
          onClick={() => go(withId(over ? ROUTES.quizResult : ROUTES.quizTake, 'attemptId', id))}
          data-testid='daily-continue'
        >
          {over ? '查看结果' : '继续答题'}
        </Button>
      </>
    )
  } else {
    body = (
      <>
        <Text className='zq-home__line'>
          今日 {settings.dailyCount} 道题，限时 {minutes} 分钟，从党章、党史、理论等题库中随机抽取，答对一题得 1
          学习积分。
        </Text>
        <Button block type='primary' onClick={() => go(`${ROUTES.quizTake}?kind=daily`)} data-testid='daily-start'>
          开始每日答题
        </Button>
      </>
    )
  }
  return (
    <Card title='每日答题' className='zq-home__card' extra={<Text className='zq-home__day'>{home.day}</Text>}>
      <View data-testid='daily-card'>{body}</View>
    </Card>
  )
}

function ChallengeCard({ best, seconds }: { best: number; seconds: number }) {
  return (
    <Card
      title='挑战答题'
      extra={<Text className='zq-home__day'>{best > 0 ? `最佳 ${best} 连对` : '还没有挑战记录'}</Text>}
    >
      <Text className='zq-home__line'>每题限时 {seconds} 秒，答错即止。连续答对越多，积分越多。</Text>
      <Button
        block
        type='primary'
        fill='outline'
        onClick={() => go(`${ROUTES.quizChallenge}?best=${best}`)}
        data-testid='challenge-start'
      >
        开始挑战
      </Button>
    </Card>
  )
}

function QuizzesCard({ quizzes }: { quizzes: QuizCard[] }) {
  return (
    <Card
      title='支部测验'
      extra={
        <Text className='zq-home__all' onClick={() => go(ROUTES.quizList)} data-testid='quiz-list-link'>
          全部 <ArrowRight size={10} />
        </Text>
      }
    >
      {quizzes.length === 0 ? (
        <Text className='zq-home__line zq-home__line--muted'>
          目前没有进行中的测验。支部书记或院党委发布测验后，会在这里提醒你。
        </Text>
      ) : (
        quizzes.slice(0, 3).map((q) => (
          <View className='zq-home__quiz' key={q.id} onClick={() => go(ROUTES.quizList)} data-testid='home-quiz'>
            <View className='zq-home__quiz-main'>
              <Text className='zq-home__quiz-title'>{q.title}</Text>
              <Text className='zq-home__quiz-facts'>
                {q.scopeLabel} · {q.count} 题 · 限时 {q.timeLimitMinutes} 分钟
              </Text>
            </View>
            <Text className='zq-home__quiz-left'>{timeLeft(q.closesAt)}</Text>
          </View>
        ))
      )}
    </Card>
  )
}

function Entry({
  icon,
  title,
  note,
  onClick,
  testId,
  wide = false,
}: {
  icon: ReactNode
  title: string
  note?: string
  onClick: () => void
  testId?: string
  wide?: boolean
}) {
  return (
    <View className={`zq-home__entry ${wide ? 'zq-home__entry--wide' : ''}`} onClick={onClick} data-testid={testId}>
      <View className='zq-home__entry-icon'>{icon}</View>
      <Text className='zq-home__entry-title'>{title}</Text>
      {note ? <Text className='zq-home__entry-note'>{note}</Text> : null}
    </View>
  )
}

/** 错题本 for everyone; rankings are per branch, so only for branch members (the committee reaches them from a quiz's statistics). */
function ToolsCard({ mistakesOpen, inBranch }: { mistakesOpen: number; inBranch: boolean }) {
  // Alone (the committee has no branch ranking), 错题本 takes the whole row instead of half of it.
  return (
    <View className='zq-home__grid'>
      <Entry
        icon={<Tips size={22} />}
        title='错题本'
        note={mistakesOpen > 0 ? `${mistakesOpen} 道待巩固` : '暂无待巩固'}
        onClick={() => go(ROUTES.quizMistakes)}
        testId='mistakes-link'
        wide={!inBranch}
      />
      {inBranch ? (
        <Entry
          icon={<Star size={22} />}
          title='答题排行'
          note='本支部排名'
          onClick={() => go(ROUTES.quizRanking)}
          testId='ranking-link'
        />
      ) : null}
    </View>
  )
}

function ManageCard({ canEditBank }: { canEditBank: boolean }) {
  return (
    <Card title='组织答题'>
      <View className='zq-home__grid zq-home__grid--inner'>
        <Entry
          icon={<Add size={22} />}
          title='发布测验'
          note='随机抽题或指定题目'
          onClick={() => go(ROUTES.quizCreate)}
          testId='quiz-create-link'
        />
        <Entry
          icon={<Order size={22} />}
          title='测验统计'
          note='参与情况与成绩分布'
          onClick={() => go(ROUTES.quizManage)}
          testId='quiz-manage-link'
        />
        {canEditBank ? (
          <Entry
            icon={<Edit size={22} />}
            title='题库管理'
            note='编辑、停用题目'
            onClick={() => go(ROUTES.quizBank)}
            testId='quiz-bank-link'
          />
        ) : null}
        {canEditBank ? (
          <Entry
            icon={<Retweet size={22} />}
            title='批量导入'
            note='Excel / CSV'
            onClick={() => go(ROUTES.quizImport)}
            testId='quiz-import-link'
          />
        ) : null}
      </View>
    </Card>
  )
}
