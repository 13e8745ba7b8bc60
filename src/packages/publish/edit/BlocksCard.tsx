import { Image, Input, Text, Textarea, View } from '@tarojs/components'
import { Card } from '../../../components/Card'
import { swapped } from '../../../utils/move'
import { blockKey, type EditorBlock, type EditorForm } from '../draft'
import { BLOCK_LABELS } from './form'

/** Changes the article being written. */
export type Change = (update: (f: EditorForm) => EditorForm) => void
/** Pick an image, upload it, then hand it to `apply`. */
export type Upload = (apply: (image: { fileID: string; url: string }) => void) => Promise<void>

/** The blocks written on one line: a heading's text, an image's caption. */
const LINES = {
  heading: { field: 'text', maxlength: 40, placeholder: '小标题', className: 'zb-pub-input zb-pub-input--heading' },
  image: { field: 'caption', maxlength: 60, placeholder: '图片说明（选填）', className: 'zb-pub-input' },
} as const

function lineOf(b: EditorBlock) {
  if (b.type === 'image') return { ...LINES.image, value: b.caption }
  if (b.type === 'heading') return { ...LINES.heading, value: b.text }
  return null
}

/** The body as blocks (paragraph, heading, quote, image): added, edited, moved and removed in place. */
export function BlocksCard({
  blocks,
  change,
  upload,
  uploading,
}: {
  blocks: EditorBlock[]
  change: Change
  upload: Upload
  uploading: boolean
}) {
  const setBlock = (key: string, patch: Partial<{ text: string; caption: string }>) =>
    change((f) => ({ ...f, blocks: f.blocks.map((b) => (b.key === key ? ({ ...b, ...patch } as EditorBlock) : b)) }))
  const move = (index: number, by: -1 | 1) =>
    change((f) => {
      const blocks = swapped(f.blocks, index, by)
      return blocks ? { ...f, blocks } : f
    })
  const remove = (key: string) => change((f) => ({ ...f, blocks: f.blocks.filter((b) => b.key !== key) }))
  const add = (type: 'paragraph' | 'heading' | 'quote') =>
    change((f) => ({ ...f, blocks: [...f.blocks, { key: blockKey(), type, text: '' }] }))
  return (
    <Card title='正文'>
      {blocks.map((b, i) => {
        const line = lineOf(b)
        return (
          <View key={b.key} className={`zb-pub-block zb-pub-block--${b.type}`} data-testid='pub-block'>
            <View className='zb-pub-block__bar'>
              <Text className='zb-pub-block__type'>{BLOCK_LABELS[b.type]}</Text>
              <View className='zb-pub-block__ops'>
                <Text className='zb-pub-block__op' onClick={() => move(i, -1)}>
                  上移
                </Text>
                <Text className='zb-pub-block__op' onClick={() => move(i, 1)}>
                  下移
                </Text>
                <Text className='zb-pub-block__op' onClick={() => remove(b.key)}>
                  删除
                </Text>
              </View>
            </View>
            {b.type === 'image' ? <Image className='zb-pub-block__image' src={b.url} mode='widthFix' /> : null}
            {line ? (
              <Input
                className={line.className}
                value={line.value}
                maxlength={line.maxlength}
                placeholder={line.placeholder}
                onInput={(e) => setBlock(b.key, { [line.field]: e.detail.value })}
              />
            ) : null}
            {b.type === 'paragraph' || b.type === 'quote' ? (
              <Textarea
                className='zb-pub-text'
                value={b.text}
                maxlength={b.type === 'quote' ? 600 : 3000}
                autoHeight
                placeholder={b.type === 'quote' ? '引用的原文或金句' : '在这里写正文，一段一个输入框'}
                onInput={(e) => setBlock(b.key, { text: e.detail.value })}
                data-testid='pub-paragraph'
              />
            ) : null}
          </View>
        )
      })}
      <View className='zb-pub-add'>
        <Text className='zb-pub-add__item' onClick={() => add('paragraph')}>
          + 段落
        </Text>
        <Text className='zb-pub-add__item' onClick={() => add('heading')}>
          + 小标题
        </Text>
        <Text className='zb-pub-add__item' onClick={() => add('quote')}>
          + 引用
        </Text>
        <Text
          className='zb-pub-add__item'
          onClick={() =>
            void upload((img) =>
              change((f) => ({
                ...f,
                blocks: [
                  ...f.blocks,
                  { key: blockKey(), type: 'image', fileID: img.fileID, url: img.url, caption: '' },
                ],
              })),
            )
          }
          data-testid='pub-add-image'
        >
          {uploading ? '上传中…' : '+ 图片'}
        </Text>
      </View>
    </Card>
  )
}
