export default definePageConfig({ navigationBarTitleText: '党费公开' })
