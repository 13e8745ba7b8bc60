import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { useSubmit } from '../../../hooks/useSubmit'
import type { BranchRow } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { monthRange, yuan } from '../shared/format'
import { DuesLine } from '../shared/DuesLine'
import { DuesTabs } from '../shared/DuesTabs'
import { SaveButton } from '../shared/SaveButton'

/** 登记现金: the oldest `n` unpaid months, with the receipt number the secretary wrote. */
export function CashForm({ row, onDone }: { row: BranchRow; onDone: () => void }) {
  const [n, setN] = useState(1)
  const [receiptNo, setReceiptNo] = useState('')
  const max = Math.min(6, row.owedMonths.length)
  const months = row.owedMonths.slice(0, n)
  const save = useSubmit(
    () => callFunction('dues', 'recordCash', { memberId: row.memberId, months, receiptNo }),
    '已登记',
    onDone,
  )
  return (
    <View className='zb-dues__form' data-testid='dues-cash-form'>
      <View className='zb-dues__stepper'>
        <Text className='zb-dues__field'>交纳月数</Text>
        <Button size='small' disabled={n <= 1} onClick={() => setN(n - 1)}>
          －
        </Button>
        <Text className='zb-dues__title'>{n}</Text>
        <Button size='small' disabled={n >= max} onClick={() => setN(n + 1)}>
          ＋
        </Button>
      </View>
      <Text className='zb-dues__sub'>
        {monthRange(months[0] ?? '', months[months.length - 1] ?? '')}，合计 {yuan(row.monthlyFen * months.length)}{' '}
        元（以系统计算为准）
      </Text>
      <DuesLine placeholder='收据编号' value={receiptNo} onChange={setReceiptNo} maxLength={30} testId='dues-receipt' />
      <SaveButton primary text='登记现金交纳' form={save} disabled={receiptNo.trim() === ''} testId='dues-cash-save' />
    </View>
  )
}

/** 免交或减交: asked here for the member's unpaid months, decided by the committee. */
export function ExemptionForm({ row, onDone }: { row: BranchRow; onDone: () => void }) {
  const [kind, setKind] = useState<'exempt' | 'reduce'>('exempt')
  const [reduced, setReduced] = useState('')
  const [reason, setReason] = useState('')
  const from = row.owedMonths[0] ?? ''
  const to = row.owedMonths[row.owedMonths.length - 1] ?? ''
  const monthlyFen = kind === 'reduce' ? Math.round(Number(reduced) * 100) : 0
  const ask = useSubmit(
    () =>
      callFunction('dues', 'requestExemption', {
        memberId: row.memberId,
        kind,
        monthlyFen,
        fromMonth: from,
        toMonth: to,
        reason,
      }),
    '已提交',
    onDone,
  )
  return (
    <View className='zb-dues__form'>
      <DuesTabs
        tabs={[
          ['exempt', '申请免交'],
          ['reduce', '申请减交'],
        ]}
        value={kind}
        onChange={setKind}
      />
      <Text className='zb-dues__sub'>期间：{monthRange(from, to)}（未交月份），由院党委审批</Text>
      {kind === 'reduce' ? (
        <DuesLine type='digit' placeholder='减交后每月（元）' value={reduced} onChange={setReduced} />
      ) : null}
      <DuesLine
        placeholder='理由（如家庭经济困难，经支部大会讨论）'
        value={reason}
        onChange={setReason}
        maxLength={200}
      />
      <SaveButton
        text='提交申请'
        form={ask}
        disabled={reason.trim().length < 2 || (kind === 'reduce' && !(monthlyFen > 0))}
      />
    </View>
  )
}

/** 代缴: another member (by student number) may pay this member's dues, e.g. while the member is away. */
export function ProxyForm({ row, onDone }: { row: BranchRow; onDone: () => void }) {
  const [payerStudentNo, setPayerStudentNo] = useState('')
  const [reason, setReason] = useState('')
  const grant = useSubmit(
    () => callFunction('dues', 'authorizeProxy', { memberId: row.memberId, payerStudentNo, reason }),
    (r) => `已同意${r.payerName}代缴`,
    onDone,
  )
  return (
    <View className='zb-dues__form'>
      <Text className='zb-dues__field'>委托代缴</Text>
      <DuesLine placeholder='代缴人学号' value={payerStudentNo} onChange={setPayerStudentNo} maxLength={20} />
      <DuesLine placeholder='代缴事由（如外出实习）' value={reason} onChange={setReason} maxLength={100} />
      <SaveButton text='同意代缴' form={grant} disabled={payerStudentNo.trim() === '' || reason.trim().length < 2} />
    </View>
  )
}
