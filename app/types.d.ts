declare module 'govuk-frontend' {
  export function initAll(config?: { scope?: Element | Document | null; onError?: (error: unknown) => void } & Record<string, unknown>): void
}
