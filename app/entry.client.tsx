import { RemixBrowser } from '@remix-run/react'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { MessagesProvider, messagesFromDocument } from './utils/i18n.tsx'

// Only the active language's messages reach the browser: the server wrote them into the page.
const messages = messagesFromDocument()

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <MessagesProvider value={messages}>
        <RemixBrowser />
      </MessagesProvider>
    </StrictMode>,
  )
})
