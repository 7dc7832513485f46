export const PAGE_SIZE = 20

/** Reads ?page=N safely: anything odd becomes page 1 rather than an error. */
export function pageFrom(url: URL | string, max = 10_000, param = 'page'): number {
  const u = typeof url === 'string' ? new URL(url) : url
  const n = Number(u.searchParams.get(param) ?? '1')
  return Number.isInteger(n) && n >= 1 && n <= max ? n : 1
}

export function pageCount(total: number, size = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / size))
}
