import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Card } from '../../../components/Card'
import { sessionPage } from '../../../components/SessionPage'
import { QueryView } from '../../../ui'
import { useAction, useQuery } from '../../../hooks/useCall'
import type { BranchDues } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { openDownload } from '../../../services/pick-file'
import { DuesTabs } from '../shared/DuesTabs'
import { DuesStats } from '../shared/DuesStats'
import { yuan } from '../shared/format'
import '../shared/dues.scss'
import { MemberRow } from './MemberRow'
import { Exemptions, Expandable, Reconciliation } from './Ledgers'

function BranchView({
  data,
  onBranch,
  reload,
}: {
  data: BranchDues
  onBranch: (id: string) => void
  reload: () => void
}) {
  const [openId, setOpenId] = useState<string | null>(null)
  const exporting = useAction(() => callFunction('dues', 'exportBranch', { branchId: data.branchId, year: data.year }))
  const warned = data.rows.filter((r) => r.warning > 0)
  const months = data.monthly.filter((m) => m.payments > 0)
  return (
    <>
      {data.branches.length > 1 ? (
        <DuesTabs tabs={data.branches.map((b) => [b.id, b.name] as const)} value={data.branchId} onChange={onBranch} />
      ) : null}
      <Card title={data.branchName}>
        <DuesStats
          stats={[
            { value: yuan(data.yearTotalFen), label: `${data.year}年已收（元）` },
            { value: data.rows.filter((r) => r.behind > 0).length, label: '欠交人数' },
            { value: warned.length, label: '预警人数', alert: warned.length > 0, testId: 'dues-warned' },
          ]}
        />
        {warned.length > 0 ? (
          <Text className='zb-dues__alert' data-testid='dues-warning-list'>
            预警：{warned.map((r) => `${r.name}（${r.behind} 个月未交）`).join('、')}
            。连续六个月不交纳党费又无正当理由的，按自行脱党处理，请及时谈话提醒。
          </Text>
        ) : null}
      </Card>
      <Card title='党员交纳情况' extra={<Text className='zb-dues__sub'>点姓名登记现金</Text>}>
        {data.rows.map((r) => (
          <MemberRow
            key={r.memberId}
            row={r}
            open={openId === r.memberId}
            onOpen={() => setOpenId(openId === r.memberId ? null : r.memberId)}
            onSaved={() => {
              setOpenId(null)
              reload()
            }}
          />
        ))}
      </Card>
      <Card title='按月收缴'>
        {months.length === 0 ? <Text className='zb-dues__sub'>本年尚无收缴</Text> : null}
        {months.map((m) => (
          <View key={m.month} className='zb-dues__row'>
            <Text className='zb-dues__main zb-dues__title'>{m.label}</Text>
            <Text className='zb-dues__sub'>{m.payments} 笔</Text>
            <Text className='zb-dues__amount'>{yuan(m.fen)} 元</Text>
          </View>
        ))}
      </Card>
      <Expandable title='免交与减交'>{() => <Exemptions />}</Expandable>
      {data.canReconcile ? <Expandable title='微信支付对账'>{() => <Reconciliation />}</Expandable> : null}
      <View className='zb-dues__bar zb-touch-buttons'>
        <Button
          block
          loading={exporting.pending}
          onClick={() =>
            void exporting.run().then((r) => {
              if (r.ok) void openDownload(r.data.url, r.data.fileName)
            })
          }
          data-testid='dues-export'
        >
          导出 Excel
        </Button>
      </View>
    </>
  )
}

function BranchDuesPage() {
  const [branchId, setBranchId] = useState<string | undefined>(undefined)
  const query = useQuery(() => callFunction('dues', 'branch', branchId ? { branchId } : {}), [branchId])
  const { reload } = query
  return (
    <QueryView query={query} keepWhileLoading={false}>
      {(data) => <BranchView data={data} onBranch={setBranchId} reload={reload} />}
    </QueryView>
  )
}

export default sessionPage('page-dues-branch', BranchDuesPage)
