export default definePageConfig({ navigationBarTitleText: '我的出勤记录' })
