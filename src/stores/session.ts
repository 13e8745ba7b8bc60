/**
 * Who is using the app. The profile comes from the device's copy of the last one (services/profile-cache:
 * a returning user's first screen then makes only its own call), else from `user.login` (tab pages) or
 * `user.me` (我的, which also brings the branch's secretaries), whichever runs first; the other tabs then
 * make no call. Any UNAUTHENTICATED answer, from whatever function, sends the user to binding.
 */
import { create } from 'zustand'
import type { MeResult, Profile } from '../services/api'
import { callFunction, onCallFailure, type CallFailure, type CallResult } from '../services/call'
import { transport } from '../services/cloud'
import { getIdentity } from '../services/identity'
import { forgetProfile, saveProfile, startingProfile } from '../services/profile-cache'

export type SessionStatus =
  | 'idle'
  | 'loading'
  | 'ready'
  /** The WeChat user has not bound a roster entry: show the bind page. */
  | 'unbound'
  /** H5 only: nobody picked a persona yet. */
  | 'no-identity'
  | 'error'

/** What a page needs before it can render: the profile, or the 我的 details too. */
export type SessionNeed = 'profile' | 'details'

export interface MeDetails {
  secretaries: string[]
  boundAt: string | null
}

export interface SessionState {
  status: SessionStatus
  profile: Profile | null
  details: MeDetails | null
  failure: CallFailure | null
  /** Loads what `need` asks for unless already there; concurrent calls share one request. */
  ensure: (need?: SessionNeed) => Promise<void>
  /** Takes a profile from elsewhere (the bind page). */
  accept: (profile: Profile) => void
  /** Forgets everything (switching persona). */
  reset: () => void
}

const pending = new Map<SessionNeed, Promise<void>>()

export const useSession = create<SessionState>()((set, get) => {
  async function load(need: SessionNeed): Promise<void> {
    if (transport.pickableIdentity && !getIdentity()) {
      set({ status: 'no-identity', failure: null })
      return
    }
    set({ status: 'loading', failure: null })
    const result: CallResult<{ profile: Profile; details: MeDetails | null }> =
      need === 'details'
        ? withDetails(await callFunction('user', 'me'))
        : withoutDetails(await callFunction('user', 'login'))
    if (result.ok) {
      const { profile, details } = result.data
      saveProfile(profile)
      set((s) => ({ status: 'ready', profile, details: details ?? s.details, failure: null }))
    } else if (result.code === 'UNAUTHENTICATED') {
      // Set by the failure listener below.
    } else {
      set({ status: 'error', failure: result })
    }
  }

  // A returning user's session is ready from the device's copy at once: the first render needs no call.
  const cached = startingProfile()
  return {
    status: cached ? 'ready' : 'idle',
    profile: cached,
    details: null,
    failure: null,

    ensure(need = 'profile') {
      const { profile, details, status } = get()
      const satisfied = need === 'profile' ? profile !== null : profile !== null && details !== null
      if (satisfied || status === 'unbound') return Promise.resolve()
      const cached = need === 'profile' ? startingProfile() : null
      if (cached) {
        set({ status: 'ready', profile: cached, failure: null })
        return Promise.resolve()
      }
      const running = pending.get(need)
      if (running) return running
      const promise = load(need).finally(() => pending.delete(need))
      pending.set(need, promise)
      return promise
    },

    accept(profile) {
      saveProfile(profile)
      set({ status: 'ready', profile, details: null, failure: null })
    },

    reset() {
      pending.clear()
      set({ status: 'idle', profile: null, details: null, failure: null })
    },
  }
})

// The server no longer knows this user (never bound, or unbound since the profile was cached).
onCallFailure((failure) => {
  if (failure.code !== 'UNAUTHENTICATED') return
  forgetProfile()
  useSession.setState({ status: 'unbound', profile: null, details: null, failure })
})

function withDetails(result: CallResult<MeResult>): CallResult<{ profile: Profile; details: MeDetails }> {
  if (!result.ok) return result
  const { profile, secretaries, boundAt } = result.data
  return { ok: true, data: { profile, details: { secretaries, boundAt } } }
}

function withoutDetails(result: CallResult<Profile>): CallResult<{ profile: Profile; details: null }> {
  return result.ok ? { ok: true, data: { profile: result.data, details: null } } : result
}
