import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { RuleSettingView, RulesView } from '../../../../cloudfunctions/development/src/contract'
import { ActionBar } from '../../../components/ActionBar'
import { Card } from '../../../components/Card'
import { callFunction } from '../../../services/call'
import { toastSuccess } from '../../../services/feedback'
import { Field, Pill, Segmented, Stepper } from '../../../ui'

type Severity = RuleSettingView['severity']

const SEVERITIES: readonly (readonly [Severity, string])[] = [
  ['block', '必须遵守'],
  ['warn', '提醒（说明理由后可办理）'],
]

function valueText(rule: RuleSettingView, value: number | null): string {
  return value === null || !rule.unit ? '' : `，${value} ${rule.unit}`
}

/** The committee's form for one rule: severity (a hard national rule stays hard) and its number in range. */
function RuleEditor({ rule, onSaved }: { rule: RuleSettingView; onSaved: (v: RulesView) => void }) {
  const [severity, setSeverity] = useState<Severity>(rule.severity)
  const [value, setValue] = useState<number | null>(rule.value)
  const [error, setError] = useState<string | null>(null)
  const [pending, setPending] = useState(false)
  const save = async (next: { severity: Severity; value: number | null }) => {
    setPending(true)
    setError(null)
    const res = await callFunction('development', 'saveRule', { ruleId: rule.id, ...next })
    setPending(false)
    if (!res.ok) return setError(res.message)
    toastSuccess('已保存')
    onSaved(res.data)
  }
  const fixedNumber = rule.min === null || rule.max === null || rule.min === rule.max
  return (
    <View className='zbd-lift'>
      {rule.canLoosen ? (
        <Field label='要求'>
          <Segmented options={SEVERITIES} value={severity} onChange={setSeverity} testId={`rule-severity-${rule.id}`} />
        </Field>
      ) : null}
      {value !== null && !fixedNumber && rule.min !== null && rule.max !== null ? (
        <Field label='本院数值' hint={`可设 ${rule.min}–${rule.max} ${rule.unit ?? ''}`}>
          <Stepper
            value={value}
            min={rule.min}
            max={rule.max}
            unit={rule.unit ?? undefined}
            onChange={setValue}
            testId={`rule-value-${rule.id}`}
          />
        </Field>
      ) : null}
      {error ? <Text className='zbd-alert'>{error}</Text> : null}
      <ActionBar
        inline
        actions={[
          ...(rule.changed
            ? [
                {
                  text: '恢复国家规定',
                  loading: pending,
                  onClick: () => void save({ severity: rule.nationalSeverity, value: null }),
                  testId: `rule-reset-${rule.id}`,
                },
              ]
            : []),
          {
            text: '保存',
            primary: true,
            loading: pending,
            waitsFor: severity === rule.severity && value === rule.value ? '请先修改要求或数值' : null,
            onClick: () => void save({ severity, value: value === rule.nationalValue && !rule.changed ? null : value }),
            testId: `rule-save-${rule.id}`,
          },
        ]}
      />
    </View>
  )
}

/** 修改 opens the rule's form; a save (or 恢复国家规定) closes it with the college's new value shown. */
function Editable({ rule, onSaved }: { rule: RuleSettingView; onSaved: (v: RulesView) => void }) {
  const [open, setOpen] = useState(false)
  if (!open)
    return (
      <Text className='zbd-link' onClick={() => setOpen(true)} data-testid={`rule-edit-${rule.id}`}>
        修改本院要求
      </Text>
    )
  return (
    <RuleEditor
      rule={rule}
      onSaved={(v) => {
        setOpen(false)
        onSaved(v)
      }}
    />
  )
}

/** One rule: what it says and where (text + article), the national default and this college's value. */
export function RuleCard({
  rule,
  canEdit,
  onSaved,
}: {
  rule: RuleSettingView
  canEdit: boolean
  onSaved: (v: RulesView) => void
}) {
  return (
    <Card
      title={`第 ${rule.step} 步 · ${rule.label}`}
      extra={
        <Pill tone={rule.severity === 'block' ? 'red' : 'amber'}>
          {rule.severity === 'block' ? '必须遵守' : '提醒'}
        </Pill>
      }
    >
      <View data-testid={`rule-${rule.id}`}>
        <Text className='zbd-line'>{rule.text}</Text>
        <Text className='zbd-muted'>{`依据：${rule.article}`}</Text>
        <Text className='zbd-line'>{`国家规定：${rule.nationalSeverityLabel}${valueText(rule, rule.nationalValue)}`}</Text>
        <Text className='zbd-line' data-testid={`rule-college-${rule.id}`}>
          {`本院：${rule.severity === 'block' ? '必须遵守' : '提醒'}${valueText(rule, rule.value)}${rule.changed ? '（已调整）' : '（同国家规定）'}`}
        </Text>
        {!rule.configurable ? <Text className='zbd-muted'>基本程序，各学院一致，不能修改。</Text> : null}
        {rule.configurable && !rule.canLoosen && rule.min === rule.max ? (
          <Text className='zbd-muted'>国家规定的硬性要求，学院不能放宽。</Text>
        ) : null}
        {canEdit && rule.configurable && (rule.canLoosen || rule.min !== rule.max) ? (
          <Editable rule={rule} onSaved={onSaved} />
        ) : null}
      </View>
    </Card>
  )
}
