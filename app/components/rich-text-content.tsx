/**
 * Shows HTML that the server rendered from a validated document (see
 * app/lib/rich-text.server.ts). Never pass HTML that came from a browser.
 */
export function RichTextContent({ html }: { html: string }) {
  return <div className="app-rich-text" dangerouslySetInnerHTML={{ __html: html }} />
}
