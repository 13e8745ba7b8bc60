import { sessionPage } from '../../../components/SessionPage'
import { useQuery } from '../../../hooks/useCall'
import { callFunction } from '../../../services/call'
import { useSession } from '../../../stores/session'
import { ErrorView, QueryView } from '../../../ui'
import { StageForm } from './StageForm'
import { MODES, resolveTarget, type FileView, type Mode } from './target'
import './index.scss'

/** A refusal shown as such (nothing to retry): not the caller's to record, or nothing to record. */
function Refused({ code, message }: { code: 'FORBIDDEN' | 'FAILED_PRECONDITION'; message: string }) {
  return <ErrorView failure={{ ok: false, code, message }} onRetry={() => undefined} refusal='lock' />
}

function Body({ file, mode, stepRef }: { file: FileView; mode: Mode; stepRef: string | undefined }) {
  const me = useSession((st) => st.profile?.memberId)
  if (!file.canManage || file.isOwn)
    return (
      <Refused
        code='FORBIDDEN'
        message={
          file.member.id === me
            ? '自己的发展事项由本支部其他书记或院党委登记和更正'
            : '只有本支部书记和院党委可以登记发展事项'
        }
      />
    )
  const target = resolveTarget(file, mode, stepRef)
  if (typeof target === 'string') return <Refused code='FAILED_PRECONDITION' message={target} />
  return <StageForm key={`${target.mode}-${target.step.no}`} file={file} target={target} />
}

function StageQuery({ memberId, mode, stepRef }: { memberId: string; mode: Mode; stepRef: string | undefined }) {
  const query = useQuery(() => callFunction('development', 'file', { memberId }), [memberId])
  return (
    <QueryView query={query} refusal='lock'>
      {(file) => <Body file={file} mode={mode} stepRef={stepRef} />}
    </QueryView>
  )
}

/** Records a member's development step from the branch workspace: `?id=&mode=advance|assess|extend|amend&step=`. */
export default sessionPage('page-branch-stage', ({ params }) => {
  const mode = (MODES as readonly string[]).includes(params.mode ?? '') ? (params.mode as Mode) : 'advance'
  return <StageQuery memberId={params.id ?? ''} mode={mode} stepRef={params.step ?? params.eventId} />
})
