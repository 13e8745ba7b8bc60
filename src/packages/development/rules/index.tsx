import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { RulesView } from '../../../../cloudfunctions/development/src/contract'
import { sessionPage } from '../../../components/SessionPage'
import { useQuery } from '../../../hooks/useCall'
import { callFunction } from '../../../services/call'
import { QueryView, Segmented } from '../../../ui'
import { MaterialsCard } from './MaterialsCard'
import { RuleCard } from './RuleCard'
import '../shared.scss'

type Tab = 'rules' | 'materials'
const TABS: readonly (readonly [Tab, string])[] = [
  ['rules', '规则'],
  ['materials', '材料清单'],
]

function Settings({ loaded }: { loaded: RulesView }) {
  const [tab, setTab] = useState<Tab>('rules')
  const [saved, setSaved] = useState<RulesView | null>(null)
  const view = saved ?? loaded
  return (
    <View className='zbd-root' data-testid='development-rules'>
      <Text className='zbd-note'>
        {view.canEdit
          ? '院党委可在国家规定的范围内调整本院的要求和数值，每次修改都记入操作日志。'
          : '以下是本院发展党员工作执行的规则和材料清单，由院党委维护。'}
      </Text>
      <Segmented options={TABS} value={tab} onChange={setTab} testId='rules-tabs' />
      {tab === 'rules' ? (
        view.rules.map((r) => <RuleCard key={r.id} rule={r} canEdit={view.canEdit} onSaved={setSaved} />)
      ) : (
        <MaterialsCard view={view} onSaved={setSaved} />
      )}
    </View>
  )
}

function Rules() {
  const query = useQuery(() => callFunction('development', 'rules', {}), [])
  return <QueryView query={query}>{(data) => <Settings loaded={data} />}</QueryView>
}

export default sessionPage('page-development-rules', Rules)
