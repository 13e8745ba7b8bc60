import { Greeting } from '../../components/Greeting'
import { sessionPage } from '../../components/SessionPage'
import { QueryView } from '../../ui'
import type { Profile } from '../../services/api'
import { quizHomeCall } from '../../services/entry-calls'
import type { QuizSettings } from '../../services/domain'
import './index.scss'
import { DailyCard, ChallengeCard, QuizzesCard } from './Cards'
import { ToolsCard, ManageCard } from './Tools'
import { useShownQuery } from '../../hooks/useShownQuery'

export default sessionPage('page-quiz', QuizHome)

/** The 答题 tab: today's daily quiz, the challenge, open branch quizzes, 错题本 and rankings. One call. */
function QuizHome({ profile }: { profile: Profile }) {
  const query = useShownQuery(quizHomeCall.load, [], { prefetched: quizHomeCall })
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
