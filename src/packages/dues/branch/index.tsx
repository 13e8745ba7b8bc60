import { Button, Input } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Card } from '../../../components/Card'
import { Page } from '../../../components/Page'
import { SessionGate } from '../../../components/SessionGate'
import { ErrorView, LoadingView } from '../../../components/StateViews'
import { useAction, useQuery } from '../../../hooks/useCall'
import type { BranchDues, BranchRow } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { toastSuccess } from '../../../services/feedback'
import { openDownload } from '../../../services/pick-file'
import { monthLabel, yuan } from '../shared/format'
import '../shared/dues.scss'

/** 登记现金: the oldest `n` unpaid months, with the receipt number the secretary wrote. */
function CashForm({ row, onDone }: { row: BranchRow; onDone: () => void }) {
  const [n, setN] = useState(1)
  const [receiptNo, setReceiptNo] = useState('')
  const max = Math.min(6, row.owedMonths.length)
  const months = row.owedMonths.slice(0, n)
  const save = useAction(() => callFunction('dues', 'recordCash', { memberId: row.memberId, months, receiptNo }))
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
        {monthLabel(months[0] ?? '')}
        {months.length > 1 ? ` 至 ${monthLabel(months[months.length - 1] ?? '')}` : ''}，合计 {yuan(row.monthlyFen * months.length)} 元（以系统计算为准）
      </Text>
      <Input className='zb-dues__input' placeholder='收据编号' value={receiptNo} onChange={setReceiptNo} maxLength={30} data-testid='dues-receipt' />
      <Button
        type='primary'
        loading={save.pending}
        disabled={receiptNo.trim() === ''}
        onClick={() =>
          void save.run().then((r) => {
            if (!r.ok) return
            toastSuccess('已登记')
            onDone()
          })
        }
        data-testid='dues-cash-save'
      >
        登记现金交纳
      </Button>
    </View>
  )
}

/** 免交或减交: asked here for the member's unpaid months, decided by the committee. */
function ExemptionForm({ row, onDone }: { row: BranchRow; onDone: () => void }) {
  const [kind, setKind] = useState<'exempt' | 'reduce'>('exempt')
  const [reduced, setReduced] = useState('')
  const [reason, setReason] = useState('')
  const from = row.owedMonths[0] ?? ''
  const to = row.owedMonths[row.owedMonths.length - 1] ?? ''
  const monthlyFen = kind === 'reduce' ? Math.round(Number(reduced) * 100) : 0
  const ask = useAction(() => callFunction('dues', 'requestExemption', { memberId: row.memberId, kind, monthlyFen, fromMonth: from, toMonth: to, reason }))
  return (
    <View className='zb-dues__form'>
      <View className='zb-dues__tabs'>
        {(['exempt', 'reduce'] as const).map((k) => (
          <Text key={k} className={`zb-dues__tab ${k === kind ? 'zb-dues__tab--on' : ''}`} onClick={() => setKind(k)}>
            {k === 'exempt' ? '申请免交' : '申请减交'}
          </Text>
        ))}
      </View>
      <Text className='zb-dues__sub'>
        期间：{monthLabel(from)}
        {to !== from ? ` 至 ${monthLabel(to)}` : ''}（未交月份），由院党委审批
      </Text>
      {kind === 'reduce' ? <Input className='zb-dues__input' type='digit' placeholder='减交后每月（元）' value={reduced} onChange={setReduced} /> : null}
      <Input className='zb-dues__input' placeholder='理由（如家庭经济困难，经支部大会讨论）' value={reason} onChange={setReason} maxLength={200} />
      <Button
        loading={ask.pending}
        disabled={reason.trim().length < 2 || (kind === 'reduce' && !(monthlyFen > 0))}
        onClick={() =>
          void ask.run().then((r) => {
            if (!r.ok) return
            toastSuccess('已提交')
            onDone()
          })
        }
      >
        提交申请
      </Button>
    </View>
  )
}

/** 代缴: another member (by student number) may pay this member's dues, e.g. while the member is away. */
function ProxyForm({ row, onDone }: { row: BranchRow; onDone: () => void }) {
  const [payerStudentNo, setPayerStudentNo] = useState('')
  const [reason, setReason] = useState('')
  const grant = useAction(() => callFunction('dues', 'authorizeProxy', { memberId: row.memberId, payerStudentNo, reason }))
  return (
    <View className='zb-dues__form'>
      <Text className='zb-dues__field'>委托代缴</Text>
      <Input className='zb-dues__input' placeholder='代缴人学号' value={payerStudentNo} onChange={setPayerStudentNo} maxLength={20} />
      <Input className='zb-dues__input' placeholder='代缴事由（如外出实习）' value={reason} onChange={setReason} maxLength={100} />
      <Button
        disabled={payerStudentNo.trim() === '' || reason.trim().length < 2}
        loading={grant.pending}
        onClick={() =>
          void grant.run().then((r) => {
            if (!r.ok) return
            toastSuccess(`已同意${r.data.payerName}代缴`)
            onDone()
          })
        }
      >
        同意代缴
      </Button>
    </View>
  )
}

function MemberRow({ row, open, onOpen, onSaved }: { row: BranchRow; open: boolean; onOpen: () => void; onSaved: () => void }) {
  return (
    <View data-testid='dues-member'>
      <View className='zb-dues__row' onClick={onOpen}>
        <View className='zb-dues__main'>
          <Text className='zb-dues__title'>{row.name}</Text>
          <Text className='zb-dues__sub'>
            {row.className} · {row.stageLabel} · 每月 {yuan(row.monthlyFen)} 元 · {row.lastPaidMonth ? `已交至${monthLabel(row.lastPaidMonth)}` : '尚未交纳'}
          </Text>
        </View>
        {row.behind > 0 ? (
          <Text className={`zb-dues__pill ${row.warning > 0 ? 'zb-dues__pill--warn' : 'zb-dues__pill--pending'}`}>
            {row.warning > 0 ? `预警 · ` : ''}欠 {row.behind} 个月
          </Text>
        ) : (
          <Text className='zb-dues__pill zb-dues__pill--paid'>无欠交</Text>
        )}
      </View>
      {open && row.owedMonths.length > 0 ? (
        <>
          <CashForm row={row} onDone={onSaved} />
          <ExemptionForm row={row} onDone={onSaved} />
          <ProxyForm row={row} onDone={onSaved} />
        </>
      ) : null}
    </View>
  )
}

const EXEMPTION_STATUS = { pending: '待审批', approved: '已批准', refused: '未批准' } as const

/** Exemption requests: opened on demand (the page's first screen makes one call). */
function Exemptions() {
  const { data, failure, loading, reload } = useQuery(() => callFunction('dues', 'exemptions', {}), [])
  const decide = useAction((exemptionId: string, approve: boolean) => callFunction('dues', 'decideExemption', { exemptionId, approve }))
  if (failure) return <ErrorView failure={failure} onRetry={reload} />
  if (loading || !data) return <LoadingView />
  if (data.items.length === 0) return <Text className='zb-dues__sub'>没有免交或减交申请</Text>
  return (
    <>
      {data.items.map((e) => (
        <View key={e.id} className='zb-dues__row'>
          <View className='zb-dues__main'>
            <Text className='zb-dues__title'>
              {e.memberName} · {e.kind === 'exempt' ? '免交' : `减交为每月 ${yuan(e.monthlyFen)} 元`}
            </Text>
            <Text className='zb-dues__sub'>
              {monthLabel(e.fromMonth)}
              {e.toMonth !== e.fromMonth ? ` 至 ${monthLabel(e.toMonth)}` : ''} · {e.reason}
            </Text>
          </View>
          {e.canDecide ? (
            <View className='zb-dues__stepper'>
              <Button size='small' type='primary' onClick={() => void decide.run(e.id, true).then(() => reload())}>
                批准
              </Button>
              <Button size='small' onClick={() => void decide.run(e.id, false).then(() => reload())}>
                不批准
              </Button>
            </View>
          ) : (
            <Text className='zb-dues__pill'>{EXEMPTION_STATUS[e.status]}</Text>
          )}
        </View>
      ))}
    </>
  )
}

/** The daily comparison with WeChat Pay's bill (committee), opened on demand. */
function Reconciliation() {
  const { data, failure, loading, reload } = useQuery(() => callFunction('dues', 'reconciliation', {}), [])
  if (failure) return <ErrorView failure={failure} onRetry={reload} />
  if (loading || !data) return <LoadingView />
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
          <Text className={`zb-dues__pill ${d.mismatches.length > 0 ? 'zb-dues__pill--warn' : 'zb-dues__pill--paid'}`}>{d.mismatches.length > 0 ? `${d.mismatches.length} 笔不符` : '一致'}</Text>
        </View>
      ))}
    </>
  )
}

function Expandable({ title, children }: { title: string; children: () => JSX.Element }) {
  const [open, setOpen] = useState(false)
  return (
    <Card title={title} extra={<Text className='zb-dues__sub' onClick={() => setOpen(!open)}>{open ? '收起' : '查看'}</Text>}>
      {open ? children() : null}
    </Card>
  )
}

function BranchView({ data, onBranch, reload }: { data: BranchDues; onBranch: (id: string) => void; reload: () => void }) {
  const [openId, setOpenId] = useState<string | null>(null)
  const exporting = useAction(() => callFunction('dues', 'exportBranch', { branchId: data.branchId, year: data.year }))
  const warned = data.rows.filter((r) => r.warning > 0)
  const months = data.monthly.filter((m) => m.payments > 0)
  return (
    <>
      {data.branches.length > 1 ? (
        <View className='zb-dues__tabs'>
          {data.branches.map((b) => (
            <Text key={b.id} className={`zb-dues__tab ${b.id === data.branchId ? 'zb-dues__tab--on' : ''}`} onClick={() => onBranch(b.id)}>
              {b.name}
            </Text>
          ))}
        </View>
      ) : null}
      <Card title={data.branchName}>
        <View className='zb-dues__summary'>
          <View className='zb-dues__stat'>
            <Text className='zb-dues__num'>{yuan(data.yearTotalFen)}</Text>
            <Text className='zb-dues__label'>{data.year}年已收（元）</Text>
          </View>
          <View className='zb-dues__stat'>
            <Text className='zb-dues__num'>{data.rows.filter((r) => r.behind > 0).length}</Text>
            <Text className='zb-dues__label'>欠交人数</Text>
          </View>
          <View className='zb-dues__stat'>
            <Text className={`zb-dues__num ${warned.length > 0 ? 'zb-dues__num--red' : ''}`} data-testid='dues-warned'>{warned.length}</Text>
            <Text className='zb-dues__label'>预警人数</Text>
          </View>
        </View>
        {warned.length > 0 ? (
          <Text className='zb-dues__alert' data-testid='dues-warning-list'>
            预警：{warned.map((r) => `${r.name}（${r.behind} 个月未交）`).join('、')}。连续六个月不交纳党费又无正当理由的，按自行脱党处理，请及时谈话提醒。
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
  const { data, failure, loading, reload } = useQuery(() => callFunction('dues', 'branch', branchId ? { branchId } : {}), [branchId])
  if (failure) return <ErrorView failure={failure} onRetry={reload} />
  if (loading || !data) return <LoadingView />
  return <BranchView data={data} onBranch={setBranchId} reload={reload} />
}

export default function DuesBranchPage() {
  return (
    <Page testId='page-dues-branch'>
      <SessionGate>{() => <BranchDuesPage />}</SessionGate>
    </Page>
  )
}
