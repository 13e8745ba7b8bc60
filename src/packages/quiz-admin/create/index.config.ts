export default definePageConfig({ navigationBarTitleText: '发布测验' })
