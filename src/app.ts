import { configure as configureIcons } from '@nutui/icons-react-taro'
import { useLaunch } from '@tarojs/taro'
import type { PropsWithChildren } from 'react'
import { transport } from './services/cloud'
import '@nutui/icons-react-taro/dist/style_icon.css'
import './app.scss'

// Mini programs have no <i> element: NutUI's SVG icons render as <view> there.
if (process.env.TARO_ENV === 'weapp') configureIcons({ tag: 'view' })

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    transport.init()
  })
  return children
}

export default App
