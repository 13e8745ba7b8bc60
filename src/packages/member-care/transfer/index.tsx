import { Text } from '@tarojs/components'
import { useState } from 'react'
import { Card } from '../../../components/Card'
import { firstMissing, TextFields, type TextSpec } from '../../../components/FormFields'
import { sessionPage } from '../../../components/SessionPage'
import { callFunction } from '../../../services/call'
import { TRANSFER_REASON_LABELS, TRANSFER_REASONS, type TransferReason } from '../../../services/domain'
import { SubmitButton } from '../shared/ui'
import '../shared/care.scss'
import { Field, Segmented } from '../../../ui'

const REASONS = TRANSFER_REASONS.map((r) => [r, TRANSFER_REASON_LABELS[r]] as const)

const TEXTS: TextSpec<'destUnit' | 'destOrg' | 'nation' | 'idNumber' | 'note'>[] = [
  {
    key: 'destUnit',
    label: '去往单位',
    placeholder: '如：某某科技有限公司',
    maxLength: 60,
    testId: 'care-transfer-unit',
  },
  {
    key: 'destOrg',
    label: '接收党组织',
    placeholder: '如：中共某某科技有限公司委员会',
    maxLength: 60,
    testId: 'care-transfer-org',
  },
  { key: 'nation', label: '民族', placeholder: '如：汉', maxLength: 10 },
  { key: 'idNumber', label: '身份证号码', placeholder: '18 位身份证号码', maxLength: 18, testId: 'care-transfer-id' },
  { key: 'note', label: '补充说明（选填）', placeholder: '如：入职时间、接收单位联系人', maxLength: 200, box: true },
]

function TransferForm() {
  const [form, setForm] = useState({
    reason: 'graduation' as TransferReason,
    destUnit: '',
    destOrg: '',
    nation: '汉',
    idNumber: '',
    note: '',
  })
  const edit = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }))
  const { destUnit, destOrg, nation, idNumber } = form
  return (
    <Card>
      <Text className='zbc-text'>
        介绍信上的信息来自这份申请，请与接收单位核对接收党组织的全称。身份证号码只用于介绍信，不在名单中显示。
      </Text>
      <Field label='转出原因'>
        <Segmented
          options={REASONS}
          value={form.reason}
          onChange={(reason) => edit({ reason })}
          testId='care-transfer-reason'
        />
      </Field>
      <TextFields specs={TEXTS} values={form} onChange={edit} />
      <SubmitButton
        label='提交转接申请'
        done={() => '已提交'}
        waitsFor={firstMissing([
          [!destUnit.trim(), '请填写去往单位'],
          [!destOrg.trim(), '请填写接收党组织'],
          [!nation.trim(), '请填写民族'],
          [idNumber.trim().length !== 18, '请填写 18 位身份证号码'],
        ])}
        run={() => callFunction('member-care', 'applyTransfer', form)}
        testId='care-transfer-save'
      />
    </Card>
  )
}

export default sessionPage('page-care-transfer', TransferForm)
