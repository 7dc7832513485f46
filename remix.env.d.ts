/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

declare module '@remix-run/node' {
  // Single fetch: loaders and actions return plain data; this makes their types follow.
  interface Future {
    v3_singleFetch: true
  }

  /**
   * What the server hands every loader, action and entry.server render (server/index.ts builds it
   * for Express and for the page cache's renders).
   */
  interface AppLoadContext {
    /** this request's CSP nonce for inline scripts (server/security.ts) */
    cspNonce: string
    /** this request's id, as logged and echoed in X-Request-Id (server/request-log.ts) */
    requestId: string
  }
}

export {}
