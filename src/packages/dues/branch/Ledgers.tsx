import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Card } from '../../../components/Card'
import { QueryView } from '../../../ui'
import { useAction, useQuery } from '../../../hooks/useCall'
import { callFunction } from '../../../services/call'
import { DuesRow } from '../shared/DuesRow'
import { monthRange, yuan } from '../shared/format'

const EXEMPTION_STATUS = { pending: '待审批', approved: '已批准', refused: '未批准' } as const

/** Exemption requests: opened on demand (the page's first screen makes one call). */
export function Exemptions() {
  const query = useQuery(() => callFunction('dues', 'exemptions', {}), [])
  const { reload } = query
  const decide = useAction((exemptionId: string, approve: boolean) =>
    callFunction('dues', 'decideExemption', { exemptionId, approve }),
  )
  return (
    <QueryView query={query}>
      {(data) => {
        if (data.items.length === 0) return <Text className='zb-dues__sub'>没有免交或减交申请</Text>
        return (
          <>
            {data.items.map((e) => (
              <DuesRow
                key={e.id}
                title={`${e.memberName} · ${e.kind === 'exempt' ? '免交' : `减交为每月 ${yuan(e.monthlyFen)} 元`}`}
                sub={`${monthRange(e.fromMonth, e.toMonth)} · ${e.reason}`}
              >
                {e.canDecide ? (
                  <View className='zb-dues__stepper'>
                    <Button
                      size='small'
                      type='primary'
                      onClick={() => void decide.run(e.id, true).then(() => reload())}
                    >
                      批准
                    </Button>
                    <Button size='small' onClick={() => void decide.run(e.id, false).then(() => reload())}>
                      不批准
                    </Button>
                  </View>
                ) : (
                  <Text className='zb-dues__pill'>{EXEMPTION_STATUS[e.status]}</Text>
                )}
              </DuesRow>
            ))}
          </>
        )
      }}
    </QueryView>
  )
}

/** The daily comparison with WeChat Pay's bill (committee), opened on demand. */
export function Reconciliation() {
  const query = useQuery(() => callFunction('dues', 'reconciliation', {}), [])
  return (
    <QueryView query={query}>
      {(data) => {
        if (data.days.length === 0) return <Text className='zb-dues__sub'>尚无对账记录（每天 10:00 后核对前一日）</Text>
        return (
          <>
            {data.days.map((d) => (
              <View key={d.day} className='zb-dues__row'>
                <View className='zb-dues__main'>
                  <Text className='zb-dues__title'>
                    {d.day} · 微信账单 {d.billCount} 笔 {yuan(d.billTotalFen)} 元
                  </Text>
                  {d.mismatches.map((m) => (
                    <Text key={`${m.outTradeNo}-${m.problem}`} className='zb-dues__sub'>
                      {m.outTradeNo}：{m.problem}
                    </Text>
                  ))}
                </View>
                <Text
                  className={`zb-dues__pill ${d.mismatches.length > 0 ? 'zb-dues__pill--warn' : 'zb-dues__pill--paid'}`}
                >
                  {d.mismatches.length > 0 ? `${d.mismatches.length} 笔不符` : '一致'}
                </Text>
              </View>
            ))}
          </>
        )
      }}
    </QueryView>
  )
}

export function Expandable({ title, children }: { title: string; children: () => JSX.Element }) {
  const [open, setOpen] = useState(false)
  return (
    <Card
      title={title}
      extra={
        <Text className='zb-dues__sub' onClick={() => setOpen(!open)}>
          {open ? '收起' : '查看'}
        </Text>
      }
    >
      {open ? children() : null}
    </Card>
  )
}
