/**
 * The "floor": the least a server can do for the same pages — plain node:http and prepared
 * better-sqlite3 statements returning the same rows as JSON, no framework, no rendering.
 * The app's throughput is reported as a share of this.
 */
import http from 'node:http'
import SQLite from 'better-sqlite3'

const db = new SQLite(process.env.DATABASE_URL!, { readonly: true, fileMustExist: true })
db.pragma('busy_timeout = 5000')

const listing = db.prepare(`
  select p.id, p.slug, p.name, p.price, p.unit, p.stock, p.stock_mode, p.lead_time_days,
         u.name as upt_name, u.slug as upt_slug, pr.name as province_name, s.name_id as sector_name_id, s.name_en as sector_name_en,
         (select i.thumb_name from product_images i where i.product_id = p.id order by i.sort limit 1) as thumb
  from products p join upts u on u.id = p.upt_id join provinces pr on pr.id = u.province_id join sectors s on s.id = p.sector_id
  where p.status = 'published' order by p.created_at desc, p.id desc limit 24`)
const listingCount = db.prepare(`select count(*) as n from products p where p.status = 'published'`)
const search = db.prepare(`
  select p.id, p.slug, p.name, p.price, p.unit, p.stock, p.stock_mode, p.lead_time_days,
         u.name as upt_name, u.slug as upt_slug, pr.name as province_name, s.name_id as sector_name_id, s.name_en as sector_name_en,
         (select i.thumb_name from product_images i where i.product_id = p.id order by i.sort limit 1) as thumb
  from products p join products_fts f on f.product_id = p.id
       join upts u on u.id = p.upt_id join provinces pr on pr.id = u.province_id join sectors s on s.id = p.sector_id
  where p.status = 'published' and products_fts match ? order by bm25(products_fts, 0, 10.0, 3.0, 1.0), p.id limit 24`)
const searchCount = db.prepare(
  `select count(*) as n from products p join products_fts f on f.product_id = p.id where p.status = 'published' and products_fts match ?`,
)
const product = db.prepare(`
  select p.*, u.name as upt_name, u.slug as upt_slug, u.city as upt_city, pr.name as province_name, s.name_id as sector_name_id
  from products p join upts u on u.id = p.upt_id join provinces pr on pr.id = u.province_id join sectors s on s.id = p.sector_id
  where p.slug = ? and p.status = 'published'`)
const images = db.prepare(
  `select id, file_name, thumb_name, alt, width, height from product_images where product_id = ? order by sort`,
)

http
  .createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    let body: unknown
    if (url.pathname === '/healthz') body = { status: 'ok' }
    else if (url.pathname === '/products') {
      const q = url.searchParams.get('q')
      body = q
        ? { rows: search.all(`"${q}"*`), total: (searchCount.get(`"${q}"*`) as { n: number }).n }
        : { rows: listing.all(), total: (listingCount.get() as { n: number }).n }
    } else if (url.pathname.startsWith('/products/')) {
      const p = product.get(url.pathname.slice('/products/'.length)) as { id: string } | undefined
      body = p ? { ...p, images: images.all(p.id) } : null
    }
    if (body === undefined || body === null) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body))
  })
  .listen(Number(process.env.PORT), '127.0.0.1')
