import { highlightSegments } from '~search/engine'

/**
 * Text from the search engine with its matches marked. The engine marks
 * matches with private-use characters rather than HTML, so the text is
 * rendered as text and only the marks become <mark> elements.
 */
export function HighlightedText({ text }: { text: string }) {
  return <>{highlightSegments(text).map((segment, i) => (segment.match ? <mark key={i}>{segment.text}</mark> : segment.text))}</>
}
