export default definePageConfig({ navigationBarTitleText: '支部测验' })
