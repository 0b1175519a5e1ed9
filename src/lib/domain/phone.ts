/** Chinese mainland mobile numbers: 11 digits, 1 then 3–9 (13x … 19x). */
const MOBILE_RE = /^1[3-9]\d{9}$/;
/** What people type between digit groups: spaces (any width) and dashes (any kind). */
const SEPARATORS_RE = /[\s\u2010-\u2015\u2212-]/g;

/**
 * The 11-digit mobile number in what someone typed or a spreadsheet held, or null.
 * Accepts spaces, dashes, full-width digits (NFKC folds ０-９ and ＋ to ASCII) and a leading
 * +86, 0086 or 86. Anything else (letters, extensions, landlines) is refused, not guessed at.
 */
export function normalizeMobile(input: string): string | null {
	if (input.length > 40) return null;
	let s = input.normalize('NFKC').replace(SEPARATORS_RE, '');
	if (s.startsWith('+86')) s = s.slice(3);
	else if (s.startsWith('0086')) s = s.slice(4);
	else if (s.startsWith('86') && s.length === 13) s = s.slice(2);
	return MOBILE_RE.test(s) ? s : null;
}

/**
 * For lists and logs: '13812345678' → '138****5678'. Input that is not a mobile number is
 * masked whole, so a malformed value never leaks either.
 */
export function maskMobile(mobile: string): string {
	const n = normalizeMobile(mobile);
	if (n === null) return '*'.repeat(Math.min(mobile.length, 11));
	return `${n.slice(0, 3)}****${n.slice(7)}`;
}
