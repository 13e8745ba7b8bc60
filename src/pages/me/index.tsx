import { sessionPage, type PageProps } from '../../components/SessionPage'
import { BranchEntries } from './BranchEntries'
import { CareEntries } from './CareEntries'
import { DuesEntries } from './DuesEntries'
import { MeetingEntries } from './MeetingEntries'
import { MoreCard } from './MoreCard'
import { OrgCard } from './OrgCard'
import { ProfileHeader } from './ProfileHeader'
import { QuizEntries } from './QuizEntries'
import { StageCard } from './StageCard'
import { StudyEntries } from './StudyEntries'
import { VoicesEntries } from './VoicesEntries'
import './index.scss'

// `details` loads through user.me, which also brings the profile: one call for this tab.
function Me({ profile, details }: PageProps) {
  return (
    <>
      <ProfileHeader profile={profile} />
      <OrgCard profile={profile} secretaries={details?.secretaries ?? []} />
      <StageCard profile={profile} />
      <BranchEntries profile={profile} />
      <StudyEntries profile={profile} />
      <MeetingEntries profile={profile} />
      <DuesEntries profile={profile} />
      <VoicesEntries profile={profile} />
      <CareEntries profile={profile} />
      <QuizEntries withRanking={profile.branch !== null} />
      <MoreCard boundAt={details?.boundAt ?? null} />
    </>
  )
}

export default sessionPage('page-me', Me, { need: 'details' })
