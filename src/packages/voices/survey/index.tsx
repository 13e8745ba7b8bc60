import { Text, View } from '@tarojs/components'
import { Card } from '../../../components/Card'
import type { SurveyView } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { viewPage } from '../shared/viewPage'
import { Empty, Pill, when } from '../shared/ui'
import { AnswerForm } from './AnswerForm'
import { Results } from './Results'

function SurveyBody({ v, onLatest }: { v: SurveyView; onLatest: (next: SurveyView) => void }) {
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
      {/* Whoever runs it comes for the results: the chart first, their own answer form below it. */}
      {v.canManage ? <Results v={v} /> : null}
      {open && v.eligible && !v.answered ? <AnswerForm v={v} onDone={onLatest} /> : null}
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
}

export default viewPage(
  { testId: 'page-voices-survey', missing: '缺少问卷编号' },
  (id) => callFunction('voices', 'survey', { surveyId: id }),
  SurveyBody,
)
