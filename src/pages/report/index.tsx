import { Edit } from '@nutui/icons-react-taro'
import { ComingSoon, type ComingSoonProps } from '../../components/ComingSoon'
import { Greeting } from '../../components/Greeting'
import { Page } from '../../components/Page'
import { SessionGate } from '../../components/SessionGate'
import type { Profile } from '../../services/api'
import type { CollegeSettings } from '../../services/domain'

const PERIOD_LABELS: Record<CollegeSettings['reportPeriod'], string> = {
  month: '每月',
  quarter: '每季度',
  'half-year': '每半年',
}

function copyFor(profile: Profile): Omit<ComingSoonProps, 'icon'> {
  const title = '思想汇报即将上线'
  if (profile.primaryRole === 'committee') {
    return {
      title,
      description: '上线后可查看全院各支部思想汇报的提交与审阅情况。',
      plans: ['按支部查看应交、已交和待审阅的汇报', '发现长期未提交或未审阅的情况', '统一设置汇报周期和需要提交的发展阶段'],
    }
  }
  if (profile.primaryRole === 'secretary') {
    return {
      title,
      description: '上线后可在这里审阅本支部成员提交的思想汇报。',
      plans: ['集中查看待审阅的汇报，手机上即可处理', '批注、通过或退回修改，审阅结果通知本人', '查看每位成员的提交情况，作为发展材料'],
    }
  }
  const { reportPeriod, reportStages } = profile.college.settings
  const owes = reportStages.includes(profile.stage)
  return {
    title,
    description: owes
      ? `你是${profile.stageLabel}，需${PERIOD_LABELS[reportPeriod]}提交一次思想汇报。`
      : '入党积极分子、发展对象和预备党员需要定期提交思想汇报。',
    plans: ['在线撰写，或按顺序拍照上传手写稿', '查看支部书记的批注和审阅结果', '到期提醒，按期提交不遗漏'],
  }
}

export default function ReportPage() {
  return (
    <Page testId='page-report'>
      <SessionGate>
        {({ profile }) => (
          <>
            <Greeting profile={profile} />
            <ComingSoon icon={<Edit size={32} />} {...copyFor(profile)} />
          </>
        )}
      </SessionGate>
    </Page>
  )
}
