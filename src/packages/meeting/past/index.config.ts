export default definePageConfig({ navigationBarTitleText: '历史会议' })
