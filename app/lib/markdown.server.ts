import { Marked } from 'marked'
import sanitizeHtml from 'sanitize-html'

/**
 * Markdown written in the portal, rendered to HTML that is safe to put in a page: marked turns it
 * into HTML, sanitize-html keeps only text markup (no images, raw HTML, scripts, styles, iframes
 * or event attributes). Headings start at h2: the page's own title is the only h1. Two profiles:
 * - `story` (stories by UPT staff and partners, ADR 025): text formatting, lists, quotes and links
 *   (http, https, mailto), every link `rel="nofollow noopener noreferrer"` (the words are not ours);
 * - `page` (trust pages by the national admin, ADR 023): also tables and `tel:` links, single line
 *   breaks kept, and only external links get `rel="noopener noreferrer"`.
 */
export type MarkdownProfile = 'story' | 'page'

const TEXT_TAGS = [
  'p',
  'h2',
  'h3',
  'h4',
  'ul',
  'ol',
  'li',
  'strong',
  'em',
  'b',
  'i',
  'a',
  'blockquote',
  'code',
  'pre',
  'br',
  'hr',
]
const HEADINGS = { h1: 'h2', h5: 'h4', h6: 'h4' }

const PROFILES: Record<MarkdownProfile, { marked: Marked; sanitize: sanitizeHtml.IOptions }> = {
  story: {
    marked: new Marked({ gfm: true, breaks: false, async: false }),
    sanitize: {
      allowedTags: TEXT_TAGS,
      allowedAttributes: { a: ['href', 'rel'] },
      allowedSchemes: ['http', 'https', 'mailto'],
      allowProtocolRelative: false,
      disallowedTagsMode: 'discard',
      transformTags: {
        ...HEADINGS,
        a: (tagName, attribs) => ({
          tagName,
          attribs: { ...(attribs.href ? { href: attribs.href } : {}), rel: 'nofollow noopener noreferrer' },
        }),
      },
    },
  },
  page: {
    marked: new Marked({ gfm: true, breaks: true, async: false }),
    sanitize: {
      allowedTags: [...TEXT_TAGS, 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
      allowedAttributes: { a: ['href', 'rel'], th: ['scope'] },
      allowedSchemes: ['http', 'https', 'mailto', 'tel'],
      allowProtocolRelative: false,
      disallowedTagsMode: 'discard',
      transformTags: {
        ...HEADINGS,
        a: (tagName, attribs) => {
          const href = attribs.href ?? ''
          const out: sanitizeHtml.Attributes = { href }
          if (/^https?:/i.test(href)) out.rel = 'noopener noreferrer'
          return { tagName, attribs: out }
        },
      },
    },
  },
}

export function renderMarkdown(source: string, profile: MarkdownProfile = 'story'): string {
  const { marked, sanitize } = PROFILES[profile]
  return sanitizeHtml(marked.parse(source) as string, sanitize)
}

/** The text of a Markdown source without markup (feeds, descriptions), whitespace collapsed. */
export function markdownText(source: string): string {
  return sanitizeHtml(PROFILES.story.marked.parse(source) as string, { allowedTags: [], allowedAttributes: {} })
    .replace(/\s+/g, ' ')
    .trim()
}
