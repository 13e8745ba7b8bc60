import { sessionPage } from '../../../components/SessionPage'
import { ErrorView, QueryView } from '../../../ui'
import { useQuery } from '../../../hooks/useCall'
import type { Profile } from '../../../services/api'
import { callFunction } from '../../../services/call'
import './index.scss'
import { Editor } from './Editor'
import { emptyForm, formOf } from './form'

function EditExisting({ profile, articleId }: { profile: Profile; articleId: string }) {
  const query = useQuery(() => callFunction('study', 'get', { id: articleId }), [articleId])
  return (
    <QueryView query={query}>
      {({ article, editor }) =>
        editor ? (
          <Editor
            profile={profile}
            articleId={articleId}
            initial={formOf(article)}
            editor={editor}
            baseUpdatedAt={article.updatedAt}
            status={article.status}
          />
        ) : (
          <ErrorView
            failure={{ ok: false, code: 'FORBIDDEN', message: '只能修改本支部发布的文章' }}
            onRetry={query.reload}
          />
        )
      }
    </QueryView>
  )
}

function EditNew({ profile }: { profile: Profile }) {
  const query = useQuery(() => callFunction('study', 'columns'), [])
  return (
    <QueryView query={query}>
      {(editor) => (
        <Editor
          profile={profile}
          articleId={null}
          initial={emptyForm(editor, profile.primaryRole === 'committee')}
          editor={editor}
          baseUpdatedAt={null}
          status={null}
        />
      )}
    </QueryView>
  )
}

/** Write or edit an article on the phone: title, column, cover, body blocks, audience, pin. */
export default sessionPage(
  'page-publish-edit',
  ({ profile, params }) =>
    params.id ? <EditExisting profile={profile} articleId={params.id} /> : <EditNew profile={profile} />,
  { title: (params) => (params.id ? '编辑文章' : undefined) },
)
