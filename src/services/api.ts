/**
 * The registry of callable cloud functions: each entry is that function's own contract type
 * (`{ [action]: { req; res } }`), imported as a type only so no server code reaches the bundle.
 * A feature adds its function here, e.g. `report: ReportContract`.
 */
import type { UserContract } from '../../cloudfunctions/user/src/contract'

export interface Api {
  user: UserContract
}

export type FunctionName = keyof Api
export type ActionName<F extends FunctionName> = keyof Api[F] & string

type Entry<F extends FunctionName, A extends ActionName<F>> = Api[F][A]
export type Req<F extends FunctionName, A extends ActionName<F>> = Entry<F, A> extends { req: infer R } ? R : never
export type Res<F extends FunctionName, A extends ActionName<F>> = Entry<F, A> extends { res: infer R } ? R : never

export type { Profile, MeResult } from '../../cloudfunctions/user/src/contract'
