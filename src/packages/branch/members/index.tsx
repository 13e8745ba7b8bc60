import { Input } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { sessionPage } from '../../../components/SessionPage'
import { Empty, ErrorView, LoadingView, MoreButton } from '../../../ui'
import { useCursorList } from '../../../hooks/useCursorList'
import { ROUTES } from '../../../routes'
import { callFunction } from '../../../services/call'
import { STAGE_LABELS, STAGES, type Stage } from '../../../services/domain'
import type { Branch } from '../../../services/api'
import { day, go } from '../shared/ui'
import './index.scss'

interface Filters {
  branchId?: string
  stage?: Stage
  q?: string
}

/**
 * One member of the roster: a static WXML template of its own on weapp (compileMode) with as few elements as the
 * row needs, so a page of 20 stays far below WeChat's 1,000 nodes.
 */
function Row({ m, showBranch }: { m: Branch.MemberRow; showBranch: boolean }) {
  const sub = [m.studentNo, m.className || '—', showBranch ? m.branchName : ''].filter(Boolean).join(' · ')
  const date = m.stage === 'masses' ? '' : m.stageDate ? day(m.stageDate) : '日期未登记'
  return (
    <View
      compileMode
      className='zbb-row zbm-row'
      data-testid='member-row'
      onClick={() => go(`${ROUTES.branchMember}?id=${encodeURIComponent(m.id)}`)}
    >
      <Text className={`zbm-avatar zbm-avatar--${m.gender}`}>{m.name.slice(0, 1)}</Text>
      <View className='zbb-row__main'>
        <Text className='zbb-row__title'>
          {m.name}
          {m.roles.includes('secretary') ? <Text className='zbm-post'>书记</Text> : null}
          {m.bound ? null : <Text className='zbm-unbound'>未绑定</Text>}
        </Text>
        <Text className='zbb-row__sub'>{sub}</Text>
        {m.hint ? <Text className='zbm-hint'>{m.hint}</Text> : null}
      </View>
      <View className='zbb-row__side'>
        <Text className={`zbb-stage zbb-stage--${m.stage}`}>{m.stageLabel}</Text>
        {date ? <Text className='zbm-date'>{date}</Text> : null}
      </View>
    </View>
  )
}

function Roster({ committee }: { committee: boolean }) {
  const [filters, setFilters] = useState<Filters>({})
  const [query, setQuery] = useState('')
  const [first, setFirst] = useState<Branch.MembersResult | null>(null)
  // The first page also brings the counts and the branches the filters offer.
  const list = useCursorList(
    async (cursor) => {
      const res = await callFunction('branch', 'members', { ...filters, ...(cursor ? { cursor } : {}) })
      if (!res.ok) return res
      if (!cursor) setFirst(res.data)
      return { ok: true as const, data: { items: res.data.members, nextCursor: res.data.nextCursor } }
    },
    [filters],
  )
  const { items: rows, failure, loading } = list

  useDidShow(() => {
    // A stage move on the member page changes the list: refresh quietly when coming back.
    if (first) list.reload()
  })

  const search = (text: string) => setFilters((f) => ({ ...f, q: text.trim() || undefined }))
  if (failure && !first) return <ErrorView failure={failure} onRetry={list.reload} refusal='lock' />
  if (!first) return <LoadingView />
  const counts = first.counts ?? {}

  return (
    <View data-testid='branch-members'>
      <View className='zbm-top'>
        <Input
          className='zbm-search'
          placeholder='搜索姓名或学号'
          value={query}
          onChange={setQuery}
          onConfirm={() => search(query)}
          onBlur={() => search(query)}
          clearable
          onClear={() => search('')}
          confirmType='search'
          data-testid='member-search'
        />
        {committee ? (
          <View className='zbm-branches'>
            <Text
              className={`zbb-chip ${!filters.branchId ? 'zbb-chip--on' : ''}`}
              onClick={() => setFilters((f) => ({ ...f, branchId: undefined }))}
            >
              全部支部
            </Text>
            {first.branches.map((b) => (
              <Text
                key={b.id}
                className={`zbb-chip ${filters.branchId === b.id ? 'zbb-chip--on' : ''}`}
                onClick={() => setFilters((f) => ({ ...f, branchId: b.id }))}
              >
                {b.name}
              </Text>
            ))}
          </View>
        ) : null}
        <View className='zbb-chips'>
          <Text
            className={`zbb-chip ${!filters.stage ? 'zbb-chip--on' : ''}`}
            onClick={() => setFilters((f) => ({ ...f, stage: undefined }))}
            data-testid='stage-all'
          >
            {`全部 ${first.total ?? rows.length}`}
          </Text>
          {STAGES.filter((s) => counts[s]).map((s) => (
            <Text
              key={s}
              className={`zbb-chip ${filters.stage === s ? 'zbb-chip--on' : ''}`}
              onClick={() => setFilters((f) => ({ ...f, stage: s }))}
              data-testid={`stage-${s}`}
            >
              {`${STAGE_LABELS[s]} ${counts[s]}`}
            </Text>
          ))}
        </View>
        {!committee || filters.branchId ? (
          <Text
            className='zbm-codes'
            onClick={() =>
              go(
                filters.branchId
                  ? `${ROUTES.branchBindCodes}?branchId=${encodeURIComponent(filters.branchId)}`
                  : ROUTES.branchBindCodes,
              )
            }
            data-testid='open-bindcodes'
          >
            为未绑定的成员打印绑定码
          </Text>
        ) : null}
      </View>
      <View className='zbm-list'>
        {loading ? <Text className='zbm-loading'>正在加载…</Text> : null}
        {rows.length === 0 && !loading ? (
          <Empty bare testId='members-empty'>
            {filters.q ? `没有找到「${filters.q}」` : '这里还没有成员，请院党委导入名册'}
          </Empty>
        ) : null}
        {rows.map((m) => (
          <Row key={m.id} m={m} showBranch={committee && !filters.branchId} />
        ))}
        {!list.done ? (
          <MoreButton list={list} testId='members-more' />
        ) : rows.length > 0 ? (
          <Text className='zbm-end'>共 {rows.length} 人</Text>
        ) : null}
      </View>
    </View>
  )
}

export default sessionPage('page-branch-members', ({ profile }) => (
  <Roster committee={profile.roles.includes('committee')} />
))
