import { Page } from '../../components/Page'
import { SessionGate } from '../../components/SessionGate'
import { MeetingEntries } from './MeetingEntries'
import { MoreCard } from './MoreCard'
import { OrgCard } from './OrgCard'
import { ProfileHeader } from './ProfileHeader'
import { StageCard } from './StageCard'
import './index.scss'

export default function MePage() {
  return (
    <Page testId='page-me'>
      {/* `details` loads through user.me, which also brings the profile: one call for this tab. */}
      <SessionGate need='details'>
        {({ profile, details }) => (
          <>
            <ProfileHeader profile={profile} />
            <OrgCard profile={profile} secretaries={details?.secretaries ?? []} />
            <StageCard profile={profile} />
            <MeetingEntries profile={profile} />
            <MoreCard boundAt={details?.boundAt ?? null} />
          </>
        )}
      </SessionGate>
    </Page>
  )
}
