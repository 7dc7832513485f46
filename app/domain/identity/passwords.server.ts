import { hash, verify } from '@node-rs/argon2'

// OWASP's argon2id baseline: m=19 MiB, t=2, p=1.
export const ARGON2_PARAMS = {
  algorithm: 2, // Algorithm.Argon2id (a const enum, which isolatedModules cannot read)
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const

// Each hash takes ~19 MiB and tens of ms of CPU: cap how many run at once so a burst of logins
// cannot exhaust memory or starve other requests.
const MAX_CONCURRENT_HASHES = 2
let running = 0
const waiting: (() => void)[] = []
async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_HASHES) await new Promise<void>((resolve) => waiting.push(resolve))
  running++
  try {
    return await work()
  } finally {
    running--
    waiting.shift()?.()
  }
}

export function hashPassword(password: string): Promise<string> {
  return limited(() => hash(password, ARGON2_PARAMS))
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await limited(() => verify(passwordHash, password))
  } catch {
    return false
  }
}

/** True when a stored hash was made with other parameters than today's: rehash at login. */
export function needsRehash(passwordHash: string): boolean {
  const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(passwordHash)
  if (!m) return true
  return (
    Number(m[1]) !== ARGON2_PARAMS.memoryCost ||
    Number(m[2]) !== ARGON2_PARAMS.timeCost ||
    Number(m[3]) !== ARGON2_PARAMS.parallelism
  )
}

// A hash of nothing in particular, verified when the user does not exist so that unknown and
// known emails take the same time (no account enumeration by timing).
let dummyHash: Promise<string> | undefined
export function dummyVerify(password: string): Promise<boolean> {
  dummyHash ??= hashPassword('not-a-real-password-0000')
  return dummyHash.then((h) => verifyPassword(h, password)).then(() => false)
}
