import { Button, Input } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import { Picker, Text, View } from '@tarojs/components'
import { chinaTime } from '../../../utils/time'
import { useState } from 'react'
import { sessionPage } from '../../../components/SessionPage'
import { Empty, MoreButton, Pending } from '../../../ui'
import { useCursorList } from '../../../hooks/useCursorList'
import { callFunction } from '../../../services/call'
import type { Branch } from '../../../services/api'
import '../shared/branch.scss'
import './index.scss'

interface Filters {
  actor?: string
  target?: string
  operation?: string
  from?: string
  to?: string
}

/** The free-text filters: the name or 学号 of who acted, and of whom it was about. */
const TEXT_FILTERS = [
  { key: 'actor', placeholder: '操作人：姓名或学号' },
  { key: 'target', placeholder: '对象：姓名或学号' },
] as const

/** One audit entry: its own static WXML template on weapp (compileMode), so a page stays far below 1,000 nodes. */
function Entry({ e }: { e: Branch.AuditEntry }) {
  const who = `操作人：${e.actorName}${e.targetName ? `\u3000对象：${e.targetName}` : ''}`
  return (
    <View compileMode className='zba-entry' data-testid='audit-entry'>
      <View className='zba-entry__head'>
        <Text className='zba-entry__action'>{e.actionLabel}</Text>
        <Text className='zba-entry__time'>{chinaTime(e.at).format('YYYY-MM-DD HH:mm')}</Text>
      </View>
      {e.summary ? <Text className='zba-entry__summary'>{e.summary}</Text> : null}
      <Text className='zba-entry__who'>{who}</Text>
    </View>
  )
}

function DateField({ label, value, onChange }: { label: string; value?: string; onChange: (v?: string) => void }) {
  return (
    <View className='zba-date-wrap'>
      <Picker
        mode='date'
        value={value ?? chinaTime().format('YYYY-MM-DD')}
        end={chinaTime().format('YYYY-MM-DD')}
        onChange={(ev) => onChange(String(ev.detail.value))}
      >
        <View className={`zbb-picker zba-date ${value ? '' : 'zbb-picker--empty'}`}>
          <Text>{value ?? label}</Text>
          {value ? (
            <Text
              className='zba-clear'
              onClick={(ev) => {
                ev.stopPropagation()
                onChange(undefined)
              }}
            >
              ×
            </Text>
          ) : null}
        </View>
      </Picker>
    </View>
  )
}

function AuditLog() {
  const [draft, setDraft] = useState<Filters>({})
  const [filters, setFilters] = useState<Filters>({})
  // Every page also brings the operations the filter offers and a notice about the range searched.
  const [result, setResult] = useState<Branch.AuditLogResult | null>(null)
  const list = useCursorList(
    async (cursor) => {
      const res = await callFunction('branch', 'auditLog', { ...filters, ...(cursor ? { cursor } : {}) })
      if (!res.ok) return res
      setResult(res.data)
      return { ok: true as const, data: { items: res.data.entries, nextCursor: res.data.nextCursor } }
    },
    [filters],
  )
  const { items: entries, failure } = list

  if (!result) return <Pending failure={failure} onRetry={list.reload} refusal='lock' />
  const actions = result.actions
  const actionIndex = Math.max(0, actions.findIndex((a) => a.action === draft.operation) + 1)

  return (
    <View data-testid='audit-log'>
      <View className='zba-filters'>
        <View className='zba-filters__row'>
          {TEXT_FILTERS.map((f) => (
            <Input
              key={f.key}
              className='zba-input'
              placeholder={f.placeholder}
              value={draft[f.key] ?? ''}
              onChange={(v) => setDraft((d) => ({ ...d, [f.key]: v || undefined }))}
              data-testid={`audit-${f.key}`}
            />
          ))}
        </View>
        <Picker
          mode='selector'
          range={['全部操作', ...actions.map((a) => a.label)]}
          value={actionIndex}
          onChange={(ev) =>
            setDraft((d) => ({
              ...d,
              operation: Number(ev.detail.value) === 0 ? undefined : actions[Number(ev.detail.value) - 1].action,
            }))
          }
        >
          <View className='zbb-picker zba-op' data-testid='audit-operation'>
            {actionIndex === 0 ? '全部操作' : actions[actionIndex - 1].label}
          </View>
        </Picker>
        <View className='zba-filters__row'>
          <DateField label='开始日期' value={draft.from} onChange={(v) => setDraft((d) => ({ ...d, from: v }))} />
          <Text className='zba-to'>至</Text>
          <DateField label='结束日期' value={draft.to} onChange={(v) => setDraft((d) => ({ ...d, to: v }))} />
        </View>
        <View className='zba-filters__ops zb-touch-buttons'>
          <Button
            size='small'
            onClick={() => {
              setDraft({})
              setFilters({})
            }}
          >
            清空
          </Button>
          <Button
            size='small'
            type='primary'
            loading={list.loading && entries.length === 0}
            onClick={() => setFilters({ ...draft })}
            data-testid='audit-search'
          >
            查询
          </Button>
        </View>
      </View>
      {failure ? <Text className='zbb-alert zba-msg'>{failure.message}</Text> : null}
      {result.notice ? <Text className='zbb-alert zba-msg'>{result.notice}</Text> : null}
      <View className='zba-list'>
        {entries.length === 0 ? (
          <Empty bare testId='audit-empty'>
            没有符合条件的记录
          </Empty>
        ) : (
          entries.map((e) => <Entry key={e.id} e={e} />)
        )}
        {list.done || failure ? null : <MoreButton list={list} testId='audit-more' />}
      </View>
    </View>
  )
}

export default sessionPage('page-branch-audit', AuditLog, {
  only: { role: 'committee', refused: '审计日志仅院党委可以查看。' },
})
