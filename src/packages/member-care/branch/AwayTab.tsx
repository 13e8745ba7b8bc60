import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { InlineSubmit } from '../../../components/ActionBar/InlineSubmit'
import { Card } from '../../../components/Card'
import { TextBox } from '../../../components/FormFields'
import { useQuery } from '../../../hooks/useCall'
import { useSubmit } from '../../../hooks/useSubmit'
import type { Res } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { dayLabel, momentLabel } from '../shared/ui'
import { Empty, Pill, QueryView } from '../../../ui'

type Away = Res<'member-care', 'awayList'>['away'][number]

function ContactForm({ away, onDone }: { away: Away; onDone: () => void }) {
  const [note, setNote] = useState('')
  const save = useSubmit(
    () => callFunction('member-care', 'recordContact', { awayId: away.id, note }),
    '已登记',
    onDone,
  )
  return (
    <View className='zbc-form'>
      <TextBox
        label='本次联系'
        placeholder='联系方式和情况，如：电话联系，实习顺利，提醒按时提交思想汇报'
        value={note}
        onChange={setNote}
        maxLength={300}
        testId='care-contact-note'
      />
      <InlineSubmit
        text='登记本次联系'
        pending={save.pending}
        waitsFor={note.trim().length < 2 ? '请写下联系方式和情况' : null}
        onClick={save.submit}
        testId='care-contact-save'
      />
    </View>
  )
}

function AwayRow({
  a,
  showBranch,
  months,
  onDone,
}: {
  a: Away
  showBranch: boolean
  months: number
  onDone: () => void
}) {
  const [open, setOpen] = useState(false)
  return (
    <View className='zbc-row' data-testid='care-away-row'>
      <View className='zbc-row__main'>
        <Text className='zbc-title'>
          {a.name}
          {showBranch ? ` · ${a.branchName}` : ''}
        </Text>
        <Text className='zbc-sub'>
          {a.kindLabel} · {a.place}
          {a.unit ? `（${a.unit}）` : ''}
        </Text>
        <Text className='zbc-sub'>
          {dayLabel(a.from)} 起，{a.monthsAway > 0 ? `已外出 ${a.monthsAway} 个月` : '外出不足 1 个月'}，预计{' '}
          {dayLabel(a.until)} 返校 · {a.contact}
        </Text>
        <Text className='zbc-sub'>上次联系 {momentLabel(a.lastContactAt)}</Text>
        {a.longAway ? (
          <Text className='zbc-alert'>
            外出时间已达或预计超过 {months} 个月：请考虑为其开具《流动党员活动证》，或办理组织关系转接。
          </Text>
        ) : null}
        {a.keepExpired ? <Text className='zbc-alert'>组织关系暂留学校的期限已到，请督促其转出组织关系。</Text> : null}
        {open ? (
          <ContactForm
            away={a}
            onDone={() => {
              setOpen(false)
              onDone()
            }}
          />
        ) : (
          <Text className='zbc-link' onClick={() => setOpen(true)} data-testid='care-record-contact'>
            登记联系情况
          </Text>
        )}
      </View>
      <Pill tone={a.overdue ? 'red' : 'green'}>{a.overdue ? '报到逾期' : '联系正常'}</Pill>
    </View>
  )
}

export function AwayTab({ committee }: { committee: boolean }) {
  const query = useQuery(() => callFunction('member-care', 'awayList', {}), [])
  const { reload } = query
  return (
    <QueryView query={query}>
      {(data) => (
        <Card
          title={data.scopeLabel}
          extra={
            <Text className='zbc-sub'>
              外出 {data.counts.away} 人 · 逾期 {data.counts.overdue} 人
            </Text>
          }
        >
          <Text className='zbc-sub'>
            外出党员每 {data.settings.contactIntervalMonths} 个月至少联系一次；逾期的成员会收到订阅消息提醒。
          </Text>
          {data.away.length === 0 ? (
            <Empty bare testId='care-away-empty'>
              目前没有外出的党员
            </Empty>
          ) : null}
          {data.away.map((a) => (
            <AwayRow key={a.id} a={a} showBranch={committee} months={data.settings.awayPromptMonths} onDone={reload} />
          ))}
        </Card>
      )}
    </QueryView>
  )
}
