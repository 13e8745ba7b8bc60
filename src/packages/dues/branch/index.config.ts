export default definePageConfig({ navigationBarTitleText: '支部党费' })
