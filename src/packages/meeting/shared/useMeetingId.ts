import { useParams } from '../../../hooks/useParams'

/** The `id` query parameter of a meeting page ('' when missing). */
export function useMeetingId(): string {
  return useParams().id ?? ''
}
