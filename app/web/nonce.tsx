import { createContext, useContext } from 'react'

const NonceContext = createContext<string>('')
export const NonceProvider = NonceContext.Provider
/** The per-request CSP nonce for inline scripts; empty in the browser (not needed after load). */
export const useNonce = () => useContext(NonceContext)
