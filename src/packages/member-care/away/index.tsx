import { Input } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import { Text } from '@tarojs/components'
import { useState } from 'react'
import { Card } from '../../../components/Card'
import { sessionPage } from '../../../components/SessionPage'
import type { Req } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { chinaTime } from '../../../utils/time'
import { DayPicker, SubmitButton, today } from '../shared/ui'
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

function AwayForm() {
  const [kind, setKind] = useState<Kind>('internship')
  const [place, setPlace] = useState('')
  const [unit, setUnit] = useState('')
  const [from, setFrom] = useState(today())
  const [until, setUntil] = useState(chinaTime().add(3, 'month').format('YYYY-MM-DD'))
  const [contact, setContact] = useState('')
  return (
    <Card>
      <Text className='zbc-text'>
        外出前登记去向和联系方式。外出期间请按时向支部报到，线上参加组织生活、提交思想汇报。
      </Text>
      <Field label='外出类型'>
        <Segmented options={KINDS} value={kind} onChange={setKind} testId='care-away-kind' />
        {kind === 'graduated' ? (
          <Text className='zbc-sub'>毕业时尚未落实工作单位的，组织关系可暂留学校，期间仍需定期报到。</Text>
        ) : null}
      </Field>
      <Field label='外出地点'>
        <Input
          placeholder='如：广东省深圳市南山区'
          value={place}
          onChange={setPlace}
          maxLength={50}
          data-testid='care-away-place'
        />
      </Field>
      <Field label='所在单位或学校（选填）'>
        <Input placeholder='如：实习单位名称' value={unit} onChange={setUnit} maxLength={50} />
      </Field>
      <Field label='外出日期'>
        <DayPicker value={from} onChange={setFrom} start={chinaTime().subtract(1, 'month').format('YYYY-MM-DD')} />
      </Field>
      <Field label='预计返校日期'>
        <DayPicker value={until} onChange={setUntil} start={from} />
      </Field>
      <Field label='联系方式'>
        <Input
          placeholder='手机号或微信号'
          value={contact}
          onChange={setContact}
          maxLength={50}
          data-testid='care-away-contact'
        />
      </Field>
      <SubmitButton
        label='提交外出登记'
        done={() => '已登记'}
        waitsFor={!place.trim() ? '请填写外出地点' : !contact.trim() ? '请填写联系方式' : null}
        run={() => callFunction('member-care', 'registerAway', { kind, place, unit, from, until, contact })}
        testId='care-away-save'
      />
    </Card>
  )
}

export default sessionPage('page-care-away', AwayForm)
