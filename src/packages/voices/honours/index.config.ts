export default definePageConfig({ navigationBarTitleText: '榜样' })
