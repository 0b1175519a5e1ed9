/** The link schemes the agenda keeps; anything else (javascript:, data:, vbscript:, …) is dropped. */
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:']);

/**
 * True when `href`, parsed the way a browser parses it (leading control characters and spaces
 * stripped, tabs and newlines removed, scheme case-folded), is a relative link or uses a safe
 * scheme. Parsing, not pattern matching, so `\0javascript:` and `java\tscript:` are seen for
 * what the browser would make of them.
 */
export function isSafeHref(href: string): boolean {
	try {
		return SAFE_SCHEMES.has(new URL(href, 'https://relative.invalid/').protocol);
	} catch {
		return false;
	}
}
