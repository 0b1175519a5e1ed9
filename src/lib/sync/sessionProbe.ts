/**
 * True when the server says this browser's session has ended (401). A failed request (offline)
 * says nothing: false.
 */
export async function sessionEnded(): Promise<boolean> {
	try {
		const res = await fetch('/api/documents', {
			method: 'HEAD',
			credentials: 'same-origin',
			cache: 'no-store'
		});
		return res.status === 401;
	} catch {
		return false;
	}
}
