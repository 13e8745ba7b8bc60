import { Articles } from '@nutui/icons-react-taro'
import { ComingSoon } from '../../components/ComingSoon'
import { Greeting } from '../../components/Greeting'
import { Page } from '../../components/Page'
import { SessionGate } from '../../components/SessionGate'

export default function StudyPage() {
  return (
    <Page testId='page-study'>
      <SessionGate>
        {({ profile }) => (
          <>
            <Greeting profile={profile} />
            <ComingSoon
              icon={<Articles size={32} />}
              title='学习专栏即将上线'
              description='理论学习、党史回顾、时事热点等栏目正在筹备中，上线后可在这里学习并积累学习积分。'
              plans={[
                '理论学习、党史回顾、时事热点、支部动态、党员风采、通知公告等栏目',
                '阅读和观看学习内容可获得学习积分，每日设有上限',
                '院党委统一发布学习内容，支部可发布本支部动态',
              ]}
            />
          </>
        )}
      </SessionGate>
    </Page>
  )
}
