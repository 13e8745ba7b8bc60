import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { sessionPage } from '../../../components/SessionPage'
import { useAction } from '../../../hooks/useCall'
import { callFunction } from '../../../services/call'
import { toastSuccess } from '../../../services/feedback'
import type { Branch } from '../../../services/api'
import { day, Note } from '../shared/ui'
import './index.scss'

const HOW_TO =
  '打开微信小程序「支部通」，填写学号、姓名和下面的绑定码，即可绑定微信。绑定码仅限本人使用，用过一次即失效，请勿转给他人。'

function sheetText(sheet: Branch.BindCodeSheet): string {
  const lines = sheet.lines.map(
    (l) => `${l.name}，学号 ${l.studentNo}，绑定码 ${l.code}，有效期至 ${day(l.expiresAt.slice(0, 10))}`,
  )
  return [`${sheet.branchName} 微信绑定码`, HOW_TO, ...lines].join('\n')
}

function Sheet({ sheet }: { sheet: Branch.BindCodeSheet }) {
  const print = () => {
    if (process.env.TARO_ENV === 'h5') {
      window.print()
      return
    }
    // The mini program cannot print: the whole sheet as text, to paste into a message or a document.
    void Taro.setClipboardData({ data: sheetText(sheet) }).then(() => toastSuccess('已复制全部绑定码'))
  }
  return (
    <View data-testid='bindcode-sheet'>
      <View className='zb-print-bar noprint'>
        <Text className='zb-print-bar__text'>
          已为 {sheet.lines.length} 名未绑定的成员生成绑定码，{sheet.days}{' '}
          天内有效。离开本页后不再显示，请现在打印或复制。
        </Text>
        <Button
          size='small'
          type='primary'
          disabled={sheet.lines.length === 0}
          onClick={print}
          data-testid='bindcode-print'
        >
          {process.env.TARO_ENV === 'h5' ? '打印' : '复制全部'}
        </Button>
      </View>
      <View className='zbbc-paper'>
        <Text className='zbbc-paper__title'>{sheet.branchName} 微信绑定码</Text>
        <Text className='zbbc-paper__sub'>
          {sheet.collegeName} · 生成于 {day(sheet.generatedAt.slice(0, 10))}
        </Text>
        <Text className='zbbc-paper__how'>{HOW_TO}</Text>
        {sheet.lines.length === 0 ? (
          <Text className='zbbc-paper__none'>本支部的成员都已绑定微信，不需要绑定码。</Text>
        ) : null}
        {sheet.lines.map((l) => (
          <View key={l.memberId} className='zbbc-slip' data-testid='bindcode-line'>
            <View className='zbbc-slip__who'>
              <Text className='zbbc-slip__name'>{l.name}</Text>
              <Text className='zbbc-slip__sub'>
                学号 {l.studentNo} · {l.className || '—'}
              </Text>
            </View>
            <View className='zbbc-slip__code'>
              <Text className='zbbc-slip__value' data-testid='bindcode-value'>
                {l.code}
              </Text>
              <Text className='zbbc-slip__sub'>有效期至 {day(l.expiresAt.slice(0, 10))}</Text>
            </View>
          </View>
        ))}
      </View>
    </View>
  )
}

function Generate({ branchId }: { branchId?: string }) {
  const make = useCallback(() => callFunction('branch', 'bindCodeSheet', branchId ? { branchId } : {}), [branchId])
  const { run, pending } = useAction(make)
  const [sheet, setSheet] = useState<Branch.BindCodeSheet | null>(null)
  if (sheet) return <Sheet sheet={sheet} />
  const generate = async () => {
    const res = await run()
    if (res.ok) setSheet(res.data)
  }
  return (
    <View className='zbbc-start'>
      <Text className='zbbc-start__title'>为未绑定的成员生成绑定码</Text>
      <Text className='zbbc-start__text'>
        成员绑定微信时，除学号和姓名外还要填写绑定码，这样知道别人学号和姓名的人也无法冒名绑定。每人一码，用过一次即失效。
      </Text>
      <Note>生成后，本支部未绑定成员此前拿到的绑定码全部作废，请把新的绑定码（打印后剪开）当面交给本人。</Note>
      <View className='zbbc-start__ops'>
        <Button type='primary' block loading={pending} onClick={() => void generate()} data-testid='bindcode-generate'>
          生成并打印绑定码
        </Button>
      </View>
    </View>
  )
}

export default sessionPage('page-branch-bindcodes', ({ params }) => (
  <Generate branchId={params.branchId || undefined} />
))
