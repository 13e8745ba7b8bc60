import { Scan } from '@nutui/icons-react-taro'
import { ComingSoon, type ComingSoonProps } from '../../components/ComingSoon'
import { Greeting } from '../../components/Greeting'
import { Page } from '../../components/Page'
import { SessionGate } from '../../components/SessionGate'
import type { Profile } from '../../services/api'

function copyFor(profile: Profile): Omit<ComingSoonProps, 'icon'> {
  const title = '会议签到即将上线'
  if (profile.primaryRole === 'committee') {
    return {
      title,
      description: '上线后可查看全院各支部“三会一课”的开展与出勤情况。',
      plans: ['按支部查看组织生活开展情况', '查看出勤、请假与缺席统计', '查阅各次会议的纪要'],
    }
  }
  if (profile.primaryRole === 'secretary') {
    return {
      title,
      description: '上线后可在这里发起组织生活、展示签到码并查看出勤。',
      plans: ['发起支部党员大会、支委会、党小组会、党课和主题党日', '现场展示定时刷新的签到码，防止转发代签', '审批请假、补登出勤、记录会议纪要'],
    }
  }
  return {
    title,
    description: '支部党员大会、党小组会、党课和主题党日，将在这里扫码签到。',
    plans: ['扫描现场的签到码，签到码定时刷新、仅限本人使用', '不能参加时提前请假，由支部书记审批', '随时查看本人的出勤记录'],
  }
}

export default function CheckinPage() {
  return (
    <Page testId='page-checkin'>
      <SessionGate>
        {({ profile }) => (
          <>
            <Greeting profile={profile} />
            <ComingSoon icon={<Scan size={32} />} {...copyFor(profile)} />
          </>
        )}
      </SessionGate>
    </Page>
  )
}
