import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Card } from '../../../components/Card'
import { sessionPage } from '../../../components/SessionPage'
import { QueryView } from '../../../ui'
import { useAction, useQuery } from '../../../hooks/useCall'
import { ROUTES } from '../../../routes'
import { callFunction } from '../../../services/call'
import { toastFailure, toastSuccess } from '../../../services/feedback'
import { requestPayment } from '../../../services/pay'
import { DuesStats } from '../shared/DuesStats'
import { yuan } from '../shared/format'
import { askForDuesReminder } from '../shared/subscribe'
import '../shared/dues.scss'
import { payable, MonthList, Proxies } from './MonthList'
import { useParams } from '../../../hooks/useParams'

async function waitUntilSettled(outTradeNo: string): Promise<string> {
  // The payment result reaches the server by WeChat's notification, usually within a second.
  for (let i = 0; i < 6; i++) {
    const r = await callFunction('dues', 'orderStatus', { outTradeNo })
    if (r.ok && r.data.state !== 'pending') return r.data.state
    await new Promise((resolve) => setTimeout(resolve, 800))
  }
  return 'pending'
}

function PayDues() {
  const forMemberId = useParams().for
  const query = useQuery(() => callFunction('dues', 'home', forMemberId ? { forMemberId } : {}), [forMemberId])
  const { reload } = query
  const [count, setCount] = useState(0)
  const [paying, setPaying] = useState(false)
  const cancel = useAction((outTradeNo: string) => callFunction('dues', 'cancelOrder', { outTradeNo }))
  return (
    <QueryView query={query}>
      {(data) => {
        if (!data.liable) {
          return (
            <>
              <Text className='zb-dues__intro'>
                党费由党员（含预备党员）交纳。{data.forMember ? `${data.forMember.name}目前` : '你目前'}为
                {data.stageLabel}
                ，无需交纳党费。
              </Text>
              <Proxies home={data} />
            </>
          )
        }
        const open = data.months.filter(payable)
        const max = Math.min(open.length, data.maxMonthsPerPayment)
        const chosen = open.slice(0, Math.min(count, max))
        const total = chosen.reduce((s, m) => s + m.amountFen, 0)

        const pay = async (): Promise<void> => {
          setPaying(true)
          try {
            await askForDuesReminder()
            const months = chosen.map((m) => m.month)
            const start = await callFunction('dues', 'pay', forMemberId ? { months, forMemberId } : { months })
            if (!start.ok) return toastFailure(start)
            const outcome = await requestPayment(start.data.payment)
            if (outcome.kind === 'paid') {
              const state = await waitUntilSettled(start.data.outTradeNo)
              if (state === 'paid') toastSuccess('交纳成功')
              else
                void Taro.showToast({
                  title: state === 'refunded' ? '所选月份已交纳，款项将原路退回' : '支付结果确认中，请稍后刷新',
                  icon: 'none',
                  duration: 2500,
                })
            } else {
              // Closed without paying: close the order so the months can be chosen again.
              await callFunction('dues', 'cancelOrder', { outTradeNo: start.data.outTradeNo })
              if (outcome.kind === 'failed')
                void Taro.showToast({ title: outcome.message, icon: 'none', duration: 2500 })
            }
            setCount(0)
            reload()
          } finally {
            setPaying(false)
          }
        }

        return (
          <>
            {data.forMember ? (
              <Text className='zb-dues__intro'>为 {data.forMember.name} 代缴党费（经支部书记同意）</Text>
            ) : null}
            <Card>
              <DuesStats
                stats={[
                  { value: yuan(data.monthlyFen), label: '每月党费（元）' },
                  { value: data.behind, label: '欠交月数', alert: data.behind >= 3, testId: 'dues-behind' },
                  { value: yuan(data.paidThisYearFen), label: '本年已交（元）' },
                ]}
              />
              <Text className='zb-dues__sub'>
                {data.rateLabel}。{data.quarterly ? '本支部按季度交纳，可交至本季度末。' : '按月交纳，不能预交。'}
                一次最多交纳 {data.maxMonthsPerPayment} 个月。
              </Text>
              {data.behind >= 3 ? (
                <Text className='zb-dues__alert' data-testid='dues-warning'>
                  你已 {data.behind}{' '}
                  个月未交纳党费。党员连续六个月不交纳党费又无正当理由的，按自行脱党处理，请尽快补交。
                </Text>
              ) : null}
              {data.pendingOrder ? (
                <View className='zb-dues__bar'>
                  <Text className='zb-dues__total'>有一笔待支付订单：{yuan(data.pendingOrder.totalFee)} 元</Text>
                  <Button
                    size='small'
                    loading={cancel.pending}
                    onClick={() => void cancel.run(data.pendingOrder?.outTradeNo ?? '').then(() => reload())}
                  >
                    取消订单
                  </Button>
                </View>
              ) : null}
            </Card>
            <MonthList home={data} count={Math.min(count, max)} onChoose={(n) => setCount(Math.min(n, max))} />
            <Proxies home={data} />
            {open.length > 0 && !data.pendingOrder ? (
              <View className='zb-dues__paybox'>
                <Text className='zb-dues__total' data-testid='dues-total'>
                  {chosen.length > 0
                    ? `已选 ${chosen.length} 个月，合计 ${yuan(total)} 元`
                    : '点选月份（从最早未交的月份起）'}
                </Text>
                {chosen.length > 0 && data.payEnabled ? (
                  <Button
                    type='primary'
                    block
                    size='large'
                    loading={paying}
                    onClick={() => void pay()}
                    data-testid='dues-pay'
                  >
                    微信支付
                  </Button>
                ) : null}
              </View>
            ) : null}
            {!data.payEnabled ? (
              <Text className='zb-dues__intro'>学院尚未开通微信支付，请向支部书记交纳现金并索取收据。</Text>
            ) : null}
            <Text
              className='zb-dues__intro'
              onClick={() => void Taro.navigateTo({ url: ROUTES.duesStatement })}
              data-testid='dues-to-statement'
            >
              查看党费收缴使用公开 ›
            </Text>
          </>
        )
      }}
    </QueryView>
  )
}

export default sessionPage('page-dues-pay', PayDues)
