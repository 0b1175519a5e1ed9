import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_PHOTO_BYTES } from '../../src/lib/domain/demands';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * The header through which our server tells SvelteKit's adapter-node which scheme the browser
 * used. Without it adapter-node assumes https: then every plain-http form post fails its CSRF
 * check and cookies come out `Secure`. The server sets it on every request (overwriting whatever
 * a client sent); with ORIGIN configured, adapter-node uses ORIGIN and ignores it.
 */
export const PROTOCOL_HEADER = 'x-gongzhi-protocol';

/**
 * Imports the built SvelteKit handler. adapter-node reads its settings from the environment
 * when the module loads, so PROTOCOL_HEADER is set first.
 */
export async function loadAppHandler(buildDir: string): Promise<RequestHandler> {
	process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;
	// adapter-node refuses bodies over 512 KB by default; a demand photo may be 8 MB (the upload
	// route checks its own limit and answers 413 with a code). Every other route bounds its input.
	process.env.BODY_SIZE_LIMIT ??= String(MAX_PHOTO_BYTES + 1024 * 1024);
	const mod = (await import(pathToFileURL(resolve(buildDir, 'handler.js')).href)) as {
		handler: RequestHandler;
	};
	return mod.handler;
}

/** Marks a request as received over plain HTTP (our server does not terminate TLS). */
export function markProtocol(req: IncomingMessage) {
	req.headers[PROTOCOL_HEADER] = 'http';
}
