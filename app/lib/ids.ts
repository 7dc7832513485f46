import crypto from 'node:crypto'
import { uuidv7 } from 'uuidv7'

/** Sortable, unguessable primary key, portable between SQLite and PostgreSQL. */
export function newId(): string {
  return uuidv7()
}

/** A secret token for links and cookies: 256 bits of randomness, URL-safe. */
export function newToken(): string {
  return crypto.randomBytes(32).toString('base64url')
}

/** Tokens are stored hashed so a leaked database does not hand out live sessions or links. */
export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex')
}

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
}
