import { Text } from '@tarojs/components'
import { ActionBar, type BarAction } from '../../../components/ActionBar'
import { Card } from '../../../components/Card'
import { useAction } from '../../../hooks/useCall'
import type { AppraisalView } from '../../../services/api'
import { callFunction, type CallResult } from '../../../services/call'
import { toastSuccess } from '../../../services/feedback'
import { useExportAction } from '../shared/ui'
import { DecideRow } from './DecideRow'
import { confirm } from './grades'

type Saved = (next: AppraisalView) => void

/** The secretary or committee closes the peer appraisal; the tallies wait for it. */
function ClosePanel({ v, onSaved }: { v: AppraisalView; onSaved: Saved }) {
  const close = useAction(() => callFunction('voices', 'closeAppraisal', { appraisalId: v.id }))
  return (
    <Card title='支部操作'>
      <Text className='zbv-row__sub'>
        自我评价 {v.members.filter((m) => m.selfText).length}/{v.memberCount} 人，互评表 {v.appraised ?? 0}/
        {v.memberCount} 份。互评结束前不显示票数，防止从票数变化推知谁投了什么。
      </Text>
      {v.canManage ? (
        <ActionBar
          inline
          actions={[
            {
              text: '结束互评，查看票数',
              primary: true,
              loading: close.pending,
              onClick: () =>
                void confirm('结束互评', '结束后党员不能再提交自评和互评，确定结束吗？').then(
                  (ok) => ok && void close.run().then((r) => after(r, '互评已结束', onSaved)),
                ),
              testId: 'appraisal-close',
            },
          ]}
        />
      ) : (
        <Text className='zbv-row__sub'>互评由支部书记结束，结束后你可以在这里查看票数并评定等次。</Text>
      )}
    </Card>
  )
}

function after(r: CallResult<AppraisalView>, message: string, onSaved: Saved): void {
  if (!r.ok) return
  toastSuccess(message)
  onSaved(r.data)
}

/** Tallies and grades for the branch's secretary, its 支委 and the committee; publishing and export for managers. */
export function ManagerPanel({ v, onSaved }: { v: AppraisalView; onSaved: Saved }) {
  const publish = useAction(() => callFunction('voices', 'publishAppraisal', { appraisalId: v.id }))
  const exportAction = useExportAction(
    '导出登记表',
    () => callFunction('voices', 'exportAppraisal', { appraisalId: v.id }),
    'appraisal-export',
  )
  const undecided = (v.tallies ?? []).filter((t) => !t.grade).length
  const actions: BarAction[] = []
  if (v.canManage && v.status === 'deciding')
    actions.push({
      text: '公布评议结果',
      primary: true,
      loading: publish.pending,
      waitsFor: undecided > 0 ? `还有 ${undecided} 人未评定` : null,
      onClick: () =>
        void confirm('公布结果', '公布后党员可以看到自己的等次，不能再修改。确定公布吗？').then(
          (ok) => ok && void publish.run().then((r) => after(r, '结果已公布', onSaved)),
        ),
      testId: 'appraisal-publish',
    })
  if (v.canManage && v.status !== 'appraising') actions.push(exportAction)
  return (
    <>
      {v.status === 'appraising' ? <ClosePanel v={v} onSaved={onSaved} /> : null}
      {v.tallies ? (
        <Card
          title='互评统计与评定'
          extra={
            <Text className='zbv-member__meta'>
              优秀 {v.excellentCount}/{v.excellentMax}
            </Text>
          }
        >
          <Text className='zbv-row__sub'>
            等次由支部综合自我评价、互评和平时表现评定；学习积分、阅读时长不作为评定依据。
          </Text>
          {v.tallies.map((t) => (
            <DecideRow key={`${t.memberId}-${t.grade ?? ''}`} v={v} row={t} onSaved={onSaved} />
          ))}
        </Card>
      ) : null}
      {actions.length ? <ActionBar actions={actions} /> : null}
    </>
  )
}
