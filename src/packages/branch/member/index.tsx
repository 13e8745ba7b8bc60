import { Button, TextArea } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css'
import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useCallback, useRef, useState } from 'react'
import { Card } from '../../../components/Card'
import { Page } from '../../../components/Page'
import { SessionGate } from '../../../components/SessionGate'
import { LoadingView } from '../../../components/StateViews'
import { useAction, useQuery } from '../../../hooks/useCall'
import { ROUTES } from '../../../routes'
import { callFunction } from '../../../services/call'
import { EventList, StepList } from '../shared/Timeline'
import type { BindCodeLine, MemberDetail } from '../shared/types'
import { day, FailureView, go, percent, Pill, StageTag } from '../shared/ui'
import { useParams } from '../../../hooks/useParams'
import './index.scss'

function stageUrl(memberId: string, mode: string, extra = ''): string {
  return `${ROUTES.branchStage}?id=${encodeURIComponent(memberId)}&mode=${mode}${extra}`
}

function NextCard({ d }: { d: MemberDetail }) {
  const { next, facts } = d
  const id = d.member.id
  const lines: string[] = []
  if (facts.assessment?.nextDue) lines.push(`${facts.assessment.overdue ? '考察已逾期' : '下次考察'}：${day(facts.assessment.nextDue)}（已考察 ${facts.assessment.count} 次）`)
  if (facts.probation?.ends) lines.push(`预备期至 ${day(facts.probation.ends)} 期满${facts.probation.extendedMonths ? `（已延长 ${facts.probation.extendedMonths} 个月）` : ''}，转正申请约 ${day(facts.probation.applicationDue)}`)
  if (d.member.stage === 'candidate') lines.push(`审阅通过的思想汇报 ${facts.approvedReports} 篇（须至少 ${d.rules.reportsBeforeAdmission} 篇）`)
  return (
    <Card title='下一步' extra={next ? <Text className='zbmd-next'>{next.toLabel}</Text> : null}>
      {next ? (
        next.blockers.length === 0 ? (
          <Text className='zbb-ok' data-testid='next-ok'>
            符合发展程序的要求{next.eligibleOn ? `（${day(next.eligibleOn)} 起可办理）` : ''}，可由支部研究后办理。
          </Text>
        ) : (
          <View className='zbb-alert' data-testid='next-blockers'>
            {next.blockers.map((b) => (
              <Text key={b} className='zbmd-blocker'>
                {b}
              </Text>
            ))}
          </View>
        )
      ) : (
        <Text className='zbmd-line'>已是正式党员。</Text>
      )}
      {lines.map((l) => (
        <Text key={l} className='zbmd-line'>
          {l}
        </Text>
      ))}
      <View className='zbmd-ops'>
        <Button type='primary' size='small' onClick={() => go(`${ROUTES.developmentFile}?id=${encodeURIComponent(id)}`)} data-testid='open-development-file'>
          发展纪实（25 步）
        </Button>
        {next ? (
          <Button type='primary' size='small' onClick={() => go(stageUrl(id, 'advance'))} data-testid='move-next'>
            {next.to === 'applicant' ? '登记入党申请' : `转为${next.toLabel}`}
          </Button>
        ) : null}
        {d.member.stage === 'activist' ? (
          <Button size='small' fill='outline' type='primary' onClick={() => go(stageUrl(id, 'assess'))} data-testid='record-assess'>
            登记考察
          </Button>
        ) : null}
        {d.member.stage === 'probationary' ? (
          <Button size='small' fill='outline' type='primary' onClick={() => go(stageUrl(id, 'extend'))} data-testid='record-extend'>
            延长预备期
          </Button>
        ) : null}
      </View>
    </Card>
  )
}

/** The WeChat binding: issue or reissue the binding code, or unbind (with a reason) so the owner can bind again. */
function BindingCard({ d, onChanged }: { d: MemberDetail; onChanged: () => void }) {
  const b = d.binding
  const memberId = d.member.id
  const [issued, setIssued] = useState<BindCodeLine | null>(null)
  const [unbinding, setUnbinding] = useState(false)
  const [reason, setReason] = useState('')
  const issue = useCallback(() => callFunction('branch', 'issueBindCode', { memberId }), [memberId])
  const release = useCallback((why: string) => callFunction('branch', 'unbind', { memberId, reason: why }), [memberId])
  const issuing = useAction(issue)
  const releasing = useAction(release)

  const doIssue = async () => {
    const res = await issuing.run()
    if (!res.ok) return
    setIssued(res.data)
    onChanged()
  }
  const doUnbind = async () => {
    const res = await releasing.run(reason.trim())
    if (!res.ok) return
    setIssued(res.data)
    setUnbinding(false)
    setReason('')
    onChanged()
  }

  const state = b.bound
    ? `已绑定微信${b.boundAt ? `（${day(b.boundAt.slice(0, 10))}）` : ''}`
    : b.codeExpiresAt
      ? b.codeExpired
        ? `尚未绑定微信，绑定码已于 ${day(b.codeExpiresAt.slice(0, 10))} 过期`
        : `尚未绑定微信，已发放绑定码（${day(b.codeExpiresAt.slice(0, 10))} 前有效）`
      : '尚未绑定微信，还没有发放绑定码'
  return (
    <Card title='微信绑定'>
      <Text className='zbmd-line' data-testid='binding-state'>
        {state}
      </Text>
      {issued ? (
        <View className='zbmd-code' data-testid='issued-code'>
          <Text className='zbmd-code__label'>{issued.name}的绑定码</Text>
          <Text className='zbmd-code__value' data-testid='issued-code-value'>
            {issued.code}
          </Text>
          <Text className='zbmd-code__note'>{day(issued.expiresAt.slice(0, 10))} 前有效，用过一次即失效。请当面或私信交给本人；离开本页后不再显示。</Text>
        </View>
      ) : null}
      {unbinding ? (
        <View className='zbmd-unbind' data-testid='unbind-form'>
          <Text className='zbmd-line'>解除后，当前绑定的微信立即无法再以{d.member.name}的身份使用支部通；系统会发放新的绑定码，请交给本人重新绑定。</Text>
          <TextArea value={reason} onChange={setReason} placeholder='解除原因，如：本人更换了微信、绑定被他人冒用' maxLength={100} autoSize data-testid='unbind-reason' />
          <View className='zbmd-ops'>
            <Button size='small' type='primary' loading={releasing.pending} disabled={reason.trim().length < 2} onClick={() => void doUnbind()} data-testid='unbind-confirm'>
              确认解除
            </Button>
            <Button size='small' fill='outline' onClick={() => setUnbinding(false)}>
              取消
            </Button>
          </View>
        </View>
      ) : (
        <View className='zbmd-ops'>
          {!b.bound ? (
            <Button size='small' type='primary' fill='outline' loading={issuing.pending} onClick={() => void doIssue()} data-testid='issue-code'>
              {b.codeExpiresAt ? '重新发放绑定码' : '发放绑定码'}
            </Button>
          ) : null}
          {b.canUnbind ? (
            <Button size='small' fill='outline' onClick={() => setUnbinding(true)} data-testid='unbind'>
              解除绑定
            </Button>
          ) : null}
        </View>
      )}
    </Card>
  )
}

function Detail({ memberId }: { memberId: string }) {
  const load = useCallback(() => callFunction('branch', 'member', { memberId }), [memberId])
  const { data, failure, reload } = useQuery(load, [memberId])
  const shown = useRef(false)
  useDidShow(() => {
    // Coming back from the stage form: show what was just recorded.
    if (shown.current) reload()
    shown.current = true
  })
  if (!data) return failure ? <FailureView failure={failure} onRetry={reload} /> : <LoadingView />
  const m = data.member
  const a = data.attendance
  return (
    <View data-testid='branch-member'>
      <View className='zbmd-head'>
        <View className={`zbmd-avatar zbmd-avatar--${data.gender}`}>
          <Text>{m.name.slice(0, 1)}</Text>
        </View>
        <View className='zbmd-head__info'>
          <View className='zbmd-head__row'>
            <Text className='zbmd-name' data-testid='member-name'>
              {m.name}
            </Text>
            <StageTag stage={m.stage} label={m.stageLabel} />
          </View>
          <Text className='zbmd-sub'>
            {m.studentNo} · {m.className || '—'} · {data.gender === 'male' ? '男' : '女'}
          </Text>
          <Text className='zbmd-sub'>
            {m.branchName}
            {data.roles.includes('secretary') ? ' · 支部书记' : data.branchPost ? ` · ${data.branchPost}` : ''} · {data.bound ? '已绑定微信' : '尚未绑定微信'}
          </Text>
        </View>
      </View>
      <View className='zbb-lift'>
        <NextCard d={data} />
      </View>
      <Card title='发展时间线'>
        <StepList
          steps={data.steps}
          onCorrect={(s, mode) => go(stageUrl(m.id, mode, `&step=${s.stage}`))}
        />
      </Card>
      <Card title='发展记录' extra={<Text className='zbmd-count'>{data.events.length} 条</Text>}>
        <EventList events={data.events} onCorrect={(e, mode) => go(stageUrl(m.id, mode, `&eventId=${encodeURIComponent(e.id)}`))} />
      </Card>
      <BindingCard d={data} onChanged={reload} />
      <Card title='思想汇报' extra={<Text className='zbmd-count'>{data.reports.length} 篇</Text>}>
        {data.overdueReports.length ? (
          <Text className='zbb-alert' data-testid='member-overdue'>
            逾期未交：{data.overdueReports.join('、')}
          </Text>
        ) : null}
        {data.reports.length === 0 ? <Text className='zbmd-line'>还没有提交过思想汇报。</Text> : null}
        {data.reports.slice(0, 8).map((r) => (
          <View key={r.id} className='zbb-row' onClick={() => go(`${ROUTES.reviewDetail}?id=${encodeURIComponent(r.id)}`)}>
            <View className='zbb-row__main'>
              <Text className='zbb-row__title'>{r.title}</Text>
              <Text className='zbb-row__sub'>{r.periodLabel}</Text>
            </View>
            <Pill tone={r.status === 'approved' ? 'green' : r.status === 'returned' ? 'red' : 'amber'}>{r.statusLabel}</Pill>
          </View>
        ))}
        {data.reports.some((r) => r.status === 'approved') ? (
          <Text className='zbb-more' onClick={() => go(`${ROUTES.branchArchive}?id=${encodeURIComponent(m.id)}`)} data-testid='open-archive'>
            打印汇报存档
          </Text>
        ) : null}
      </Card>
      <Card title='组织生活（近一年）' extra={<Text className='zbmd-count'>出勤率 {percent(a.rate)}</Text>}>
        <View className='zbmd-stats'>
          <View className='zbmd-stat'>
            <Text className='zbmd-stat__n'>{a.present}</Text>
            <Text className='zbmd-stat__l'>出席</Text>
          </View>
          <View className='zbmd-stat'>
            <Text className='zbmd-stat__n'>{a.leave}</Text>
            <Text className='zbmd-stat__l'>请假</Text>
          </View>
          <View className='zbmd-stat'>
            <Text className={`zbmd-stat__n ${a.absent ? 'zbmd-stat__n--bad' : ''}`}>{a.absent}</Text>
            <Text className='zbmd-stat__l'>缺席</Text>
          </View>
          <View className='zbmd-stat'>
            <Text className='zbmd-stat__n'>{data.points.total}</Text>
            <Text className='zbmd-stat__l'>学习积分</Text>
          </View>
        </View>
        {a.lines.slice(0, 5).map((l) => (
          <View key={l.meetingId} className='zbb-row'>
            <View className='zbb-row__main'>
              <Text className='zbb-row__title'>{l.title}</Text>
              <Text className='zbb-row__sub'>
                {l.typeLabel} · {day(l.startAt.slice(0, 10))}
              </Text>
            </View>
            <Pill tone={l.status === 'present' ? 'green' : l.status === 'leave' ? 'amber' : 'red'}>{l.statusLabel}</Pill>
          </View>
        ))}
        {a.lines.length === 0 ? <Text className='zbmd-line'>近一年没有需要参加的会议记录。</Text> : null}
      </Card>
    </View>
  )
}

export default function BranchMemberPage() {
  const id = useParams().id ?? ''
  return (
    <Page testId='page-branch-member'>
      <SessionGate>{() => <Detail memberId={id} />}</SessionGate>
    </Page>
  )
}
