export default definePageConfig({ navigationBarTitleText: '发展自查' })
