import { Component, lazy, Suspense, useState, type ComponentType, type ReactNode } from 'react'
import { LoadingView, Pending } from '../../ui'
import type { CallFailure } from '../../services/call'

/** A part's code could not be fetched (on weapp: its subpackage did not download). */
const NOT_LOADED: CallFailure = { ok: false, code: 'NETWORK', message: '页面内容没能下载完成，请检查网络后重试' }
/** The part's code loaded but threw while rendering: a bug, not the network, so the user is not told to check it. */
const BROKE: CallFailure = { ok: false, code: 'INTERNAL', message: '这部分页面出错了，请稍后重试' }

/** The errors `load()` rejected with, so the boundary can tell a failed download from a rendering bug. */
const loadErrors = new WeakSet<object>()

function rememberLoadError(error: unknown): never {
  if (typeof error === 'object' && error !== null) loadErrors.add(error)
  throw error
}

class PartFailure extends Component<{ onRetry: () => void; children: ReactNode }, { failure: CallFailure | null }> {
  state: { failure: CallFailure | null } = { failure: null }

  static getDerivedStateFromError(error: unknown): { failure: CallFailure } {
    return { failure: typeof error === 'object' && error !== null && loadErrors.has(error) ? NOT_LOADED : BROKE }
  }

  render() {
    const { failure } = this.state
    return failure ? <Pending failure={failure} onRetry={this.props.onRetry} /> : this.props.children
  }
}

/**
 * A part of a tab page that only some roles see, loaded when first shown instead of with the main package (issue
 * #21). `load` is a dynamic `import()` whose webpackChunkName is a file under a subpackage root of app.config.ts: on
 * weapp, config/lazy-parts.ts puts the chunk there and loads it with WeChat's `require.async`; on H5 it is a plain
 * chunk. The skeleton shows while it loads; a failed download shows 重试, which loads it again. An error thrown
 * while the loaded part renders says so instead (重试 renders it again): it is not the network's fault.
 */
export function lazyPart<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  // The props travel as one field: React's lazy types cannot follow a generic P spread directly.
  const make = () =>
    lazy(() =>
      load().then((Loaded) => ({ default: ({ props }: { props: P }) => <Loaded {...props} /> }), rememberLoadError),
    )
  // React keeps a rejected lazy component rejected: a retry needs a new one.
  let Part = make()
  return function LazyPart(props: P) {
    const [attempt, setAttempt] = useState(0)
    const retry = () => {
      Part = make()
      setAttempt(attempt + 1)
    }
    return (
      <PartFailure key={attempt} onRetry={retry}>
        <Suspense fallback={<LoadingView />}>
          <Part props={props} />
        </Suspense>
      </PartFailure>
    )
  }
}
