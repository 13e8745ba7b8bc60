import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ActionBar, type BarAction } from '../../../components/ActionBar'
import { Card } from '../../../components/Card'
import { useAction } from '../../../hooks/useCall'
import type { SurveyView } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { toastSuccess } from '../../../services/feedback'
import { Bars, useExportAction } from '../shared/ui'

/** The results as bars and texts, for whoever runs the survey; export and an early close below. */
export function Results({ v }: { v: SurveyView }) {
  const close = useAction(() => callFunction('voices', 'closeSurvey', { surveyId: v.id }))
  const exportAction = useExportAction(
    '导出结果',
    () => callFunction('voices', 'exportSurvey', { surveyId: v.id }),
    'survey-export',
  )
  if (!v.results) return null
  const actions: BarAction[] = [exportAction]
  if (v.status === 'open')
    actions.push({
      text: '提前结束',
      loading: close.pending,
      onClick: () =>
        void Taro.showModal({
          title: '结束征求意见',
          content: '结束后不能再提交问卷，确定结束吗？',
          confirmColor: '#C8161D',
        }).then((res) => {
          if (res.confirm) void close.run().then((r) => r.ok && toastSuccess('已结束'))
        }),
      testId: 'survey-close',
    })
  return (
    <>
      <Card title='结果统计' extra={<Text className='zbv-member__meta'>共 {v.answers ?? 0} 份</Text>}>
        {v.results.map((q, i) => (
          <View key={q.id} className='zbv-question' data-testid='survey-result'>
            <Text className='zbv-question__title'>
              {i + 1}. {q.title}
              {q.average !== null ? `（平均 ${q.average} 分）` : ''}
            </Text>
            {q.bars.length ? <Bars bars={q.bars} testId='survey-bars' /> : null}
            {q.type === 'text' && q.texts.length === 0 ? <Text className='zbv-row__sub'>暂无文字回答</Text> : null}
            {q.type === 'text'
              ? q.texts.map((t, j) => (
                  <Text key={j} className='zbv-row__sub zbv-line'>
                    · {t}
                  </Text>
                ))
              : null}
          </View>
        ))}
      </Card>
      <ActionBar inline actions={actions} />
    </>
  )
}
