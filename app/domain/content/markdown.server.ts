import { marked } from 'marked'
import sanitizeHtml from 'sanitize-html'

/**
 * Markdown written by an admin, as safe HTML (ADR 023): marked renders it, sanitize-html keeps
 * only text markup (no scripts, styles, images, iframes or event attributes) and links to http(s),
 * mailto and tel or within the portal. A `#` heading becomes an h2: the page's title is its h1.
 * External links open in the same tab and carry rel="noopener noreferrer".
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['h2', 'h3', 'h4', 'p', 'br', 'hr', 'ul', 'ol', 'li', 'strong', 'em', 'b', 'i', 'a', 'blockquote', 'code', 'pre', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  allowedAttributes: { a: ['href', 'rel'], th: ['scope'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    h1: 'h2',
    h5: 'h4',
    h6: 'h4',
    a: (tagName, attribs) => {
      const href = attribs.href ?? ''
      const out: Record<string, string> = { href }
      if (/^https?:/i.test(href)) out.rel = 'noopener noreferrer'
      return { tagName, attribs: out }
    },
  },
}

export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true, breaks: true })
  return sanitizeHtml(html, OPTIONS)
}
