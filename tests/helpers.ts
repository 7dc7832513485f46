import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'

export interface RequestOptions {
  method?: string
  form?: Record<string, string | string[]>
  cookie?: string
  ip?: string
  headers?: Record<string, string>
}

export function makeRequest(path: string, o: RequestOptions = {}): Request {
  const headers = new Headers(o.headers)
  headers.set('x-client-ip', o.ip ?? '203.0.113.7')
  if (o.cookie) headers.set('Cookie', o.cookie)
  let body: URLSearchParams | undefined
  if (o.form) {
    body = new URLSearchParams()
    for (const [k, v] of Object.entries(o.form)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item)
    headers.set('Content-Type', 'application/x-www-form-urlencoded')
  }
  return new Request(`http://localhost:3000${path}`, { method: o.method ?? (o.form ? 'POST' : 'GET'), headers, body })
}

type Handler = (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown

export interface Outcome {
  status: number
  headers: Headers
  data: any
}

/**
 * Runs a loader or action the way Remix would and normalises what comes back: a thrown or
 * returned Response (redirects), a `data()` result with its status, or plain data (200).
 */
export async function call(handler: Handler, request: Request, params: Record<string, string> = {}): Promise<Outcome> {
  let result: unknown
  try {
    result = await handler({ request, params, context: { cspNonce: 'test', requestId: 'test' } })
  } catch (thrown) {
    result = thrown
  }
  if (result instanceof Response) {
    const text = await result.text()
    let body: unknown = text
    try {
      body = JSON.parse(text)
    } catch {
      /* not JSON */
    }
    return { status: result.status, headers: result.headers, data: body }
  }
  if (result && typeof result === 'object' && (result as { type?: string }).type === 'DataWithResponseInit') {
    const d = result as { data: unknown; init: ResponseInit | null }
    return { status: d.init?.status ?? 200, headers: new Headers(d.init?.headers), data: d.data }
  }
  if (result instanceof Error) throw result
  return { status: 200, headers: new Headers(), data: result }
}

/** The session token a Set-Cookie header carries, as a Cookie header value. */
export function cookieFrom(headers: Headers, name = 'ml_session'): string | undefined {
  const all = headers.getSetCookie?.() ?? [headers.get('Set-Cookie') ?? '']
  for (const c of all) {
    const m = new RegExp(`^${name}=([^;]*)`).exec(c)
    if (m) return `${name}=${m[1]}`
  }
  return undefined
}
