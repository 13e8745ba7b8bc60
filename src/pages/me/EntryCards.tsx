import { Card } from '../../components/Card'
import { go } from '../../hooks/useParams'
import type { Profile } from '../../services/api'
import { LinkRow } from '../../ui'
import { meSections } from './entries'

/** The entry cards of 我的 (see entries.ts): one card a section, one row an entry. */
export function EntryCards({ profile }: { profile: Profile }) {
  return (
    <>
      {meSections(profile)
        .filter((section) => section.entries.length > 0)
        .map((section) => (
          <Card key={section.key} className='zb-me-more' title={section.title}>
            {section.entries.map((e) => (
              <LinkRow
                key={e.url}
                title={e.title}
                description={e.description}
                onClick={() => go(e.url)}
                testId={e.testId}
              />
            ))}
          </Card>
        ))}
    </>
  )
}
