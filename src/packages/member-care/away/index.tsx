import { Text } from '@tarojs/components'
import { useState } from 'react'
import { Card } from '../../../components/Card'
import { firstMissing, TextFields, type TextSpec } from '../../../components/FormFields'
import { sessionPage } from '../../../components/SessionPage'
import type { Req } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { chinaTime } from '../../../utils/time'
import { DayField, SubmitButton, today } from '../shared/ui'
import '../shared/care.scss'
import { Field, Segmented } from '../../../ui'

type Kind = Req<'member-care', 'registerAway'>['kind']

const KINDS: [Kind, string][] = [
  ['internship', '外出实习'],
  ['exchange', '交流学习'],
  ['abroad', '出国（境）学习'],
  ['jobHunting', '外出求职'],
  ['graduated', '毕业未落实单位'],
  ['other', '其他'],
]

const TEXTS: TextSpec<'place' | 'unit' | 'contact'>[] = [
  { key: 'place', label: '外出地点', placeholder: '如：广东省深圳市南山区', maxLength: 50, testId: 'care-away-place' },
  { key: 'unit', label: '所在单位或学校（选填）', placeholder: '如：实习单位名称', maxLength: 50 },
  { key: 'contact', label: '联系方式', placeholder: '手机号或微信号', maxLength: 50, testId: 'care-away-contact' },
]

function AwayForm() {
  const [form, setForm] = useState({
    kind: 'internship' as Kind,
    place: '',
    unit: '',
    from: today(),
    until: chinaTime().add(3, 'month').format('YYYY-MM-DD'),
    contact: '',
  })
  const edit = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }))
  const { kind, from, until } = form
  return (
    <Card>
      <Text className='zbc-text'>
        外出前登记去向和联系方式。外出期间请按时向支部报到，线上参加组织生活、提交思想汇报。
      </Text>
      <Field label='外出类型'>
        <Segmented options={KINDS} value={kind} onChange={(kind) => edit({ kind })} testId='care-away-kind' />
        {kind === 'graduated' ? (
          <Text className='zbc-sub'>毕业时尚未落实工作单位的，组织关系可暂留学校，期间仍需定期报到。</Text>
        ) : null}
      </Field>
      <TextFields specs={TEXTS.slice(0, 2)} values={form} onChange={edit} />
      <DayField
        label='外出日期'
        value={from}
        onChange={(from) => edit({ from })}
        start={chinaTime().subtract(1, 'month').format('YYYY-MM-DD')}
      />
      <DayField label='预计返校日期' value={until} onChange={(until) => edit({ until })} start={from} />
      <TextFields specs={TEXTS.slice(2)} values={form} onChange={edit} />
      <SubmitButton
        label='提交外出登记'
        done={() => '已登记'}
        waitsFor={firstMissing([
          [!form.place.trim(), '请填写外出地点'],
          [!form.contact.trim(), '请填写联系方式'],
        ])}
        run={() => callFunction('member-care', 'registerAway', form)}
        testId='care-away-save'
      />
    </Card>
  )
}

export default sessionPage('page-care-away', AwayForm)
