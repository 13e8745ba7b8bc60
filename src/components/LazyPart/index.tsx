import { Component, lazy, Suspense, useState, type ComponentType, type ReactNode } from 'react'
import { LoadingView, Pending } from '../../ui'
import type { CallFailure } from '../../services/call'

/** A part's code could not be fetched (on weapp: its subpackage did not download). */
const NOT_LOADED: CallFailure = { ok: false, code: 'NETWORK', message: '页面内容没能下载完成，请检查网络后重试' }

class LoadFailure extends Component<{ onRetry: () => void; children: ReactNode }, { failed: boolean }> {
  state = { failed: false }

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true }
  }

  render() {
    return this.state.failed ? <Pending failure={NOT_LOADED} onRetry={this.props.onRetry} /> : this.props.children
  }
}

/**
 * A part of a tab page that only some roles see, loaded when first shown instead of with the main package (issue
 * #21). `load` is a dynamic `import()` whose webpackChunkName is a file under a subpackage root of app.config.ts: on
 * weapp, config/lazy-parts.ts puts the chunk there and loads it with WeChat's `require.async`; on H5 it is a plain
 * chunk. The skeleton shows while it loads; a failed download shows 重试, which loads it again.
 */
export function lazyPart<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  // The props travel as one field: React's lazy types cannot follow a generic P spread directly.
  const make = () =>
    lazy(() => load().then((Loaded) => ({ default: ({ props }: { props: P }) => <Loaded {...props} /> })))
  // React keeps a rejected lazy component rejected: a retry needs a new one.
  let Part = make()
  return function LazyPart(props: P) {
    const [attempt, setAttempt] = useState(0)
    const retry = () => {
      Part = make()
      setAttempt(attempt + 1)
    }
    return (
      <LoadFailure key={attempt} onRetry={retry}>
        <Suspense fallback={<LoadingView />}>
          <Part props={props} />
        </Suspense>
      </LoadFailure>
    )
  }
}
