export default definePageConfig({ navigationBarTitleText: '发展党员规则与材料' })
