/**
 * Plain text as people write it in a comment: paragraphs separated by a
 * blank line, line breaks kept, and links written as a bare address
 * (https://…, mailto:…) or as [words](https://…). It is parsed into runs of
 * text and links, never into HTML, so nothing typed can become markup; only
 * http, https and mailto addresses become links, anything else stays text.
 */

export type LinkedRun = { text: string; href?: string }
/** A paragraph is its lines; a line is its runs. */
export type LinkedParagraph = LinkedRun[][]

const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:'])

/** The address as a link may use it, or null when it is not an http, https or mailto address. */
export function safeHref(address: string): string | null {
  try {
    const url = new URL(address)
    if (!SAFE_PROTOCOLS.has(url.protocol)) return null
    if (url.protocol !== 'mailto:' && !url.hostname) return null
    return url.href
  } catch {
    return null
  }
}

// [words](address) or a bare address; the bare one ends at whitespace.
const LINK = /\[([^\]\n]{1,200})\]\(([^)\s]{1,2000})\)|\b(?:https?:\/\/|mailto:)[^\s<>"]+/gi

/** Punctuation that ends a sentence rather than an address: "see https://gov.uk." links to https://gov.uk. */
function trimTrailing(address: string): string {
  let end = address.length
  while (end > 0) {
    const char = address[end - 1]
    if ('.,;:!?\'"’”'.includes(char)) end--
    else if (char === ')' && (address.slice(0, end).match(/\(/g)?.length ?? 0) < (address.slice(0, end).match(/\)/g)?.length ?? 0)) end--
    else break
  }
  return address.slice(0, end)
}

function parseLine(line: string): LinkedRun[] {
  const runs: LinkedRun[] = []
  const pushText = (text: string) => {
    if (!text) return
    const last = runs[runs.length - 1]
    if (last && !last.href) last.text += text
    else runs.push({ text })
  }
  let at = 0
  for (const match of line.matchAll(LINK)) {
    const start = match.index
    if (match[1] !== undefined) {
      const href = safeHref(match[2])
      pushText(line.slice(at, start))
      if (href) runs.push({ text: match[1], href })
      else pushText(match[0])
      at = start + match[0].length
    } else {
      const address = trimTrailing(match[0])
      const href = safeHref(address)
      pushText(line.slice(at, start))
      if (href) runs.push({ text: address, href })
      else pushText(address)
      at = start + address.length
    }
  }
  pushText(line.slice(at))
  return runs
}

export function parseLinkedText(text: string): LinkedParagraph[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.replace(/^\n+|\n+$/g, ''))
    .filter((paragraph) => paragraph.trim())
    .map((paragraph) => paragraph.split('\n').map(parseLine))
}
