/** Product pages that sell: photo rule, gallery, related products (issue 14, item 6). */
export const gallery = {
  id: {
    'catalog.photoRequired':
      'Unggah minimal satu foto sebelum menerbitkan produk. Simpan dulu sebagai draf, lalu tambahkan foto.',
    'catalog.lastPhoto':
      'Produk yang terbit harus punya foto. Tambahkan foto lain dulu, atau ubah statusnya menjadi draf.',
    'catalog.gallery': 'Foto produk',
    'catalog.galleryHint': 'Geser foto, atau gunakan tombol panah kiri dan kanan.',
    'catalog.photoN': 'Foto {n} dari {total}',
    'catalog.showPhoto': 'Tampilkan foto {n}',
    'catalog.related': 'Produk lain dari {upt}',
  },
  en: {
    'catalog.photoRequired': 'Upload at least one photo before publishing. Save it as a draft first, then add a photo.',
    'catalog.lastPhoto': 'A published product needs a photo. Add another photo first, or set it back to draft.',
    'catalog.gallery': 'Product photos',
    'catalog.galleryHint': 'Swipe the photos, or use the left and right arrow keys.',
    'catalog.photoN': 'Photo {n} of {total}',
    'catalog.showPhoto': 'Show photo {n}',
    'catalog.related': 'More from {upt}',
  },
} as const
