import { Ask } from '@nutui/icons-react-taro'
import { ComingSoon } from '../../components/ComingSoon'
import { Greeting } from '../../components/Greeting'
import { Page } from '../../components/Page'
import { SessionGate } from '../../components/SessionGate'
import type { Profile } from '../../services/api'

function plansFor(profile: Profile): string[] {
  const plans = ['每日答题：党章、党史和理论知识', '挑战答题：每题限时，答错即止', '答题成绩计入学习积分']
  if (profile.primaryRole === 'secretary') return [...plans, '为本支部设置专题测验，查看完成情况']
  if (profile.primaryRole === 'committee') return [...plans, '维护全院题库，发布专题测验']
  return plans
}

export default function QuizPage() {
  return (
    <Page testId='page-quiz'>
      <SessionGate>
        {({ profile }) => (
          <>
            <Greeting profile={profile} />
            <ComingSoon
              icon={<Ask size={32} />}
              title='知识答题即将上线'
              description='围绕党章、党史和理论知识的每日答题与专题测验正在筹备中。'
              plans={plansFor(profile)}
            />
          </>
        )}
      </SessionGate>
    </Page>
  )
}
