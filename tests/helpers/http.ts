import type { TestServer } from './server';

/** The `name=value` of a Set-Cookie for `name`, plus its attributes, or null. */
export function setCookie(res: Response, name: string): { value: string; attrs: string[] } | null {
	for (const line of res.headers.getSetCookie()) {
		const [pair, ...attrs] = line.split(';').map((p) => p.trim());
		if (pair?.startsWith(`${name}=`))
			return { value: pair.slice(name.length + 1), attrs: attrs.map((a) => a.toLowerCase()) };
	}
	return null;
}

/**
 * A same-origin form POST as a browser without JS sends it (`accept: text/html`: with fetch's
 * default accept-anything header SvelteKit answers as to an enhanced form, in JSON). Redirects are not followed.
 */
export function postForm(
	server: TestServer,
	path: string,
	fields: Record<string, string>,
	cookie?: string
): Promise<Response> {
	return fetch(server.url + path, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'text/html',
			origin: server.url,
			...(cookie ? { cookie } : {})
		},
		body: new URLSearchParams(fields).toString()
	});
}

export function get(server: TestServer, path: string, cookie?: string): Promise<Response> {
	return fetch(server.url + path, {
		redirect: 'manual',
		headers: cookie ? { cookie } : {}
	});
}

/** Logs in through the form; returns the Cookie header for the new session, or throws. */
export async function login(server: TestServer, username: string, password: string) {
	const res = await postForm(server, '/login', { username, password });
	const c = setCookie(res, 'gz_session');
	if (res.status !== 303 || !c) throw new Error(`login of ${username} failed: ${res.status}`);
	return `gz_session=${c.value}`;
}
