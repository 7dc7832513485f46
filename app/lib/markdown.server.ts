import { Marked } from 'marked'
import sanitizeHtml from 'sanitize-html'

/**
 * Markdown written by staff and partners (story bodies), rendered to HTML that is safe to put in
 * a page: marked turns it into HTML, sanitize-html keeps only text formatting, lists, quotes and
 * links (http, https, mailto; opened with rel="nofollow noopener noreferrer"). No images (photos
 * go through the upload pipeline), no raw HTML, no scripts, styles, iframes or event handlers.
 * Headings start at h2: the page's own title is the only h1.
 */
const marked = new Marked({ gfm: true, breaks: false, async: false })

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'strong', 'em', 'a', 'blockquote', 'code', 'pre', 'br', 'hr'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    h1: 'h2',
    h5: 'h4',
    h6: 'h4',
    a: (tagName, attribs) => ({ tagName, attribs: { ...(attribs.href ? { href: attribs.href } : {}), rel: 'nofollow noopener noreferrer' } }),
  },
}

export function renderMarkdown(source: string): string {
  const html = marked.parse(source) as string
  return sanitizeHtml(html, SANITIZE)
}

/** The text of a Markdown source without markup (feeds, descriptions), whitespace collapsed. */
export function markdownText(source: string): string {
  return sanitizeHtml(marked.parse(source) as string, { allowedTags: [], allowedAttributes: {} })
    .replace(/\s+/g, ' ')
    .trim()
}
