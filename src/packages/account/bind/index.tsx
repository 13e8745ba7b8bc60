import { Input } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { ActionBar } from '../../../components/ActionBar'
import { Page } from '../../../components/Page'
import { useAction } from '../../../hooks/useCall'
import { ROUTES } from '../../../routes'
import { callFunction } from '../../../services/call'
import { transport } from '../../../services/cloud'
import { toastSuccess } from '../../../services/feedback'
import { useSession } from '../../../stores/session'
import './index.scss'
import { FailureLine } from '../../../components/FailureLine'

type FieldName = 'studentNo' | 'name' | 'code'

/** The form's fields, in order: as the school registered the member, then the code the secretary handed out. */
const FIELDS: { name: FieldName; label: string; placeholder: string; maxLength: number }[] = [
  { name: 'studentNo', label: '学号', placeholder: '请输入学号', maxLength: 20 },
  { name: 'name', label: '姓名', placeholder: '请输入真实姓名', maxLength: 20 },
  { name: 'code', label: '绑定码', placeholder: '8 位，如 ABCD-EFGH', maxLength: 12 },
]

/** A WeChat user claims their roster entry with 学号 + 姓名 + the 绑定码 their secretary handed out (user.bind). */
export default function BindPage() {
  const [values, setValues] = useState<Record<FieldName, string>>({ studentNo: '', name: '', code: '' })
  const { studentNo, name, code } = values
  const bind = useCallback(
    (no: string, n: string, c: string) => callFunction('user', 'bind', { studentNo: no, name: n, code: c }),
    [],
  )
  // The form shows the failure inline (below the fields), so no toast on top of it.
  const { run, pending, failure } = useAction(bind, { toast: false })
  const canSubmit = studentNo.trim().length > 0 && name.trim().length > 0 && code.trim().length > 0

  const submit = async () => {
    if (!canSubmit) return
    const result = await run(studentNo.trim(), name.trim(), code.trim())
    if (!result.ok) return
    useSession.getState().accept(result.data)
    toastSuccess('绑定成功')
    void Taro.reLaunch({ url: ROUTES.me })
  }

  return (
    <Page testId='page-bind'>
      <View className='zb-bind__intro'>
        <Text className='zb-bind__title'>欢迎使用支部通</Text>
        <Text className='zb-bind__desc'>
          首次使用支部通，请填写学校登记的学号、姓名和支部书记发给你的绑定码，与你的微信绑定。绑定后，你的党建信息只有你本人和所在支部可以查看。
        </Text>
      </View>
      <View className='zb-bind__form'>
        {FIELDS.map((f) => (
          <View className='zb-bind__field' key={f.name}>
            <Text className='zb-bind__label'>{f.label}</Text>
            <Input
              className='zb-bind__input'
              name={f.name}
              placeholder={f.placeholder}
              value={values[f.name]}
              onChange={(value) => setValues((all) => ({ ...all, [f.name]: value }))}
              maxLength={f.maxLength}
              clearable
            />
          </View>
        ))}
        <FailureLine failure={failure} className='zb-bind__error' testId='bind-error' />
      </View>
      <View className='zb-bind__actions'>
        <ActionBar
          inline
          actions={[
            {
              text: '确认绑定',
              primary: true,
              loading: pending,
              waitsFor: studentNo.trim() ? (name.trim() ? null : '请填写姓名') : '请填写学号',
              onClick: () => void submit(),
              testId: 'bind-submit',
            },
          ]}
        />
      </View>
      <Text className='zb-bind__note'>
        绑定码由所在党支部书记或院党委发放，一次有效。还没有绑定码、绑定码已过期，或提示学号已被他人绑定时，请联系支部书记。
      </Text>
      {transport.pickableIdentity ? (
        <Text className='zb-bind__switch' onClick={() => void Taro.navigateTo({ url: ROUTES.persona })}>
          本地体验版 · 切换体验身份
        </Text>
      ) : null}
    </Page>
  )
}
