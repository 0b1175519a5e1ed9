/** A random id for a new key in a board (`t-…` task, `c-…` checklist item, `p-…` progress). */
export function newId(prefix: string): string {
	// getRandomValues works on plain-http LAN addresses too, unlike randomUUID.
	const hex = Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) =>
		b.toString(16).padStart(2, '0')
	).join('');
	return `${prefix}-${hex}`;
}
