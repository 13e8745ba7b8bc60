import { configure as configureIcons } from '@nutui/icons-react-taro'
import { useLaunch } from '@tarojs/taro'
import type { PropsWithChildren } from 'react'
import { transport } from './services/cloud'
import { prefetchEntryPage } from './services/entry-calls'
import './styles/nut-icon.scss'
import './app.scss'

// Mini programs have no <i> element: NutUI's SVG icons render as <view> there.
if (process.env.TARO_ENV === 'weapp') configureIcons({ tag: 'view' })

// H5 needs no transport setup: the entry tab's first call starts now, while its chunk is still loading.
if (process.env.TARO_ENV === 'h5') prefetchEntryPage(window.location.pathname)

function App({ children }: PropsWithChildren) {
  useLaunch((options) => {
    transport.init()
    // weapp: the cloud is usable from here on, and the first page is not built yet.
    if (process.env.TARO_ENV === 'weapp') prefetchEntryPage(options.path)
  })
  return children
}

export default App
