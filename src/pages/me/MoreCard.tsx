import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Card } from '../../components/Card'
import { ROUTES } from '../../routes'
import { transport } from '../../services/cloud'
import { getIdentity } from '../../services/identity'
import { formatDate } from '../../utils/stage'
import { LinkRow } from '../../ui'

export function MoreCard({ boundAt }: { boundAt: string | null }) {
  const identity = transport.pickableIdentity ? getIdentity() : null
  return (
    <>
      <Card className='zb-me-more'>
        {transport.pickableIdentity ? (
          <LinkRow
            title='切换体验身份'
            description='换一位示例人员，或体验新用户绑定'
            extra={identity?.name ?? '新微信用户'}
            onClick={() => void Taro.navigateTo({ url: ROUTES.persona })}
            testId='switch-persona'
          />
        ) : null}
        <LinkRow title='关于支部通' onClick={() => void Taro.navigateTo({ url: ROUTES.about })} />
      </Card>
      {boundAt ? <Text className='zb-me-foot'>微信绑定于 {formatDate(boundAt)}</Text> : null}
    </>
  )
}
