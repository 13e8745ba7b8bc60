import { ArrowRight } from '../../components/Icon'
import { Cell } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Card } from '../../components/Card'
import { ROUTES } from '../../routes'
import { transport } from '../../services/cloud'
import { getIdentity } from '../../services/identity'
import { formatDate } from '../../utils/stage'

const arrow = <ArrowRight size={12} color='#B6BAC2' />

export function MoreCard({ boundAt }: { boundAt: string | null }) {
  const identity = transport.pickableIdentity ? getIdentity() : null
  return (
    <>
      <Card className='zb-me-more'>
        {transport.pickableIdentity ? (
          <Cell
            title='切换体验身份'
            description='换一位示例人员，或体验新用户绑定'
            extra={
              <View className='zb-me-more__extra'>
                <Text>{identity?.name ?? '新微信用户'}</Text>
                {arrow}
              </View>
            }
            radius={0}
            clickable
            onClick={() => void Taro.navigateTo({ url: ROUTES.persona })}
            data-testid='switch-persona'
          />
        ) : null}
        <Cell
          title='关于支部通'
          extra={arrow}
          radius={0}
          clickable
          onClick={() => void Taro.navigateTo({ url: ROUTES.about })}
        />
      </Card>
      {boundAt ? <Text className='zb-me-foot'>微信绑定于 {formatDate(boundAt)}</Text> : null}
    </>
  )
}
