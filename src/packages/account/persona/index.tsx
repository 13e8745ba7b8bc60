import { Checked, UserAdd } from '../../../components/Icon'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Page } from '../../../components/Page'
import { QueryView } from '../../../ui'
import { useQuery } from '../../../hooks/useCall'
import { ROUTES } from '../../../routes'
import { STAGE_LABELS } from '../../../services/domain'
import { freshIdentity, getIdentity, setIdentity, type DevIdentity } from '../../../services/identity'
import { listPersonas, type DevPersona } from '../../../services/personas'
import { DEMO_BINDINGS } from './demo-binding'
import { groupPersonas } from './group'
import { useSession } from '../../../stores/session'
import './index.scss'

function describe(p: DevPersona): string {
  if (p.role === 'committee') return '查看全院各支部'
  if (p.role === 'secretary') return p.branchName ?? '支部书记'
  return [p.stage ? STAGE_LABELS[p.stage] : null, p.branchName].filter(Boolean).join(' · ')
}

/** Switches who the local cloud thinks is calling, then starts the app afresh as that person. */
function become(identity: DevIdentity): void {
  setIdentity(identity)
  useSession.getState().reset()
  void Taro.reLaunch({ url: ROUTES.study })
}

/** H5 only: "以谁的身份体验" — pick a seeded person, or a brand-new WeChat user to try binding. */
export default function PersonaPage() {
  const query = useQuery(listPersonas, [])
  const current = getIdentity()?.openid

  return (
    <Page testId='page-persona'>
      <View className='zb-persona__intro'>
        <Text className='zb-persona__title'>以谁的身份体验</Text>
        <Text className='zb-persona__desc'>
          这是在本地运行的体验版：选择一位示例人员进入支部通，随时可在“我的”中切换。
        </Text>
      </View>

      <View className='zb-persona__fresh' data-testid='persona-fresh' onClick={() => become(freshIdentity())}>
        <View className='zb-persona__fresh-icon'>
          <UserAdd size={22} />
        </View>
        <View className='zb-persona__fresh-body'>
          <Text className='zb-persona__fresh-title'>以新微信用户体验绑定</Text>
          <Text className='zb-persona__fresh-desc'>
            使用一个全新的微信身份，从绑定学号开始。可用下面任一条未绑定的示例名册：
          </Text>
          <View className='zb-persona__demo' data-testid='persona-demo-codes'>
            {DEMO_BINDINGS.map((d) => (
              <View key={d.studentNo} className='zb-persona__demo-line'>
                <Text>
                  {d.name} {d.studentNo}
                </Text>
                <Text className='zb-persona__demo-code'>绑定码 {d.code}</Text>
              </View>
            ))}
          </View>
        </View>
      </View>

      <QueryView query={query}>
        {(data) =>
          data.length === 0 ? (
            <Text className='zb-persona__empty'>本地云中还没有示例人员，请先导入种子数据。</Text>
          ) : (
            groupPersonas(data).map(({ key, title, people }) => (
              <View className='zb-persona__group' key={key} data-testid={`persona-group-${key}`}>
                <Text className='zb-persona__group-title'>{title}</Text>
                <View className='zb-persona__list'>
                  {people.map((p) => (
                    <View
                      className={`zb-persona__item ${p.openid === current ? 'zb-persona__item--current' : ''}`}
                      key={p.openid}
                      data-testid='persona-item'
                      data-openid={p.openid}
                      onClick={() => become({ openid: p.openid, name: p.name, role: p.role })}
                    >
                      <View className={`zb-persona__avatar zb-persona__avatar--${p.role}`}>
                        <Text>{p.name.slice(0, 1)}</Text>
                      </View>
                      <View className='zb-persona__body'>
                        <Text className='zb-persona__name'>{p.name}</Text>
                        <Text className='zb-persona__meta'>{describe(p)}</Text>
                      </View>
                      {p.openid === current ? <Checked size={18} color='#C8161D' /> : null}
                    </View>
                  ))}
                </View>
              </View>
            ))
          )
        }
      </QueryView>
    </Page>
  )
}
