/**
 * Passwords refused at sign-up because attackers try them first (docs/quality.md, Security: a local list, no
 * composition rules). Compared case-insensitively. Only entries of 8+ characters matter, since
 * shorter ones already fail the length rule.
 */
export const COMMON_PASSWORDS = new Set(
  `12345678 123456789 1234567890 0123456789 987654321 87654321 11111111 00000000 88888888 12341234
  11223344 12121212 123123123 1q2w3e4r 1qaz2wsx qwertyui qwerty123 qwertyuiop asdfghjkl zxcvbnm123
  password password1 password123 passw0rd p@ssw0rd p@ssword iloveyou iloveyou1 sunshine princess
  football baseball superman batman123 starwars whatever trustno1 welcome1 welcome123 letmein1
  admin123 administrator changeme default1 abc12345 abcd1234 abcdefgh aaaaaaaa qazwsxedc
  monkey123 dragon123 master123 michael1 jennifer shadow12 computer internet samsung1 google123
  indonesia indonesia1 indonesia123 jakarta1 jakarta123 bandung1 surabaya bismillah bismillah1
  alhamdulillah sayangku sayang123 cintaku1 rahasia1 rahasia123 katasandi katasandi1 kamusiapa
  merdeka45 garuda123 pancasila persija1 persib123 bobotoh1 aremania doraemon hellokitty
  mitralipas lapas123 pemasyarakatan ditjenpas kemenkumham rutan123 pokmaslipas`
    .split(/\s+/)
    .filter(Boolean)
    .map((p) => p.toLowerCase()),
)
