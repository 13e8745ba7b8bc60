// The parts of miniprogram-exparser (WeChat's component system, used by j-component) the weapp renderer touches.
declare module 'miniprogram-exparser' {
  export interface ExparserNode {
    childNodes: ExparserNode[]
    parentNode: ExparserNode | null
    ownerShadowRoot: ExparserShadowRoot | null
    shadowRoot?: ExparserShadowRoot
    __wxSlotChildren?: ExparserNode[]
    __virtual?: boolean
    is?: string
    id?: string
    dataset?: Record<string, unknown>
    textContent?: string
    $$?: Element
    _vt?: { tagName?: string; event?: Record<string, { name: string; handler: string }> }
  }
  export interface ExparserShadowRoot extends ExparserNode {
    getHostNode(): ExparserNode
  }
  export interface ExparserEvent {
    readonly type: string
  }
  export const Element: { getMethodCaller(node: ExparserNode): unknown }
  export const Component: { new (): ExparserNode }
  export const TextNode: { new (): ExparserNode }
  export const VirtualNode: { new (): ExparserNode }
  export const Event: {
    create(
      name: string,
      detail: unknown,
      options: { bubbles?: boolean; composed?: boolean; capturePhase?: boolean; extraFields?: Record<string, unknown> },
    ): ExparserEvent
    dispatchEvent(target: ExparserNode, event: ExparserEvent): void
  }
}
