import { PassThrough } from 'node:stream'
import type { AppLoadContext, EntryContext } from '@remix-run/node'
import { isRouteErrorResponse, RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { messagesAsset } from './i18n/assets.server.ts'
import { MESSAGES } from './i18n/index.ts'
import { log } from '#app/lib/log.server.ts'
import { MessagesProvider } from '#app/web/i18n.tsx'
import { NonceProvider } from '#app/web/nonce.tsx'
import { RequestIdProvider } from '#app/web/request-id.tsx'

const ABORT_DELAY = 5_000
export const streamTimeout = ABORT_DELAY

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce
  // Bots and no-JS clients get the whole document at once; browsers get it streamed.
  const readyEvent = isbot(request.headers.get('user-agent') ?? '') ? 'onAllReady' : 'onShellReady'
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RequestIdProvider value={loadContext.requestId}>
          <MessagesProvider
            value={{ dicts: MESSAGES, hrefs: { id: messagesAsset('id').href, en: messagesAsset('en').href } }}
          >
            <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
          </MessagesProvider>
        </RequestIdProvider>
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
          // The whole document, then one body: every loader has run before the render starts, so
          // streaming gained nothing here, while its ~16 chunks each cost a round through gzip
          // (about 3x the CPU of compressing the page at once; ADR 034).
          const body = new PassThrough()
          const chunks: Buffer[] = []
          body.on('data', (chunk: Buffer) => chunks.push(chunk))
          body.on('error', reject)
          body.on('end', () =>
            resolve(new Response(Buffer.concat(chunks), { headers: responseHeaders, status: responseStatusCode })),
          )
          pipe(body)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          if (shellRendered) log.error({ err: error }, 'render failed after the shell was sent')
        },
      },
    )
    setTimeout(abort, ABORT_DELAY)
  })
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return
  // The stack stays in the log; the page shows only the request id (app/components/route-error.tsx).
  // Remix's own refusals (a POST to a page without an action: 405) are not server failures.
  if (isRouteErrorResponse(error)) {
    const { status, error: cause } = error as { status: number; error?: unknown }
    log[status >= 500 ? 'error' : 'warn']({ err: cause ?? error, status }, 'request refused by Remix')
    return
  }
  log.error({ err: error }, 'unhandled server error')
}
