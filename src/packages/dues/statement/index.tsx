import { Text, View } from '@tarojs/components'
import { chinaTime } from '../../../utils/time'
import { useState } from 'react'
import { Card } from '../../../components/Card'
import { sessionPage } from '../../../components/SessionPage'
import { QueryView } from '../../../ui'
import { useQuery } from '../../../hooks/useCall'
import { useSubmit } from '../../../hooks/useSubmit'
import type { Statement } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { yuan } from '../shared/format'
import { DuesLine } from '../shared/DuesLine'
import { DuesRow } from '../shared/DuesRow'
import { DuesStats } from '../shared/DuesStats'
import { DuesTabs } from '../shared/DuesTabs'
import { SaveButton } from '../shared/SaveButton'
import '../shared/dues.scss'

const QUARTERS = [undefined, 1, 2, 3, 4] as const

/** 登记使用 (committee): what the dues paid for, to whom it is charged, how much. */
function UseForm({ branches, onDone }: { branches: Statement['branches']; onDone: () => void }) {
  const [branchId, setBranchId] = useState<string | null>(null)
  const [amount, setAmount] = useState('')
  const [note, setNote] = useState('')
  const fen = Math.round(Number(amount) * 100)
  const save = useSubmit(
    () =>
      callFunction('dues', 'recordUse', {
        branchId,
        day: chinaTime().format('YYYY-MM-DD'),
        amountFen: fen,
        note,
        attachment: null,
      }),
    '已登记',
    () => {
      setAmount('')
      setNote('')
      onDone()
    },
  )
  return (
    <Card title='登记党费使用'>
      <View className='zb-dues__form'>
        <DuesTabs
          tabs={[[null, '院党委'] as const, ...branches.map((b) => [b.id, b.name] as const)]}
          value={branchId}
          onChange={setBranchId}
        />
        <DuesLine type='digit' placeholder='金额（元）' value={amount} onChange={setAmount} testId='dues-use-amount' />
        <DuesLine placeholder='用途说明' value={note} onChange={setNote} maxLength={200} testId='dues-use-note' />
        <SaveButton
          primary
          text='登记'
          form={save}
          disabled={!(fen > 0) || note.trim().length < 2}
          testId='dues-use-save'
        />
      </View>
    </Card>
  )
}

function StatementView() {
  const thisYear = chinaTime().year()
  const [year, setYear] = useState(thisYear)
  const [quarter, setQuarter] = useState<number | undefined>(undefined)
  const query = useQuery(
    () => callFunction('dues', 'statement', quarter ? { year, quarter } : { year }),
    [year, quarter],
  )
  return (
    <>
      <View className='zb-dues__tabs'>
        <DuesTabs
          bare
          tabs={[thisYear - 1, thisYear].map((y) => [y, `${y}年`] as const)}
          value={year}
          onChange={setYear}
        />
        <DuesTabs
          bare
          tabs={QUARTERS.map((q) => [q, q ? `第${q}季度` : '全年'] as const)}
          value={quarter}
          onChange={setQuarter}
        />
      </View>
      <QueryView query={query} keepWhileLoading={false}>
        {(data) => (
          <>
            <Card title={data.title}>
              <DuesStats
                stats={[
                  { value: yuan(data.total.receivedFen), label: '收缴（元）', testId: 'dues-received' },
                  { value: yuan(data.total.usedFen), label: '使用（元）' },
                  { value: data.total.payments, label: '交纳笔数（人·月）' },
                ]}
              />
              {data.lines.map((l) => (
                <DuesRow
                  key={l.branchId ?? 'college'}
                  title={l.name}
                  sub={`收缴 ${l.payments} 笔`}
                  testId='dues-statement-line'
                >
                  <Text className='zb-dues__amount'>收 {yuan(l.receivedFen)}</Text>
                  <Text className='zb-dues__amount'>用 {yuan(l.usedFen)}</Text>
                </DuesRow>
              ))}
            </Card>
            <Card title='使用明细'>
              {data.uses.length === 0 ? <Text className='zb-dues__sub'>本期没有使用记录</Text> : null}
              {data.uses.map((u, i) => (
                <DuesRow key={i} title={u.note} sub={`${u.day} · ${u.branchName}`}>
                  <Text className='zb-dues__amount'>{yuan(u.amountFen)} 元</Text>
                </DuesRow>
              ))}
            </Card>
            {data.canRecordUse ? <UseForm branches={data.branches} onDone={query.reload} /> : null}
            <Text className='zb-dues__intro'>
              党费收缴、使用情况每年至少向党员公布一次。金额以元为单位，收缴按款项到账月份统计。
            </Text>
          </>
        )}
      </QueryView>
    </>
  )
}

export default sessionPage('page-dues-statement', StatementView)
