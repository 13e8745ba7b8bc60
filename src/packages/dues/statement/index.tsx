import { Button, Input } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import { Text, View } from '@tarojs/components'
import { chinaTime } from '../../../utils/time'
import { useState } from 'react'
import { Card } from '../../../components/Card'
import { sessionPage } from '../../../components/SessionPage'
import { QueryView } from '../../../ui'
import { useAction, useQuery } from '../../../hooks/useCall'
import type { Statement } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { toastSuccess } from '../../../services/feedback'
import { yuan } from '../shared/format'
import '../shared/dues.scss'

const QUARTERS = [undefined, 1, 2, 3, 4] as const

/** 登记使用 (committee): what the dues paid for, to whom it is charged, how much. */
function UseForm({ branches, onDone }: { branches: Statement['branches']; onDone: () => void }) {
  const [branchId, setBranchId] = useState<string | null>(null)
  const [amount, setAmount] = useState('')
  const [note, setNote] = useState('')
  const fen = Math.round(Number(amount) * 100)
  const save = useAction(() =>
    callFunction('dues', 'recordUse', {
      branchId,
      day: chinaTime().format('YYYY-MM-DD'),
      amountFen: fen,
      note,
      attachment: null,
    }),
  )
  return (
    <Card title='登记党费使用'>
      <View className='zb-dues__form'>
        <View className='zb-dues__tabs'>
          {[{ id: null, name: '院党委' }, ...branches].map((b) => (
            <Text
              key={b.id ?? 'college'}
              className={`zb-dues__tab ${b.id === branchId ? 'zb-dues__tab--on' : ''}`}
              onClick={() => setBranchId(b.id)}
            >
              {b.name}
            </Text>
          ))}
        </View>
        <Input
          className='zb-dues__input'
          type='digit'
          placeholder='金额（元）'
          value={amount}
          onChange={setAmount}
          data-testid='dues-use-amount'
        />
        <Input
          className='zb-dues__input'
          placeholder='用途说明'
          value={note}
          onChange={setNote}
          maxLength={200}
          data-testid='dues-use-note'
        />
        <Button
          type='primary'
          loading={save.pending}
          disabled={!(fen > 0) || note.trim().length < 2}
          onClick={() =>
            void save.run().then((r) => {
              if (!r.ok) return
              toastSuccess('已登记')
              setAmount('')
              setNote('')
              onDone()
            })
          }
          data-testid='dues-use-save'
        >
          登记
        </Button>
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
        {[thisYear - 1, thisYear].map((y) => (
          <Text key={y} className={`zb-dues__tab ${y === year ? 'zb-dues__tab--on' : ''}`} onClick={() => setYear(y)}>
            {y}年
          </Text>
        ))}
        {QUARTERS.map((q) => (
          <Text
            key={q ?? 0}
            className={`zb-dues__tab ${q === quarter ? 'zb-dues__tab--on' : ''}`}
            onClick={() => setQuarter(q)}
          >
            {q ? `第${q}季度` : '全年'}
          </Text>
        ))}
      </View>
      <QueryView query={query} keepWhileLoading={false}>
        {(data) => (
          <>
            <Card title={data.title}>
              <View className='zb-dues__summary'>
                <View className='zb-dues__stat'>
                  <Text className='zb-dues__num' data-testid='dues-received'>
                    {yuan(data.total.receivedFen)}
                  </Text>
                  <Text className='zb-dues__label'>收缴（元）</Text>
                </View>
                <View className='zb-dues__stat'>
                  <Text className='zb-dues__num'>{yuan(data.total.usedFen)}</Text>
                  <Text className='zb-dues__label'>使用（元）</Text>
                </View>
                <View className='zb-dues__stat'>
                  <Text className='zb-dues__num'>{data.total.payments}</Text>
                  <Text className='zb-dues__label'>交纳笔数（人·月）</Text>
                </View>
              </View>
              {data.lines.map((l) => (
                <View key={l.branchId ?? 'college'} className='zb-dues__row' data-testid='dues-statement-line'>
                  <View className='zb-dues__main'>
                    <Text className='zb-dues__title'>{l.name}</Text>
                    <Text className='zb-dues__sub'>收缴 {l.payments} 笔</Text>
                  </View>
                  <Text className='zb-dues__amount'>收 {yuan(l.receivedFen)}</Text>
                  <Text className='zb-dues__amount'>用 {yuan(l.usedFen)}</Text>
                </View>
              ))}
            </Card>
            <Card title='使用明细'>
              {data.uses.length === 0 ? <Text className='zb-dues__sub'>本期没有使用记录</Text> : null}
              {data.uses.map((u, i) => (
                <View key={i} className='zb-dues__row'>
                  <View className='zb-dues__main'>
                    <Text className='zb-dues__title'>{u.note}</Text>
                    <Text className='zb-dues__sub'>
                      {u.day} · {u.branchName}
                    </Text>
                  </View>
                  <Text className='zb-dues__amount'>{yuan(u.amountFen)} 元</Text>
                </View>
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
