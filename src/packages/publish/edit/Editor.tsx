import { Text, View } from '@tarojs/components'
import { ActionBar } from '../../../components/ActionBar'
import type { Study } from '../../../services/api'
import { BlocksCard } from './BlocksCard'
import { AudienceCard, TitleCard } from './EditorCards'
import { MediaCards } from './MediaCards'
import { useArticleEditor, type EditorTarget } from './useArticleEditor'

/** Write or edit one article: its cards and the bar to save a draft or publish. */
export function Editor({ editor, ...target }: EditorTarget & { editor: Study.EditorInfo }) {
  const { profile, status } = target
  const ed = useArticleEditor(target)
  const { form, change, restored, upload, uploading, saving, videoWait } = ed
  return (
    <View className='zb-pub' data-testid='editor'>
      {restored ? (
        <View className='zb-pub-restored'>
          <Text>已恢复上次未保存的内容（{restored.savedAt.slice(5, 16).replace('T', ' ')}）</Text>
          <Text className='zb-pub-restored__discard' onClick={ed.discardLocal}>
            放弃
          </Text>
        </View>
      ) : null}

      <TitleCard form={form} change={change} editor={editor} />

      <MediaCards
        form={form}
        change={change}
        upload={upload}
        uploading={uploading}
        videoProgress={ed.videoProgress}
        onAddVideo={() => void ed.uploadVideo()}
      />

      <BlocksCard blocks={form.blocks} change={change} upload={upload} uploading={uploading} />

      <AudienceCard form={form} change={change} editor={editor} committee={profile.primaryRole === 'committee'} />

      <ActionBar
        actions={[
          ...(status !== 'published'
            ? [
                {
                  text: '存草稿',
                  disabled: saving,
                  waitsFor: videoWait,
                  onClick: () => void ed.submit('draft'),
                  testId: 'pub-save-draft',
                },
              ]
            : []),
          {
            text: status === 'published' ? '保存修改' : '发布',
            primary: true,
            loading: saving,
            waitsFor: videoWait,
            onClick: () => void ed.submit('published'),
            testId: 'pub-publish',
          },
        ]}
      />
    </View>
  )
}
