import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Card } from '../../../components/Card'
import { withQuery } from '../../../hooks/useParams'
import { ROUTES } from '../../../routes'
import type { DuesHome, MonthRow } from '../../../services/api'
import { yuan } from '../shared/format'
import '../shared/dues.scss'

export const STATUS_LABELS: Record<MonthRow['status'], string> = {
  paid: '已交',
  owed: '未交',
  exempt: '免交',
  pending: '待支付',
  ahead: '本季可交',
}

export function payable(m: MonthRow): boolean {
  return m.status === 'owed' || m.status === 'ahead'
}

/** Months are paid oldest first: choosing a month chooses every unpaid month before it. */
export function MonthList({ home, count, onChoose }: { home: DuesHome; count: number; onChoose: (n: number) => void }) {
  const open = home.months.filter(payable)
  const rows = [...home.months].reverse()
  return (
    <Card title='交纳记录' extra={<Text className='zb-dues__sub'>每月 {yuan(home.monthlyFen)} 元</Text>}>
      {rows.map((m) => {
        const index = open.findIndex((o) => o.month === m.month)
        const chosen = index >= 0 && index < count
        return (
          <View
            key={m.month}
            className={`zb-dues__row ${chosen ? 'zb-dues__row--on' : ''}`}
            data-testid='dues-month'
            onClick={index >= 0 ? () => onChoose(chosen && index === count - 1 ? index : index + 1) : undefined}
          >
            {index >= 0 ? <View className={`zb-dues__check ${chosen ? 'zb-dues__check--on' : ''}`} /> : null}
            <View className='zb-dues__main'>
              <Text className='zb-dues__title'>{m.label}</Text>
              {m.paidAt ? (
                <Text className='zb-dues__sub'>{m.method === 'cash' ? '现金交纳（支部登记）' : '微信支付'}</Text>
              ) : null}
            </View>
            <Text className='zb-dues__amount'>{yuan(m.amountFen)} 元</Text>
            <Text className={`zb-dues__pill zb-dues__pill--${m.status}`}>{STATUS_LABELS[m.status]}</Text>
          </View>
        )
      })}
    </Card>
  )
}

/** Members the caller was authorised to pay for (代缴). */
export function Proxies({ home }: { home: DuesHome }) {
  if (home.forMember || home.proxies.length === 0) return null
  return (
    <Card title='代缴'>
      {home.proxies.map((p) => (
        <View
          key={p.memberId}
          className='zb-dues__row'
          onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.duesPay, { for: p.memberId }) })}
          data-testid='dues-proxy'
        >
          <Text className='zb-dues__main zb-dues__title'>为{p.name}代缴党费</Text>
          <Text className='zb-dues__sub'>经支部书记同意 ›</Text>
        </View>
      ))}
    </Card>
  )
}
