// Stands in for @tarojs/runtime's HTML parser (dom-external/inner-html/html.js and parser.js) in the weapp build.
// The app turns innerHTML off (mini.runtime.enableInnerHTML: false), so Taro never calls these; they are bundled
// anyway because @tarojs/taro requires the runtime as CommonJS, which keeps every export of it.
function disabled() {
  throw new Error('innerHTML is disabled in this build (mini.runtime.enableInnerHTML: false)')
}
export const setInnerHTML = disabled
export const parser = disabled
