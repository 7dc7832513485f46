/**
 * The trust pages as a new install starts with them (ADR 023), in Bahasa Indonesia and English.
 * National admins edit them at /admin/pages; every save is a new version. Written for buyers
 * and partners: who sells, what happens to their data and money, how to complain. Facts about
 * the portal stated here are true of the code (card data never reaches the portal, no inmate's
 * identity is stored, bank transfers go to the selling UPT); contact channels that depend on the
 * install (a help desk number, an email address) are for the admin to add.
 */
import type { SitePageSlug } from './slugs.ts'

export interface SitePageDefault {
  slug: SitePageSlug
  titleId: string
  titleEn: string
  bodyId: string
  bodyEn: string
}

const ABOUT_ID = `Mitra Lipas adalah portal kemitraan **Direktorat Jenderal Pemasyarakatan (Ditjenpas)**, Kementerian Imigrasi dan Pemasyarakatan Republik Indonesia. Portal ini mempertemukan tiga pihak:

- **Unit Pelaksana Teknis (UPT) Pemasyarakatan**: Lembaga Pemasyarakatan (Lapas), Rumah Tahanan Negara (Rutan), Lembaga Pembinaan Khusus Anak (LPKA) dan Balai Pemasyarakatan (Bapas) yang menjalankan program pembinaan kemandirian;
- **Kelompok Masyarakat Peduli Pemasyarakatan (Pokmas Lipas)**: perusahaan, lembaga swadaya masyarakat, koperasi, perguruan tinggi dan media yang menawarkan modal, pelatihan, tenaga ahli, penyerapan produk atau publikasi;
- **masyarakat umum** yang membeli produk karya warga binaan.

## Toko

Setiap produk di toko ini dibuat dalam program pembinaan kemandirian dan **dijual oleh UPT yang membuatnya**. Nama UPT penjual tertera di halaman produk, di keranjang dan di setiap pesanan. Satu pesanan dari beberapa UPT dipecah menjadi sub-pesanan per UPT, dan setiap UPT mengirim serta menagih sub-pesanannya sendiri.

Warga binaan bekerja secara sukarela sebagai bagian dari pembinaan dan menerima **premi** dari hasil penjualan. Sebagian hasil penjualan disetor ke kas negara sebagai **Penerimaan Negara Bukan Pajak (PNBP)**, dan sebagian lagi kembali menjadi modal produksi program. Pembagiannya dicatat dalam pembukuan setiap UPT.

## Etika

Kami tidak pernah menyimpan atau menampilkan identitas warga binaan. Hasil program dicatat sebagai jumlah (berapa orang dilatih, berapa yang bersertifikat), bukan sebagai data perorangan. Foto produk dan cerita program tidak menampilkan wajah atau nama warga binaan.

## Menjadi mitra

Organisasi yang ingin mendukung program pembinaan dapat mendaftar sebagai mitra di halaman [Daftar](/signup). Pendaftaran diperiksa oleh admin Ditjenpas atau Kantor Wilayah sebelum mitra dapat mengajukan kerja sama.`

const ABOUT_EN = `Mitra Lipas is the partnership portal of the **Directorate General of Corrections (Ditjenpas)**, Ministry of Immigration and Corrections of the Republic of Indonesia. It brings three groups together:

- **correctional units (UPT)**: prisons (Lapas), remand centres (Rutan), juvenile facilities (LPKA) and probation offices (Bapas) that run work and training programs;
- **community partners (Pokmas Lipas)**: companies, NGOs, cooperatives, universities and media offering capital, training, experts, product offtake or publicity;
- **the public**, who buy products made in those programs.

## The shop

Every product in this shop is made in a work or training program and **sold by the unit that made it**. The selling unit's name is shown on the product page, in the cart and on every order. An order from several units is split into one sub-order per unit, and each unit ships and bills its own sub-order.

Inmates take part voluntarily as part of their rehabilitation and receive a **wage (premi)** from each sale. Part of every sale goes to the state treasury as **non-tax state revenue (PNBP)**, and part returns to the program as production capital. Each unit's books record the split.

## Ethics

We never store or show the identity of any inmate. Program results are recorded as counts (how many were trained, how many certified), never as personal records. Product photos and program stories do not show inmates' faces or names.

## Becoming a partner

Organisations that want to support these programs can register as a partner on the [Sign up](/signup) page. A Ditjenpas or regional office admin reviews each registration before the partner can propose cooperation.`

const CONTACT_ID = `## Pertanyaan tentang pesanan

Pesanan Anda dilayani oleh **UPT penjual** yang tertera di halaman pesanan. Simpan tautan pesanan yang kami kirim ke surel Anda: di sana tercantum status pembayaran dan pengiriman setiap sub-pesanan, nomor resi, serta UPT yang menanganinya. Pembeli yang memiliki akun dapat melihat semua pesanannya di [Pesanan saya](/account/orders).

Untuk keluhan, pengembalian barang atau pengembalian dana, ikuti langkah di halaman [Pengembalian & Pengaduan](/info/pengembalian-pengaduan).

## Kemitraan

Pertanyaan tentang pendaftaran mitra, penawaran dukungan atau perjanjian kerja sama (PKS) dapat diajukan melalui akun mitra Anda, atau kepada Kantor Wilayah Kementerian Imigrasi dan Pemasyarakatan di provinsi Anda.

## Pengelola portal

Direktorat Jenderal Pemasyarakatan
Kementerian Imigrasi dan Pemasyarakatan Republik Indonesia
Jl. Veteran No. 11, Jakarta Pusat 10110

## Pengaduan layanan publik

Jika pengaduan Anda tidak ditanggapi, Anda juga dapat menyampaikannya melalui **SP4N-LAPOR!**, layanan aspirasi dan pengaduan publik nasional, di [lapor.go.id](https://www.lapor.go.id).`

const CONTACT_EN = `## Questions about an order

Your order is handled by the **selling unit (UPT)** named on the order page. Keep the order link we email you: it shows the payment and delivery status of each sub-order, the tracking number and the unit handling it. Buyers with an account see all their orders under [My orders](/account/orders).

For complaints, returns or refunds, follow the steps on the [Returns & complaints](/info/pengembalian-pengaduan) page.

## Partnerships

Questions about registering as a partner, offering support or a cooperation agreement (PKS) can be sent through your partner account, or to the regional office (Kantor Wilayah) of the Ministry of Immigration and Corrections in your province.

## Portal operator

Directorate General of Corrections (Direktorat Jenderal Pemasyarakatan)
Ministry of Immigration and Corrections of the Republic of Indonesia
Jl. Veteran No. 11, Central Jakarta 10110

## Public service complaints

If your complaint is not answered, you can also file it with **SP4N-LAPOR!**, Indonesia's national public complaints service, at [lapor.go.id](https://www.lapor.go.id).`

const TERMS_ID = `Syarat dan ketentuan ini berlaku bagi setiap orang yang menggunakan Mitra Lipas. Dengan membuat akun atau pesanan, Anda menyetujuinya.

## 1. Penjual

Produk di toko ini dijual oleh **UPT Pemasyarakatan** (Lapas, Rutan, LPKA) yang tertera pada halaman produk dan pesanan, sebagai unit pelaksana teknis Direktorat Jenderal Pemasyarakatan. Mitra Lipas adalah portal yang dikelola Ditjenpas untuk mempertemukan pembeli dengan UPT penjual.

## 2. Harga dan pembayaran

- Harga dalam rupiah dan sudah final; ongkos kirim dihitung per UPT dan ditampilkan sebelum pesanan dibuat.
- Pembayaran dengan kartu diproses oleh penyedia pembayaran; portal tidak pernah menerima atau menyimpan data kartu Anda.
- Pembayaran transfer bank dilakukan ke rekening UPT penjual, **tepat sebesar jumlah yang ditampilkan** (termasuk kode unik tiga digit), dalam 24 jam. Pesanan yang tidak dibayar dalam batas waktu itu dibatalkan dan stoknya dilepas.
- Stok disisihkan untuk Anda selama 60 menit sejak pesanan dibuat sambil menunggu pembayaran.

## 3. Produk buatan tangan

Produk dibuat dengan tangan dalam program pelatihan: warna, motif dan ukuran dapat sedikit berbeda dari foto. Produk "dibuat sesuai pesanan" mulai dikerjakan setelah pembayaran diterima, dengan perkiraan waktu pengerjaan yang tertera di halaman produk.

## 4. Pengiriman dan pengambilan

UPT mengirim pesanan melalui jasa kurir dan mencantumkan nomor resi di halaman pesanan, atau menyiapkan pesanan untuk diambil di outlet UPT bila Anda memilih ambil sendiri. Risiko atas barang beralih kepada Anda saat barang diterima.

## 5. Pengembalian dan pengaduan

Ketentuan pengembalian barang, pengembalian dana dan cara menyampaikan pengaduan ada di halaman [Pengembalian & Pengaduan](/info/pengembalian-pengaduan).

## 6. Akun dan penggunaan yang wajar

Anda bertanggung jawab menjaga kerahasiaan kata sandi. Dilarang menggunakan portal untuk penipuan, pemesanan palsu atau mengganggu layanan; pesanan dari tamu dibatasi jumlahnya untuk mencegah penyalahgunaan. Kami dapat menangguhkan akun yang melanggar ketentuan ini.

## 7. Mitra

Mitra (Pokmas Lipas) terikat juga oleh perjanjian kerja sama (PKS) yang ditandatangani dengan UPT. Bila ada perbedaan, PKS yang berlaku untuk kerja sama tersebut.

## 8. Hukum yang berlaku

Ketentuan ini tunduk pada hukum Republik Indonesia, termasuk Undang-Undang Nomor 8 Tahun 1999 tentang Perlindungan Konsumen dan Peraturan Pemerintah Nomor 80 Tahun 2019 tentang Perdagangan Melalui Sistem Elektronik. Perubahan ketentuan berlaku sejak tanggal pembaruan yang tertera di halaman ini dan tidak mengubah pesanan yang sudah dibuat.`

const TERMS_EN = `These terms apply to everyone who uses Mitra Lipas. By creating an account or placing an order you accept them.

## 1. The seller

Products in this shop are sold by the **correctional unit (UPT)** (Lapas, Rutan, LPKA) named on the product page and the order, a technical unit of the Directorate General of Corrections. Mitra Lipas is the portal Ditjenpas runs to bring buyers and selling units together.

## 2. Prices and payment

- Prices are in rupiah and final; shipping is calculated per unit and shown before the order is placed.
- Card payments are processed by a payment provider; the portal never receives or stores your card details.
- Bank transfers go to the selling unit's account, for **exactly the amount shown** (including a three-digit unique code), within 24 hours. An order not paid in time is cancelled and its stock released.
- Stock is held for you for 60 minutes after the order is placed while payment is awaited.

## 3. Handmade products

Products are handmade in training programs: colours, patterns and sizes may differ slightly from the photos. "Made to order" products are started once payment is received, with the estimated lead time shown on the product page.

## 4. Delivery and pickup

The unit ships by courier and shows the tracking number on the order page, or prepares the order for pickup at its outlet if you chose pickup. Risk in the goods passes to you on receipt.

## 5. Returns and complaints

Returns, refunds and how to complain are described on the [Returns & complaints](/info/pengembalian-pengaduan) page.

## 6. Accounts and fair use

You are responsible for keeping your password secret. Do not use the portal for fraud, fake orders or to disrupt the service; guest orders are limited in number to prevent abuse. We may suspend accounts that break these terms.

## 7. Partners

Partners (Pokmas Lipas) are also bound by the cooperation agreement (PKS) signed with the unit. Where they differ, the PKS governs that cooperation.

## 8. Governing law

These terms are governed by the laws of the Republic of Indonesia, including Law No. 8 of 1999 on Consumer Protection and Government Regulation No. 80 of 2019 on Trading Through Electronic Systems. Changes apply from the update date shown on this page and do not alter orders already placed. The Indonesian version prevails.`

const PRIVACY_ID = `Kebijakan ini menjelaskan data pribadi apa yang dikumpulkan Mitra Lipas, untuk apa, berapa lama disimpan, dan hak Anda, sesuai **Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi (UU PDP)**. Pengendali data adalah **Direktorat Jenderal Pemasyarakatan**; UPT penjual memproses data pesanan yang ditujukan kepadanya.

## Data yang kami kumpulkan

- **Saat Anda memesan**: nama, alamat surel, nomor telepon, dan alamat pengiriman (bila dikirim), beserta isi pesanan.
- **Saat Anda membayar**: status pembayaran dan jumlahnya. Data kartu dimasukkan langsung di halaman penyedia pembayaran dan **tidak pernah sampai ke portal**. Untuk transfer bank, kami menyimpan foto bukti transfer bila Anda mengunggahnya.
- **Bila Anda membuat akun**: nama, surel, dan kata sandi yang disimpan dalam bentuk hash (tidak dapat dibaca kembali).
- **Mitra**: data organisasi, nama dan surel anggota, serta dokumen PKS yang diunggah.
- **Data teknis**: alamat IP dan waktu akses, untuk keamanan dan pembatasan penyalahgunaan; cookie sesi, keranjang dan bahasa yang diperlukan agar portal berfungsi. Kami tidak memakai cookie iklan atau pelacak pihak ketiga.

Kami **tidak pernah menyimpan identitas warga binaan**.

## Untuk apa data digunakan

- memproses, mengirim dan menagih pesanan Anda, serta mengirim pemberitahuan tentang pesanan (dasar: pelaksanaan perjanjian);
- mencatat penerimaan dan PNBP sesuai kewajiban pengelolaan keuangan negara (dasar: kewajiban hukum);
- menjaga keamanan portal dan mencegah penipuan (dasar: kepentingan yang sah);
- menanggapi pertanyaan dan pengaduan Anda.

Data tidak dijual dan tidak dipakai untuk iklan. Data hanya dibagikan kepada UPT penjual pesanan Anda, penyedia pembayaran, jasa kurir yang mengantar pesanan, dan instansi yang berwenang bila diwajibkan oleh peraturan.

## Berapa lama data disimpan

- Catatan pesanan, pembayaran dan pembukuan disimpan selama diwajibkan oleh peraturan pengelolaan keuangan negara dan kearsipan.
- Foto bukti transfer disimpan selama diperlukan untuk pemeriksaan transaksi tersebut.
- Data akun disimpan selama akun aktif; setelah Anda meminta penghapusan, data yang tidak wajib disimpan oleh peraturan dihapus atau dianonimkan.
- Sesi masuk berakhir saat Anda keluar atau setelah masa berlakunya habis.

## Hak Anda

Sesuai UU PDP, Anda berhak:

- memperoleh informasi tentang pemrosesan data Anda dan mendapat salinannya;
- memperbaiki data yang tidak akurat;
- meminta penghapusan atau pemusnahan data, kecuali yang wajib disimpan oleh peraturan;
- menarik kembali persetujuan dan mengajukan keberatan atas pemrosesan;
- meminta pembatasan pemrosesan;
- mengajukan pengaduan dan menuntut ganti rugi atas pelanggaran pemrosesan data.

## Menghubungi kami

Kirim permintaan atau pertanyaan tentang data pribadi Anda melalui saluran di halaman [Kontak](/info/kontak), dengan menyebut surel yang Anda pakai di portal dan, bila ada, nomor pesanan. Kami menanggapi paling lambat **3 x 24 jam** sejak permintaan diterima. Bila terjadi kegagalan pelindungan data pribadi, kami memberi tahu Anda secara tertulis paling lambat 3 x 24 jam, sebagaimana diatur UU PDP.`

const PRIVACY_EN = `This policy explains what personal data Mitra Lipas collects, why, how long it is kept and your rights, under **Law No. 27 of 2022 on Personal Data Protection (UU PDP)**. The data controller is the **Directorate General of Corrections (Ditjenpas)**; the selling unit (UPT) processes the data of the orders addressed to it.

## What we collect

- **When you order**: your name, email address, phone number and delivery address (if shipped), with the contents of the order.
- **When you pay**: the payment's status and amount. Card details are entered directly on the payment provider's page and **never reach the portal**. For bank transfers, we keep the photo of the transfer receipt if you upload one.
- **If you create an account**: name, email and your password stored as a hash (it cannot be read back).
- **Partners**: organisation details, members' names and emails, and uploaded PKS documents.
- **Technical data**: IP address and time of access, for security and to limit abuse; session, cart and language cookies the portal needs to work. We use no advertising cookies or third-party trackers.

We **never store the identity of any inmate**.

## Why we use it

- to process, deliver and bill your order and to notify you about it (basis: performing the contract);
- to record revenue and PNBP as state finance rules require (basis: legal obligation);
- to keep the portal secure and prevent fraud (basis: legitimate interest);
- to answer your questions and complaints.

Your data is not sold and not used for advertising. It is shared only with the unit selling your order, the payment provider, the courier delivering it, and authorities where the law requires.

## How long we keep it

- Order, payment and accounting records are kept as long as state finance and archiving rules require.
- Transfer receipts are kept as long as needed to audit that transaction.
- Account data is kept while the account is active; when you ask for deletion, whatever the law does not require us to keep is deleted or anonymised.
- A login session ends when you log out or when it expires.

## Your rights

Under UU PDP you have the right to:

- be informed about the processing of your data and obtain a copy;
- correct inaccurate data;
- ask for deletion or destruction of your data, except what the law requires us to keep;
- withdraw consent and object to processing;
- ask for processing to be restricted;
- complain and claim compensation for a breach in the processing of your data.

## Contact us

Send requests or questions about your personal data through the channels on the [Contact](/info/kontak) page, giving the email you use on the portal and, if any, the order number. We answer within **3 x 24 hours** of receiving the request. If a personal data protection failure occurs, we notify you in writing within 3 x 24 hours, as UU PDP requires. The Indonesian version prevails.`

const RETURNS_ID = `Setiap pesanan dijual dan dikirim oleh **UPT Pemasyarakatan** yang tertera di halaman pesanan (Peraturan Pemerintah Nomor 80 Tahun 2019 mewajibkan toko daring menyebutkan siapa penjualnya dan bagaimana cara mengadu). UPT itulah yang menangani pengembalian dan pengaduan atas sub-pesanannya.

## Pengembalian barang

Anda dapat meminta pengembalian dalam **7 hari setelah barang diterima** bila:

- barang rusak atau cacat saat diterima;
- barang yang dikirim berbeda dari yang dipesan (jenis, ukuran atau jumlah);
- barang tidak sampai, padahal status pesanan menyatakan sudah dikirim.

Sertakan nomor pesanan dan foto barang beserta kemasannya. Produk pangan, produk yang dibuat sesuai pesanan, dan perbedaan kecil warna atau motif yang wajar pada produk buatan tangan tidak dapat dikembalikan, kecuali rusak atau tidak sesuai pesanan.

## Pengembalian dana

Bila pengembalian disetujui atau pesanan dibatalkan setelah dibayar, dana dikembalikan oleh bagian keuangan UPT penjual:

- pembayaran **kartu**: dikembalikan ke kartu yang sama melalui penyedia pembayaran;
- **transfer bank**: ditransfer ke rekening yang Anda sebutkan.

Pengembalian dana diproses paling lambat **14 hari kerja** setelah disetujui; waktu dana tampil di rekening atau tagihan kartu Anda bergantung pada bank. Ongkos kirim ikut dikembalikan bila kesalahan ada pada UPT.

## Cara mengadu

1. **Hubungi UPT penjual** melalui kontak yang tercantum pada pesanan Anda. Sebutkan nomor pesanan dan apa yang terjadi. UPT menanggapi paling lambat 3 hari kerja.
2. **Bila tidak ditanggapi atau tidak selesai**, sampaikan kepada pengelola portal di Direktorat Jenderal Pemasyarakatan melalui saluran di halaman [Kontak](/info/kontak).
3. **Bila masih belum selesai**, Anda dapat mengadu melalui **SP4N-LAPOR!** di [lapor.go.id](https://www.lapor.go.id), atau menempuh penyelesaian sengketa konsumen melalui Badan Penyelesaian Sengketa Konsumen (BPSK) di kota atau kabupaten Anda, sesuai Undang-Undang Nomor 8 Tahun 1999 tentang Perlindungan Konsumen.

Pengaduan Anda tidak memengaruhi hak Anda yang lain sebagai konsumen.`

const RETURNS_EN = `Every order is sold and shipped by the **correctional unit (UPT)** named on the order page (Government Regulation No. 80 of 2019 requires online shops to say who sells and how to complain). That unit handles returns and complaints for its sub-order.

## Returns

You can ask for a return within **7 days of receiving the goods** if:

- the goods arrived damaged or defective;
- what was shipped differs from what you ordered (type, size or quantity);
- the goods never arrived although the order says they were shipped.

Give the order number and photos of the goods and their packaging. Food, made-to-order products, and the slight differences in colour or pattern that are normal in handmade goods cannot be returned unless damaged or not as ordered.

## Refunds

When a return is accepted, or a paid order is cancelled, the selling unit's finance officer refunds you:

- **card** payments: back to the same card through the payment provider;
- **bank transfers**: to the account you name.

Refunds are processed within **14 working days** of approval; when the money appears on your account or card statement depends on your bank. Shipping is refunded too when the unit was at fault.

## How to complain

1. **Contact the selling unit** through the contact shown on your order. Give the order number and what happened. The unit answers within 3 working days.
2. **If it does not answer or the matter is not settled**, write to the portal operator at the Directorate General of Corrections through the channels on the [Contact](/info/kontak) page.
3. **If it is still not settled**, you can complain through **SP4N-LAPOR!** at [lapor.go.id](https://www.lapor.go.id), or seek consumer dispute settlement at the Consumer Dispute Settlement Body (BPSK) of your city or regency, under Law No. 8 of 1999 on Consumer Protection.

Complaining does not affect your other rights as a consumer.`

const FAQ_ID = `## Siapa yang membuat produk ini?

Warga binaan yang mengikuti program pembinaan kemandirian di Lapas, Rutan dan LPKA, dibimbing petugas dan sering kali pelatih dari mitra. Mereka bekerja secara sukarela dan menerima premi dari hasil penjualan. Anak di LPKA hanya dididik dan dilatih, tidak dipekerjakan untuk produksi.

## Ke mana uang saya pergi?

Ke rekening UPT penjual. Dari hasil penjualan barang, sebagian menjadi premi warga binaan yang mengerjakannya, sebagian disetor ke kas negara sebagai PNBP, dan sisanya menjadi modal produksi program. Ongkos kirim dipakai untuk pengiriman.

## Apakah saya perlu membuat akun?

Tidak. Anda dapat memesan sebagai tamu; tautan pesanan dikirim ke surel Anda. Dengan akun, semua pesanan Anda tersimpan di satu tempat dan keranjang ikut tersimpan saat Anda masuk.

## Bagaimana cara membayar?

Dengan kartu melalui halaman pembayaran yang aman, atau dengan transfer bank ke rekening UPT penjual, tepat sebesar jumlah yang ditampilkan (termasuk kode unik) dalam 24 jam. Transfer dikonfirmasi oleh bagian keuangan UPT.

## Mengapa pesanan saya dipecah?

Setiap UPT mengirim dari tempatnya sendiri. Bila Anda membeli dari beberapa UPT, setiap UPT menangani sub-pesanannya sendiri, dengan ongkos kirim dan nomor resi masing-masing.

## Berapa lama pesanan sampai?

Produk yang tersedia biasanya dikirim dalam beberapa hari kerja setelah pembayaran diterima. Produk yang dibuat sesuai pesanan memerlukan waktu pengerjaan yang tertera di halaman produk. Nomor resi muncul di halaman pesanan begitu UPT mengirimnya.

## Bisakah saya mengambil sendiri?

Bisa, bila UPT penjual menyediakannya: pilih ambil sendiri saat checkout, lalu datang ke outlet UPT dengan menunjukkan nomor pesanan.

## Barang saya rusak atau tidak sesuai. Apa yang harus saya lakukan?

Ikuti langkah di halaman [Pengembalian & Pengaduan](/info/pengembalian-pengaduan) dalam 7 hari setelah barang diterima.

## Bisakah saya memesan dalam jumlah besar atau untuk perusahaan?

Bisa. Untuk pembelian rutin, organisasi dapat mendaftar sebagai mitra dan membuat perjanjian penyerapan produk (offtake) dengan UPT, dengan harga yang disepakati.

## Apakah identitas warga binaan ditampilkan?

Tidak. Portal tidak menyimpan data perorangan warga binaan, dan foto atau cerita tidak menampilkan wajah maupun nama mereka.`

const FAQ_EN = `## Who makes these products?

Inmates taking part in work and training programs at prisons, remand centres and juvenile facilities, guided by staff and often by trainers from partners. They take part voluntarily and receive a wage (premi) from each sale. Children in juvenile facilities (LPKA) are educated and trained, never put to production work.

## Where does my money go?

To the selling unit's account. Of the sale of the goods, part becomes the wage of the inmates who made them, part goes to the state treasury as non-tax revenue (PNBP), and the rest is production capital for the program. Shipping pays for delivery.

## Do I need an account?

No. You can order as a guest; the order link is emailed to you. With an account, all your orders are in one place and your cart is kept when you log in.

## How can I pay?

By card on a secure payment page, or by bank transfer to the selling unit's account for exactly the amount shown (including the unique code) within 24 hours. The unit's finance officer confirms the transfer.

## Why was my order split?

Each unit ships from its own location. When you buy from several units, each handles its own sub-order, with its own shipping cost and tracking number.

## How long does delivery take?

Products in stock are usually shipped within a few working days of payment. Made-to-order products need the lead time shown on the product page. The tracking number appears on the order page as soon as the unit ships.

## Can I pick up my order?

Yes, where the selling unit offers it: choose pickup at checkout, then visit the unit's outlet with your order number.

## My goods are damaged or not as ordered. What do I do?

Follow the steps on the [Returns & complaints](/info/pengembalian-pengaduan) page within 7 days of receiving the goods.

## Can I order in bulk or for a company?

Yes. For regular purchases, an organisation can register as a partner and agree a product offtake with a unit, at agreed prices.

## Are inmates' identities shown?

No. The portal stores no personal records of inmates, and photos and stories never show their faces or names.`

export const SITE_PAGE_DEFAULTS: readonly SitePageDefault[] = [
  { slug: 'tentang', titleId: 'Tentang Mitra Lipas', titleEn: 'About Mitra Lipas', bodyId: ABOUT_ID, bodyEn: ABOUT_EN },
  { slug: 'kontak', titleId: 'Kontak', titleEn: 'Contact', bodyId: CONTACT_ID, bodyEn: CONTACT_EN },
  {
    slug: 'syarat-ketentuan',
    titleId: 'Syarat & Ketentuan',
    titleEn: 'Terms & Conditions',
    bodyId: TERMS_ID,
    bodyEn: TERMS_EN,
  },
  {
    slug: 'kebijakan-privasi',
    titleId: 'Kebijakan Privasi',
    titleEn: 'Privacy Policy',
    bodyId: PRIVACY_ID,
    bodyEn: PRIVACY_EN,
  },
  {
    slug: 'pengembalian-pengaduan',
    titleId: 'Pengembalian & Pengaduan',
    titleEn: 'Returns & Complaints',
    bodyId: RETURNS_ID,
    bodyEn: RETURNS_EN,
  },
  {
    slug: 'faq',
    titleId: 'Pertanyaan Umum (FAQ)',
    titleEn: 'Frequently Asked Questions',
    bodyId: FAQ_ID,
    bodyEn: FAQ_EN,
  },
]
