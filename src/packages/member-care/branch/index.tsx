import { useState } from 'react'
import { TabRow } from '../../../components/TabRow'
import { sessionPage } from '../../../components/SessionPage'
import { AwayTab } from './AwayTab'
import { HoursTab } from './HoursTab'
import { TalksTab } from './TalksTab'
import { TransfersTab } from './TransfersTab'
import '../shared/care.scss'
import { useParams } from '../../../hooks/useParams'

const TABS = [
  ['away', '外出党员'],
  ['transfers', '关系转接'],
  ['talks', '谈心谈话'],
  ['hours', '培训学时'],
] as const
type Tab = (typeof TABS)[number][0]

function isTab(value: string | undefined): value is Tab {
  return TABS.some(([t]) => t === value)
}

/** The secretary's (and the committee's) view of members away, transfers, talks and training hours. */
function CareBranch({ committee }: { committee: boolean }) {
  const asked = useParams().tab
  const [tab, setTab] = useState<Tab>(isTab(asked) ? asked : 'away')
  return (
    <>
      <TabRow className='zbc-tabs' tabClass='zbc-tab' tabs={TABS} value={tab} onChange={setTab} testId='care-tabs' />
      {tab === 'away' ? <AwayTab committee={committee} /> : null}
      {tab === 'transfers' ? <TransfersTab /> : null}
      {tab === 'talks' ? <TalksTab committee={committee} /> : null}
      {tab === 'hours' ? <HoursTab committee={committee} /> : null}
    </>
  )
}

export default sessionPage('page-care-branch', ({ profile }) => (
  <CareBranch committee={profile.roles.includes('committee')} />
))
