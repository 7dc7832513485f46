import { type KeyboardEvent, useRef, useState } from 'react'
import { useT } from '#app/web/i18n.tsx'

export interface GalleryImage {
  id: string
  file_name: string
  thumb_name: string
  alt: string
  width: number
  height: number
}

/**
 * A product's photos (issue 14, item 6): a strip that snaps photo by photo (CSS scroll-snap:
 * swiped on phones, scrolled by its arrow keys once focused), with thumbnails that are plain
 * links to each photo, so it works without JavaScript. With it, the arrow keys, Home and End
 * move exactly one photo and the thumbnail of the photo in view is marked.
 */
export function ProductGallery({ images }: { images: GalleryImage[] }) {
  const t = useT()
  const track = useRef<HTMLDivElement>(null)
  const [current, setCurrent] = useState(0)
  if (images.length === 0)
    return <div className="product-thumb product-thumb-empty" role="img" aria-label={t('catalog.noImage')} />
  const show = (i: number) => {
    const el = track.current
    if (!el) return
    const n = Math.max(0, Math.min(images.length - 1, i))
    el.scrollTo({ left: n * el.clientWidth })
    setCurrent(n)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key]
    if (step !== undefined) show(current + step)
    else if (event.key === 'Home') show(0)
    else if (event.key === 'End') show(images.length - 1)
    else return
    event.preventDefault()
  }
  return (
    <div className="product-gallery">
      <div
        ref={track}
        className="gallery-track"
        tabIndex={images.length > 1 ? 0 : undefined}
        role={images.length > 1 ? 'region' : undefined}
        aria-label={images.length > 1 ? `${t('catalog.gallery')}. ${t('catalog.galleryHint')}` : undefined}
        onKeyDown={images.length > 1 ? onKeyDown : undefined}
        onScroll={(e) => {
          const el = e.currentTarget
          if (el.clientWidth) setCurrent(Math.round(el.scrollLeft / el.clientWidth))
        }}
      >
        {images.map((img, i) => (
          <figure
            key={img.id}
            id={`foto-${i + 1}`}
            className="gallery-slide"
            aria-label={images.length > 1 ? t('catalog.photoN', { n: i + 1, total: images.length }) : undefined}
          >
            <img
              src={`/uploads/${img.file_name}`}
              alt={img.alt}
              width={img.width}
              height={img.height}
              loading={i === 0 ? undefined : 'lazy'}
            />
          </figure>
        ))}
      </div>
      {images.length > 1 ? (
        <ul className="gallery-thumbs">
          {images.map((img, i) => (
            <li key={img.id}>
              <a
                href={`#foto-${i + 1}`}
                aria-current={i === current ? 'true' : undefined}
                onClick={(e) => {
                  e.preventDefault()
                  show(i)
                }}
              >
                <img
                  src={`/uploads/${img.thumb_name}`}
                  alt={t('catalog.showPhoto', { n: i + 1 })}
                  width={64}
                  height={64}
                  loading="lazy"
                />
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
