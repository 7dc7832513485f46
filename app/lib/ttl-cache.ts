/**
 * A value computed at most once per `ttlMs` per key (a database handle, say): callers within the
 * window share the first caller's promise, so a burst of requests runs the query once. A failed
 * computation is not kept. `ttlMs` 0 turns the cache off. Per process: another instance keeps its
 * own copy, so a value is at most `ttlMs` old in any instance (ADR 034).
 */
export function ttlCache<K extends object, T>(ttlMs: () => number, now: () => number = Date.now) {
  const entries = new WeakMap<K, { at: number; value: Promise<T> }>()
  return function cached(key: K, compute: () => Promise<T>): Promise<T> {
    const ttl = ttlMs()
    if (ttl <= 0) return compute()
    const hit = entries.get(key)
    if (hit && now() - hit.at < ttl) return hit.value
    const value = compute()
    const entry = { at: now(), value }
    entries.set(key, entry)
    value.catch(() => {
      if (entries.get(key) === entry) entries.delete(key)
    })
    return value
  }
}
