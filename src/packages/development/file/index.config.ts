export default definePageConfig({ navigationBarTitleText: '发展纪实' })
