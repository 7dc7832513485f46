/** Authentication: the second factor (change, removal, replay), reset links, the first admin. */
export const auth = {
  id: {
    'totp.reused': 'Kode ini sudah dipakai. Tunggu kode berikutnya di aplikasi autentikator.',
    'totp.alreadyEnabled':
      'Verifikasi dua langkah sudah aktif. Untuk mengganti aplikasi autentikator, pakai formulir penggantian.',
    'totp.notEnabled': 'Verifikasi dua langkah belum aktif.',
    'totp.requiredForRole':
      'Peran Anda (admin atau keuangan) wajib memakai verifikasi dua langkah: aplikasi autentikator dapat diganti, tetapi tidak dimatikan.',
    'totp.manageTitle': 'Verifikasi dua langkah',
    'totp.manageIntro':
      'Verifikasi dua langkah aktif. Mengganti atau mematikannya memerlukan kata sandi dan kode dari aplikasi autentikator Anda saat ini; sesi lain akun ini akan diakhiri dan Anda menerima email pemberitahuan.',
    'totp.replaceTitle': 'Ganti aplikasi autentikator',
    'totp.replaceIntro':
      'Masukkan kunci baru di bawah ini ke aplikasi autentikator baru, lalu isi kata sandi, kode dari aplikasi lama, dan kode dari aplikasi baru.',
    'totp.currentCode': 'Kode dari aplikasi autentikator saat ini',
    'totp.newCode': 'Kode dari aplikasi autentikator baru',
    'totp.replaceSubmit': 'Ganti autentikator',
    'totp.removeTitle': 'Matikan verifikasi dua langkah',
    'totp.removeIntro': 'Setelah dimatikan, akun Anda masuk hanya dengan kata sandi.',
    'totp.removeSubmit': 'Matikan verifikasi dua langkah',
    'totp.replaced': 'Aplikasi autentikator diganti. Sesi lain akun ini telah diakhiri.',
    'totp.removed': 'Verifikasi dua langkah dimatikan. Sesi lain akun ini telah diakhiri.',
    'totp.replacedEmailSubject': 'Aplikasi autentikator Mitra Lipas Anda diganti',
    'totp.replacedEmailBody':
      'Halo {name},\n\nAplikasi autentikator (verifikasi dua langkah) akun Mitra Lipas Anda diganti pada {at}. Sesi lain akun ini telah diakhiri.\n\nJika bukan Anda yang melakukannya, segera atur ulang kata sandi di {link} dan hubungi admin Mitra Lipas.',
    'totp.removedEmailSubject': 'Verifikasi dua langkah Mitra Lipas Anda dimatikan',
    'totp.removedEmailBody':
      'Halo {name},\n\nVerifikasi dua langkah akun Mitra Lipas Anda dimatikan pada {at}. Sesi lain akun ini telah diakhiri.\n\nJika bukan Anda yang melakukannya, segera atur ulang kata sandi di {link} dan hubungi admin Mitra Lipas.',
    'profile.totpManage': 'Kelola',
    'admin.exists': 'Sudah ada admin ({email}); admin berikutnya diundang dari /admin/users.',
    'admin.bootstrapEmailSubject': 'Akun admin nasional Mitra Lipas Anda',
    'admin.bootstrapEmailBody':
      'Halo {name},\n\nAkun admin nasional Mitra Lipas telah dibuat untuk Anda. Atur kata sandi melalui tautan ini (sekali pakai, berlaku {hours} jam):\n{link}\n\nSaat masuk pertama kali, Anda akan diminta mengaktifkan verifikasi dua langkah dengan aplikasi autentikator.',
    'password.changedEmailSubject': 'Kata sandi Mitra Lipas Anda diganti',
    'password.changedEmailBody':
      'Halo {name},\n\nKata sandi akun Mitra Lipas Anda diganti pada {at}. Sesi lain akun ini telah diakhiri dan tautan atur ulang kata sandi yang belum dipakai tidak berlaku lagi.\n\nJika bukan Anda yang melakukannya, segera atur ulang kata sandi di {link} dan hubungi admin Mitra Lipas.',
  },
  en: {
    'totp.reused': 'This code has already been used. Wait for the next code in your authenticator app.',
    'totp.alreadyEnabled':
      'Two-step verification is already on. To change your authenticator app, use the replace form.',
    'totp.notEnabled': 'Two-step verification is not on.',
    'totp.requiredForRole':
      'Your role (admin or finance) requires two-step verification: the authenticator app can be replaced but not turned off.',
    'totp.manageTitle': 'Two-step verification',
    'totp.manageIntro':
      'Two-step verification is on. Replacing or turning it off needs your password and a code from your current authenticator app; the other sessions of this account end and you get an email about it.',
    'totp.replaceTitle': 'Replace authenticator app',
    'totp.replaceIntro':
      'Add the new key below to your new authenticator app, then enter your password, a code from the old app and a code from the new one.',
    'totp.currentCode': 'Code from your current authenticator app',
    'totp.newCode': 'Code from the new authenticator app',
    'totp.replaceSubmit': 'Replace authenticator',
    'totp.removeTitle': 'Turn off two-step verification',
    'totp.removeIntro': 'Once it is off, your account signs in with the password alone.',
    'totp.removeSubmit': 'Turn off two-step verification',
    'totp.replaced': 'Authenticator app replaced. The other sessions of this account were signed out.',
    'totp.removed': 'Two-step verification turned off. The other sessions of this account were signed out.',
    'totp.replacedEmailSubject': 'Your Mitra Lipas authenticator app was replaced',
    'totp.replacedEmailBody':
      'Hello {name},\n\nThe authenticator app (two-step verification) of your Mitra Lipas account was replaced on {at}. The other sessions of this account were signed out.\n\nIf this was not you, reset your password at once at {link} and contact a Mitra Lipas admin.',
    'totp.removedEmailSubject': 'Two-step verification turned off on your Mitra Lipas account',
    'totp.removedEmailBody':
      'Hello {name},\n\nTwo-step verification was turned off on your Mitra Lipas account on {at}. The other sessions of this account were signed out.\n\nIf this was not you, reset your password at once at {link} and contact a Mitra Lipas admin.',
    'profile.totpManage': 'Manage',
    'admin.exists': 'An admin already exists ({email}); further admins are invited from /admin/users.',
    'admin.bootstrapEmailSubject': 'Your Mitra Lipas national admin account',
    'admin.bootstrapEmailBody':
      'Hello {name},\n\nA national admin account of Mitra Lipas was created for you. Set your password with this link (single use, valid for {hours} hours):\n{link}\n\nAt your first login you will be asked to turn on two-step verification with an authenticator app.',
    'password.changedEmailSubject': 'Your Mitra Lipas password was changed',
    'password.changedEmailBody':
      'Hello {name},\n\nThe password of your Mitra Lipas account was changed on {at}. The other sessions of this account were signed out and unused password reset links no longer work.\n\nIf this was not you, reset your password at once at {link} and contact a Mitra Lipas admin.',
  },
} as const
