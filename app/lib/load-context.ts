declare module '@remix-run/node' {
  interface AppLoadContext {
    cspNonce: string
    requestId: string
    /** The client's address (from X-Forwarded-For only behind a trusted proxy), for sign-in throttling. */
    clientIp?: string
  }
}

export {}
