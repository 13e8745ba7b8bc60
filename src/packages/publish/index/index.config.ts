export default definePageConfig({ navigationBarTitleText: '内容发布', onReachBottomDistance: 80 })
