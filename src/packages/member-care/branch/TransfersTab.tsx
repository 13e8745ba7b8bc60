import { Button, Input } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Card } from '../../../components/Card'
import { useAction, useQuery } from '../../../hooks/useCall'
import { ROUTES } from '../../../routes'
import { callFunction } from '../../../services/call'
import { toastSuccess } from '../../../services/feedback'
import { openLetter } from '../shared/letter'
import { TransferLines, transferTone, type Transfer } from '../shared/TransferCard'
import { go } from '../shared/ui'
import { Empty, MultiChips, Pill, QueryView } from '../../../ui'

/** The secretary's check: dues and files both confirmed before approving; a reason to return. */
function ReviewForm({ t, onDone }: { t: Transfer; onDone: () => void }) {
  const [checked, setChecked] = useState<('dues' | 'files')[]>([])
  const [dues, files] = [checked.includes('dues'), checked.includes('files')]
  const [note, setNote] = useState('')
  const approve = useAction(() =>
    callFunction('member-care', 'reviewTransfer', {
      transferId: t.id,
      approve: true,
      duesChecked: true,
      filesChecked: true,
      note,
    }),
  )
  const back = useAction(() =>
    callFunction('member-care', 'reviewTransfer', { transferId: t.id, approve: false, note }),
  )
  const done = (label: string) => (r: { ok: boolean }) => {
    if (!r.ok) return
    toastSuccess(label)
    onDone()
  }
  return (
    <View className='zbc-form' data-testid='care-review'>
      <MultiChips
        options={[
          ['dues', `已核对党费${t.duesPaidTo ? `（已交至 ${t.duesPaidTo.replace('-', '年')}月）` : ''}`],
          ['files', '已核对档案材料'],
        ]}
        value={checked}
        onChange={setChecked}
        testId='care-checks'
      />
      <Input
        className='zbc-input'
        placeholder='审核意见（退回时必填）'
        value={note}
        onChange={setNote}
        maxLength={200}
      />
      <View className='zbc-actions'>
        <Button
          type='primary'
          size='small'
          disabled={!dues || !files}
          loading={approve.pending}
          onClick={() => void approve.run().then(done('已同意'))}
          data-testid='care-approve'
        >
          同意转出
        </Button>
        <Button
          size='small'
          disabled={note.trim().length < 2}
          loading={back.pending}
          onClick={() => void back.run().then(done('已退回'))}
        >
          退回申请
        </Button>
      </View>
    </View>
  )
}

function TransferRow({ t, canIssue, onDone }: { t: Transfer; canIssue: boolean; onDone: () => void }) {
  const issue = useAction(() => callFunction('member-care', 'issueLetter', { transferId: t.id }))
  const canDo = canIssue && (t.status === 'approved' || t.letter?.lapsed === true)
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
        <View className='zbc-actions'>
          {canDo ? (
            <Button
              type='primary'
              size='small'
              loading={issue.pending}
              onClick={() =>
                void issue.run().then((r) => {
                  if (!r.ok) return
                  toastSuccess(`已开具 ${r.data.letter?.no ?? ''}`)
                  onDone()
                })
              }
              data-testid='care-issue-letter'
            >
              {t.letter?.lapsed ? '重新开具介绍信' : '开具介绍信'}
            </Button>
          ) : null}
          {t.letter ? (
            <Text className='zbc-link' onClick={() => void openLetter(t.id, 'pdf')}>
              查看介绍信
            </Text>
          ) : null}
          {t.status === 'completed' ? (
            <Text
              className='zbc-link'
              onClick={() => go(`${ROUTES.branchMember}?id=${encodeURIComponent(t.memberId)}`)}
            >
              查看党员档案
            </Text>
          ) : null}
        </View>
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
