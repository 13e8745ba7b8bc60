import { Text } from '@tarojs/components'
import { useState } from 'react'
import { ActionBar } from '../../../components/ActionBar'
import { Card } from '../../../components/Card'
import { useAction } from '../../../hooks/useCall'
import { withQuery } from '../../../hooks/useParams'
import { ROUTES } from '../../../routes'
import type { NominationCard } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { Segmented } from '../../../ui'
import { go } from '../shared/ui'

/** The committee puts the nominations for one title to a college vote (the vote engine's quorum and majority). */
export function Shortlist({ nominations }: { nominations: NominationCard[] }) {
  const titles = [...new Set(nominations.map((n) => n.title))]
  const [title, setTitle] = useState(titles[0] ?? '')
  const chosen = nominations.filter((n) => n.title === title)
  const start = useAction(() =>
    callFunction('voices', 'createVote', {
      college: true,
      kind: 'choice',
      title: `${chosen[0]?.year ?? ''}年度${title}推选`,
      honourIds: chosen.map((n) => n.id),
      maxChoices: 1,
      electorate: 'party',
      closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    }),
  )
  if (titles.length === 0) return null
  return (
    <Card title='推选投票'>
      <Text className='zbv-row__sub'>
        对同一称号的多个提名，可请全院党员投票推选（过半数参加有效，得票超过参加人数半数者当选），院党委再据此审定。
      </Text>
      <Segmented
        options={titles.map((t) => [t, `${t}（${nominations.filter((n) => n.title === t).length}）`] as const)}
        value={title}
        onChange={setTitle}
      />
      <ActionBar
        inline
        actions={[
          {
            text: chosen.length < 2 ? '发起推选' : `就 ${chosen.length} 个提名发起推选`,
            loading: start.pending,
            waitsFor: chosen.length < 2 ? '至少 2 个提名才能推选' : null,
            onClick: () => void start.run().then((r) => r.ok && go(withQuery(ROUTES.voicesVote, { id: r.data.id }))),
            testId: 'shortlist-vote',
          },
        ]}
      />
    </Card>
  )
}
