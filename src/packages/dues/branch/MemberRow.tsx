import { Text, View } from '@tarojs/components'
import type { BranchRow } from '../../../services/api'
import { DuesRow } from '../shared/DuesRow'
import { monthLabel, yuan } from '../shared/format'
import { CashForm, ExemptionForm, ProxyForm } from './MemberForms'

export function MemberRow({
  row,
  open,
  onOpen,
  onSaved,
}: {
  row: BranchRow
  open: boolean
  onOpen: () => void
  onSaved: () => void
}) {
  const paid = row.lastPaidMonth ? `已交至${monthLabel(row.lastPaidMonth)}` : '尚未交纳'
  return (
    <View data-testid='dues-member'>
      <DuesRow
        title={row.name}
        sub={`${row.className} · ${row.stageLabel} · 每月 ${yuan(row.monthlyFen)} 元 · ${paid}`}
        onClick={onOpen}
      >
        {row.behind > 0 ? (
          <Text className={`zb-dues__pill ${row.warning > 0 ? 'zb-dues__pill--warn' : 'zb-dues__pill--pending'}`}>
            {row.warning > 0 ? `预警 · ` : ''}欠 {row.behind} 个月
          </Text>
        ) : (
          <Text className='zb-dues__pill zb-dues__pill--paid'>无欠交</Text>
        )}
      </DuesRow>
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
