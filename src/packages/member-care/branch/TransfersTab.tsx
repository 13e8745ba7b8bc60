import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ActionBar, type BarAction } from '../../../components/ActionBar'
import { Card } from '../../../components/Card'
import { TextLine } from '../../../components/FormFields'
import { useAction, useQuery } from '../../../hooks/useCall'
import { useSubmit } from '../../../hooks/useSubmit'
import { ROUTES } from '../../../routes'
import { callFunction } from '../../../services/call'
import { toastSuccess } from '../../../services/feedback'
import { openLetter } from '../shared/letter'
import { TransferLines, transferTone, type Transfer } from '../shared/TransferCard'
import { go } from '../shared/ui'
import { Empty, Field, MultiChips, Pill, QueryView } from '../../../ui'

/** The secretary's check: dues and files both confirmed before approving; a reason to return. */
function ReviewForm({ t, onDone }: { t: Transfer; onDone: () => void }) {
  const [checked, setChecked] = useState<('dues' | 'files')[]>([])
  const [dues, files] = [checked.includes('dues'), checked.includes('files')]
  const [note, setNote] = useState('')
  const approve = useSubmit(
    () =>
      callFunction('member-care', 'reviewTransfer', {
        transferId: t.id,
        approve: true,
        duesChecked: true,
        filesChecked: true,
        note,
      }),
    '已同意',
    onDone,
  )
  const back = useSubmit(
    () => callFunction('member-care', 'reviewTransfer', { transferId: t.id, approve: false, note }),
    '已退回',
    onDone,
  )
  return (
    <View className='zbc-form' data-testid='care-review'>
      <Field label='转出前核对'>
        <MultiChips
          options={[
            ['dues', `已核对党费${t.duesPaidTo ? `（已交至 ${t.duesPaidTo.replace('-', '年')}月）` : ''}`],
            ['files', '已核对档案材料'],
          ]}
          value={checked}
          onChange={setChecked}
          testId='care-checks'
        />
      </Field>
      <TextLine label='审核意见' placeholder='审核意见（退回时必填）' value={note} onChange={setNote} maxLength={200} />
      <ActionBar
        inline
        actions={[
          {
            text: '同意转出',
            primary: true,
            loading: approve.pending,
            waitsFor: !dues || !files ? '请先核对党费和档案材料' : null,
            onClick: approve.submit,
            testId: 'care-approve',
          },
          {
            text: '退回申请',
            loading: back.pending,
            waitsFor: note.trim().length < 2 ? '退回时请填写审核意见' : null,
            onClick: back.submit,
          },
        ]}
      />
    </View>
  )
}

/** The committee's letter (when it may issue one), the letter itself, and the member's file once done. */
function transferActions(t: Transfer, canDo: boolean, issuing: boolean, issueLetter: () => void): BarAction[] {
  const actions: BarAction[] = []
  if (canDo)
    actions.push({
      text: t.letter?.lapsed ? '重新开具介绍信' : '开具介绍信',
      primary: true,
      loading: issuing,
      onClick: issueLetter,
      testId: 'care-issue-letter',
    })
  if (t.letter) actions.push({ text: '查看介绍信', onClick: () => void openLetter(t.id, 'pdf') })
  if (t.status === 'completed')
    actions.push({
      text: '查看党员档案',
      onClick: () => go(`${ROUTES.branchMember}?id=${encodeURIComponent(t.memberId)}`),
    })
  return actions
}

function TransferRow({ t, canIssue, onDone }: { t: Transfer; canIssue: boolean; onDone: () => void }) {
  const issue = useAction(() => callFunction('member-care', 'issueLetter', { transferId: t.id }))
  const canDo = canIssue && (t.status === 'approved' || t.letter?.lapsed === true)
  const issueLetter = () =>
    void issue.run().then((r) => {
      if (!r.ok) return
      toastSuccess(`已开具 ${r.data.letter?.no ?? ''}`)
      onDone()
    })
  return (
    <View className='zbc-row' data-testid='care-transfer-row'>
      <View className='zbc-row__main'>
        <Text className='zbc-title'>
          {t.name} · {t.branchName}
        </Text>
        <View>
          <Pill tone={transferTone(t)}>{t.statusLabel}</Pill>
        </View>
        <TransferLines t={t} />
        {t.status === 'applied' && !canIssue ? <ReviewForm t={t} onDone={onDone} /> : null}
        <ActionBar inline actions={transferActions(t, canDo, issue.pending, issueLetter)} />
      </View>
    </View>
  )
}

export function TransfersTab() {
  const query = useQuery(() => callFunction('member-care', 'transfers', {}), [])
  const { reload } = query
  return (
    <QueryView query={query}>
      {(data) => (
        <>
          <Card title='办理中' extra={<Text className='zbc-sub'>{data.scopeLabel}</Text>}>
            {data.open.length === 0 ? <Empty bare>没有办理中的转接申请</Empty> : null}
            {data.open.map((t) => (
              <TransferRow key={t.id} t={t} canIssue={data.canIssue} onDone={reload} />
            ))}
          </Card>
          <Card title='介绍信已过期，未收到回执'>
            {data.lapsed.length === 0 ? <Empty bare>没有过期未回执的介绍信</Empty> : null}
            {data.lapsed.map((t) => (
              <TransferRow key={t.id} t={t} canIssue={data.canIssue} onDone={reload} />
            ))}
          </Card>
          <Card title='已转出（历史记录）'>
            {data.completed.length === 0 ? <Empty bare>还没有已转出的党员</Empty> : null}
            {data.completed.map((t) => (
              <TransferRow key={t.id} t={t} canIssue={false} onDone={reload} />
            ))}
          </Card>
        </>
      )}
    </QueryView>
  )
}
