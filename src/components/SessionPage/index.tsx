import Taro from '@tarojs/taro'
import { useEffect, type ComponentType, type ReactNode } from 'react'
import { useParams } from '../../hooks/useParams'
import type { Role } from '../../services/domain'
import type { SessionNeed } from '../../stores/session'
import { ErrorView } from '../../ui'
import { Page } from '../Page'
import { SessionGate, type SessionView } from '../SessionGate'

type Params = Record<string, string | undefined>

/** What a page's body gets: the session and the page's decoded query parameters. */
export interface PageProps extends SessionView {
  params: Params
}

/** The least role that may open a page, and the reason the others read (the server checks again). */
export interface RoleRule {
  role: Exclude<Role, 'student'>
  refused: string
}

export interface SessionPageOptions {
  /** What the session must have loaded (the 我的 tab needs `details`). */
  need?: SessionNeed
  only?: RoleRule
  /** The navigation bar title when it depends on the query (set as soon as the page opens). */
  title?: (params: Params) => string | undefined
}

const RANK: Record<Role, number> = { student: 0, secretary: 1, committee: 2 }

function Refused({ reason }: { reason: string }) {
  return <ErrorView failure={{ ok: false, code: 'FORBIDDEN', message: reason }} onRetry={() => undefined} />
}

/** A page's frame and session gate around `children`, refusing those below `only.role`. */
function SessionPage({
  testId,
  need,
  only,
  children,
}: {
  testId: string
  need?: SessionNeed
  only?: RoleRule
  children: (session: SessionView) => ReactNode
}) {
  return (
    <Page testId={testId}>
      <SessionGate need={need}>
        {(session) =>
          only && RANK[session.profile.primaryRole] < RANK[only.role] ? (
            <Refused reason={only.refused} />
          ) : (
            children(session)
          )
        }
      </SessionGate>
    </Page>
  )
}

/**
 * A Taro page (its default export) that renders `Body` once the session is there:
 * `export default sessionPage('page-x', ({ profile, params }) => <X profile={profile} id={params.id} />)`.
 * `testId` may depend on the query (one page file serving two lists).
 */
export function sessionPage(
  testId: string | ((params: Params) => string),
  Body: ComponentType<PageProps>,
  { need, only, title }: SessionPageOptions = {},
): ComponentType {
  function SessionPageRoot() {
    const params = useParams()
    const heading = title?.(params)
    useEffect(() => {
      if (heading) void Taro.setNavigationBarTitle({ title: heading })
    }, [heading])
    return (
      <SessionPage testId={typeof testId === 'string' ? testId : testId(params)} need={need} only={only}>
        {(session) => <Body {...session} params={params} />}
      </SessionPage>
    )
  }
  return SessionPageRoot
}
