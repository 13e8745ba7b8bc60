import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { Text, View } from '@tarojs/components'
import { useCallback, useState } from 'react'
import { Card } from '../../../components/Card'
import { TextBox } from '../../../components/FormFields'
import { useAction } from '../../../hooks/useCall'
import { ROUTES } from '../../../routes'
import { callFunction } from '../../../services/call'
import type { Branch } from '../../../services/api'
import { day, go } from '../shared/ui'

export function stageUrl(memberId: string, mode: string, extra = ''): string {
  return `${ROUTES.branchStage}?id=${encodeURIComponent(memberId)}&mode=${mode}${extra}`
}

/** What the secretary records for a member at this stage, besides moving them on: an assessment or an extension. */
const RECORDS: Partial<Record<Branch.MemberDetail['member']['stage'], { mode: string; label: string }>> = {
  activist: { mode: 'assess', label: '登记考察' },
  probationary: { mode: 'extend', label: '延长预备期' },
}

export function NextCard({ d }: { d: Branch.MemberDetail }) {
  const { next, facts } = d
  const id = d.member.id
  const record = RECORDS[d.member.stage]
  const lines: string[] = []
  if (facts.assessment?.nextDue)
    lines.push(
      `${facts.assessment.overdue ? '考察已逾期' : '下次考察'}：${day(facts.assessment.nextDue)}（已考察 ${facts.assessment.count} 次）`,
    )
  if (facts.probation?.ends)
    lines.push(
      `预备期至 ${day(facts.probation.ends)} 期满${facts.probation.extendedMonths ? `（已延长 ${facts.probation.extendedMonths} 个月）` : ''}，转正申请约 ${day(facts.probation.applicationDue)}`,
    )
  if (d.member.stage === 'candidate')
    lines.push(`审阅通过的思想汇报 ${facts.approvedReports} 篇（须至少 ${d.rules.reportsBeforeAdmission} 篇）`)
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
        <Button
          type='primary'
          size='small'
          onClick={() => go(`${ROUTES.developmentFile}?id=${encodeURIComponent(id)}`)}
          data-testid='open-development-file'
        >
          发展纪实（25 步）
        </Button>
        {next ? (
          <Button type='primary' size='small' onClick={() => go(stageUrl(id, 'advance'))} data-testid='move-next'>
            {next.to === 'applicant' ? '登记入党申请' : `转为${next.toLabel}`}
          </Button>
        ) : null}
        {record ? (
          <Button
            size='small'
            fill='outline'
            type='primary'
            onClick={() => go(stageUrl(id, record.mode))}
            data-testid={`record-${record.mode}`}
          >
            {record.label}
          </Button>
        ) : null}
      </View>
    </Card>
  )
}

/** The WeChat binding: issue or reissue the binding code, or unbind (with a reason) so the owner can bind again. */
export function BindingCard({ d, onChanged }: { d: Branch.MemberDetail; onChanged: () => void }) {
  const b = d.binding
  const memberId = d.member.id
  const [issued, setIssued] = useState<Branch.BindCodeLine | null>(null)
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
          <Text className='zbmd-code__note'>
            {day(issued.expiresAt.slice(0, 10))} 前有效，用过一次即失效。请当面或私信交给本人；离开本页后不再显示。
          </Text>
        </View>
      ) : null}
      {unbinding ? (
        <View className='zbmd-unbind' data-testid='unbind-form'>
          <Text className='zbmd-line'>
            解除后，当前绑定的微信立即无法再以{d.member.name}
            的身份使用支部通；系统会发放新的绑定码，请交给本人重新绑定。
          </Text>
          <TextBox
            value={reason}
            onChange={setReason}
            placeholder='解除原因，如：本人更换了微信、绑定被他人冒用'
            maxLength={100}
            autoSize
            testId='unbind-reason'
          />
          <View className='zbmd-ops'>
            <Button
              size='small'
              type='primary'
              loading={releasing.pending}
              disabled={reason.trim().length < 2}
              onClick={() => void doUnbind()}
              data-testid='unbind-confirm'
            >
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
            <Button
              size='small'
              type='primary'
              fill='outline'
              loading={issuing.pending}
              onClick={() => void doIssue()}
              data-testid='issue-code'
            >
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
