import { Picker, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { RulesView } from '../../../../cloudfunctions/development/src/contract'
import { InlineSubmit } from '../../../components/ActionBar/InlineSubmit'
import { Card } from '../../../components/Card'
import { useSubmit } from '../../../hooks/useSubmit'
import { callFunction } from '../../../services/call'
import { toastFailure, toastSuccess } from '../../../services/feedback'
import { Field, Pill } from '../../../ui'
import { TextInput } from '../TextInput'

/** The committee adds an item to a step's checklist for the whole college. */
function AddMaterial({ view, onSaved }: { view: RulesView; onSaved: (v: RulesView) => void }) {
  const [index, setIndex] = useState(6)
  const [label, setLabel] = useState('')
  const step = view.materials[index]
  const addMaterial = useSubmit(
    () => callFunction('development', 'addMaterial', { step: step.step, label: label.trim() }),
    '已增加',
    (saved) => {
      setLabel('')
      onSaved(saved)
    },
    { toast: false },
  )
  return (
    <View className='zbd-lift'>
      <Field label='步骤'>
        <Picker
          mode='selector'
          range={view.materials.map((s) => `第 ${s.step} 步 ${s.stepLabel}`)}
          value={index}
          onChange={(e) => setIndex(Number(e.detail.value))}
        >
          <Text className='zbd-input' data-testid='material-step'>
            第 {step.step} 步 {step.stepLabel}
          </Text>
        </Picker>
      </Field>
      <Field label='材料名称'>
        <TextInput value={label} maxLength={30} placeholder='如 发展对象公示回执' onChange={setLabel} />
      </Field>
      <InlineSubmit
        text='增加材料'
        pending={addMaterial.pending}
        failure={addMaterial.failure}
        waitsFor={label.trim() ? null : '请填写材料名称'}
        onClick={addMaterial.submit}
        testId='material-add'
        alertClass='zbd-alert'
      />
    </View>
  )
}

/** Each step's checklist: the national items (fixed) and the college's own (removable by the committee). */
export function MaterialsCard({ view, onSaved }: { view: RulesView; onSaved: (v: RulesView) => void }) {
  const [busy, setBusy] = useState(false)
  const remove = async (step: number, id: string) => {
    setBusy(true)
    const res = await callFunction('development', 'removeMaterial', { step, id })
    setBusy(false)
    if (!res.ok) return toastFailure(res)
    toastSuccess('已删除')
    onSaved(res.data)
  }
  return (
    <Card title='各步骤材料清单'>
      <Text className='zbd-muted'>
        国家规定的材料不能删除；学院可以为某一步增加材料，全院成员的档案都会要求这一项。
      </Text>
      {view.materials
        .filter((s) => s.items.length > 0)
        .map((s) => (
          <View key={s.step} className='zbd-item' data-testid={`materials-${s.step}`}>
            <Text className='zbd-item__name'>
              第 {s.step} 步 {s.stepLabel}
            </Text>
            {s.items.map((m) => (
              <View key={m.id} className='zbd-material'>
                <Text className='zbd-material__label'>{m.label}</Text>
                {m.local ? <Pill tone='amber'>本院增加</Pill> : <Pill>国家规定</Pill>}
                {m.local && view.canEdit && !busy ? (
                  <Text
                    className='zbd-link'
                    onClick={() => void remove(s.step, m.id)}
                    data-testid={`material-remove-${m.id}`}
                  >
                    删除
                  </Text>
                ) : null}
              </View>
            ))}
          </View>
        ))}
      {view.canEdit ? <AddMaterial view={view} onSaved={onSaved} /> : null}
    </Card>
  )
}
