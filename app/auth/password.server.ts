/** Passwords are hashed with argon2id (OWASP's minimum: 19 MiB, 2 passes, 1 lane). */
import { hash, verify } from '@node-rs/argon2'

// @node-rs/argon2 declares Algorithm as a const enum, which isolated modules cannot import: 2 is Argon2id.
const ARGON2ID = 2
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const

export const MIN_PASSWORD_LENGTH = 10

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS)
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

let dummyHash: Promise<string> | undefined

/** Spends the same time as a real check, so an unknown username cannot be told apart by timing. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('hocso-dummy-password-for-timing')
  await verifyPassword(await dummyHash, password)
  return false
}
