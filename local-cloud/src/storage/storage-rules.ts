import fs from 'node:fs'

/**
 * WeChat cloud storage's security rules (云存储 → 权限设置 → 自定义安全规则): `{ "read": rule, "write": rule }`,
 * each `true`, `false` or an expression over `auth` (the client's user: `auth.openid`, null when not
 * signed in) and `resource` (the file: `resource.openid`, its creator). They apply to client requests
 * only; functions and the console (admin) always read and write. The four presets are rules too:
 * 所有用户可读，仅创建者可读写 = `{ read: true, write: "resource.openid == auth.openid" }`;
 * 仅创建者可读写 = both `resource.openid == auth.openid`; 所有用户可读，仅管理端可写 = `{ read: true, write: false }`;
 * 仅管理端可读写 = both false. Missing keys are false, as in WeChat.
 */
export interface StorageRules {
  read: Rule
  write: Rule
}

export interface RuleContext {
  auth: { openid: string } | null
  resource: { openid: string | null; path: string }
}

type Rule = (ctx: RuleContext) => boolean

export function loadStorageRules(file: string): StorageRules {
  let parsed: unknown
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch (e) {
    throw new Error(`云存储安全规则 ${file} 无法读取或不是合法 JSON：${(e as Error).message}`)
  }
  return parseStorageRules(parsed, file)
}

export function parseStorageRules(value: unknown, where = '云存储安全规则'): StorageRules {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${where} 必须是 JSON 对象`)
  const obj = value as Record<string, unknown>
  for (const key of Object.keys(obj))
    if (key !== 'read' && key !== 'write') throw new Error(`${where} 只能有 read 与 write：${key}`)
  return {
    read: compileRule(obj.read ?? false, `${where}.read`),
    write: compileRule(obj.write ?? false, `${where}.write`),
  }
}

function compileRule(rule: unknown, where: string): Rule {
  if (typeof rule === 'boolean') return () => rule
  if (typeof rule !== 'string') throw new Error(`${where} 必须是 true、false 或表达式字符串`)
  const expr = new Parser(rule, where).parseAll()
  return (ctx) => truthy(expr(ctx))
}

// ---- the expression language: literals, member paths, ==, !=, !, &&, ||, parentheses ----

type Value = string | boolean | null | undefined | Record<string, unknown>
type Expr = (ctx: RuleContext) => Value

const TOKEN =
  /\s*(?:(==|!=|&&|\|\||!|\(|\))|('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*))/y
const ROOTS = new Set(['auth', 'resource'])

class Parser {
  private readonly tokens: string[] = []
  private at = 0

  constructor(
    source: string,
    private readonly where: string,
  ) {
    TOKEN.lastIndex = 0
    let last = 0
    for (let m = TOKEN.exec(source); m; m = TOKEN.exec(source)) {
      this.tokens.push(m[1] ?? m[2] ?? m[3])
      last = TOKEN.lastIndex
    }
    if (source.slice(last).trim() !== '') throw new Error(`${where} 有无法识别的内容：${source.slice(last).trim()}`)
  }

  parseAll(): Expr {
    const expr = this.or()
    if (this.at < this.tokens.length) throw new Error(`${this.where} 多余的内容：${this.tokens[this.at]}`)
    return expr
  }

  private or(): Expr {
    return this.chain(
      '||',
      () => this.and(),
      (a, b) => (ctx) => truthy(a(ctx)) || truthy(b(ctx)),
    )
  }

  private and(): Expr {
    return this.chain(
      '&&',
      () => this.comparison(),
      (a, b) => (ctx) => truthy(a(ctx)) && truthy(b(ctx)),
    )
  }

  /** `operand (op operand)*`, joined from the left. */
  private chain(op: string, operand: () => Expr, join: (a: Expr, b: Expr) => Expr): Expr {
    let left = operand()
    while (this.tokens[this.at] === op) {
      this.at++
      left = join(left, operand())
    }
    return left
  }

  private comparison(): Expr {
    const left = this.unary()
    const op = this.tokens[this.at]
    if (op !== '==' && op !== '!=') return left
    this.at++
    const right = this.unary()
    // `undefined` (a missing field) compares like null, so `resource.openid == auth.openid` is false for a nobody.
    return op === '==' ? (ctx) => same(left(ctx), right(ctx)) : (ctx) => !same(left(ctx), right(ctx))
  }

  private unary(): Expr {
    const token = this.tokens[this.at++]
    if (token === undefined) throw new Error(`${this.where} 表达式不完整`)
    if (token === '!') {
      const inner = this.unary()
      return (ctx) => !truthy(inner(ctx))
    }
    if (token === '(') {
      const inner = this.or()
      if (this.tokens[this.at++] !== ')') throw new Error(`${this.where} 缺少 )`)
      return inner
    }
    if (token === 'true' || token === 'false') return () => token === 'true'
    if (token === 'null') return () => null
    if (token.startsWith("'") || token.startsWith('"')) {
      const text = token.slice(1, -1).replace(/\\(.)/g, '$1')
      return () => text
    }
    const [root, ...fields] = token.split('.')
    if (!ROOTS.has(root)) throw new Error(`${this.where} 未知的变量：${token}（可用 auth、resource）`)
    return (ctx) => {
      let v: unknown = ctx[root as keyof RuleContext]
      for (const f of fields) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[f] : undefined
      return v as Value
    }
  }
}

function truthy(v: Value): boolean {
  return v !== null && v !== undefined && v !== false && v !== ''
}

function same(a: Value, b: Value): boolean {
  return (a ?? null) === (b ?? null)
}
