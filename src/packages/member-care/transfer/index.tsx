import { Input, TextArea } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css'
import { Text } from '@tarojs/components'
import { useState } from 'react'
import { Card } from '../../../components/Card'
import { sessionPage } from '../../../components/SessionPage'
import type { Req } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { SubmitButton } from '../shared/ui'
import '../shared/care.scss'
import { Field, Segmented } from '../../../ui'

type Reason = Req<'member-care', 'applyTransfer'>['reason']

const REASONS: [Reason, string][] = [
  ['graduation', '毕业离校'],
  ['employment', '就业'],
  ['furtherStudy', '升学'],
  ['other', '其他'],
]

function TransferForm() {
  const [reason, setReason] = useState<Reason>('graduation')
  const [destUnit, setDestUnit] = useState('')
  const [destOrg, setDestOrg] = useState('')
  const [nation, setNation] = useState('汉')
  const [idNumber, setIdNumber] = useState('')
  const [note, setNote] = useState('')
  return (
    <Card>
      <Text className='zbc-text'>
        介绍信上的信息来自这份申请，请与接收单位核对接收党组织的全称。身份证号码只用于介绍信，不在名单中显示。
      </Text>
      <Field label='转出原因'>
        <Segmented options={REASONS} value={reason} onChange={setReason} testId='care-transfer-reason' />
      </Field>
      <Field label='去往单位'>
        <Input
          placeholder='如：某某科技有限公司'
          value={destUnit}
          onChange={setDestUnit}
          maxLength={60}
          data-testid='care-transfer-unit'
        />
      </Field>
      <Field label='接收党组织'>
        <Input
          placeholder='如：中共某某科技有限公司委员会'
          value={destOrg}
          onChange={setDestOrg}
          maxLength={60}
          data-testid='care-transfer-org'
        />
      </Field>
      <Field label='民族'>
        <Input placeholder='如：汉' value={nation} onChange={setNation} maxLength={10} />
      </Field>
      <Field label='身份证号码'>
        <Input
          placeholder='18 位身份证号码'
          value={idNumber}
          onChange={setIdNumber}
          maxLength={18}
          data-testid='care-transfer-id'
        />
      </Field>
      <Field label='补充说明（选填）'>
        <TextArea placeholder='如：入职时间、接收单位联系人' value={note} onChange={setNote} maxLength={200} />
      </Field>
      <SubmitButton
        label='提交转接申请'
        done={() => '已提交'}
        waitsFor={
          !destUnit.trim()
            ? '请填写去往单位'
            : !destOrg.trim()
              ? '请填写接收党组织'
              : !nation.trim()
                ? '请填写民族'
                : idNumber.trim().length !== 18
                  ? '请填写 18 位身份证号码'
                  : null
        }
        run={() => callFunction('member-care', 'applyTransfer', { reason, destUnit, destOrg, nation, idNumber, note })}
        testId='care-transfer-save'
      />
    </Card>
  )
}

export default sessionPage('page-care-transfer', TransferForm)
