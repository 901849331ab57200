import { createContext, useContext } from 'react'

/** The CSP nonce of this document, for the few inline scripts Remix renders. Empty in the browser. */
export const NonceContext = createContext<string>('')

export function useNonce(): string {
  return useContext(NonceContext)
}
