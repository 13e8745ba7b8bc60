import { sessionPage, type PageProps } from '../../components/SessionPage'
import { EntryCards } from './EntryCards'
import { MoreCard } from './MoreCard'
import { OrgCard } from './OrgCard'
import { ProfileHeader } from './ProfileHeader'
import { StageCard } from './StageCard'
import './index.scss'

// `details` loads through user.me, which also brings the profile: one call for this tab.
function Me({ profile, details }: PageProps) {
  return (
    <>
      <ProfileHeader profile={profile} />
      <OrgCard profile={profile} secretaries={details?.secretaries ?? []} />
      <StageCard profile={profile} />
      <EntryCards profile={profile} />
      <MoreCard boundAt={details?.boundAt ?? null} />
    </>
  )
}

export default sessionPage('page-me', Me, { need: 'details' })
