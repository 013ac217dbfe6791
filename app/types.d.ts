declare module 'govuk-frontend' {
  export function initAll(config?: Record<string, unknown> | Element | Document | null): void
}
