/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

declare module '@remix-run/node' {
  // Single fetch: loaders and actions return plain data; this makes their types follow.
  interface Future {
    v3_singleFetch: true
  }
}

export {}
