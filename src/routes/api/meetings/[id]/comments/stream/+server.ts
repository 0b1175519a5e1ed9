import { json } from '@sveltejs/kit';
import type { CommentFeedEvent } from '$lib/domain/comments';
import { commentErrorResponse } from '$lib/server/commentApi';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** Comments' own keep-alive, well under the idle timeouts of proxies in front of the app. */
const HEARTBEAT_MS = 20_000;

/**
 * Server-sent events: the reader's snapshot first, then each new, edited, resolved, deleted or
 * hidden comment of the meeting as it happens (`comment`, or `remove` when it is hidden from this
 * reader). The browser's EventSource reconnects by itself and gets a fresh snapshot. A revoked
 * session or lost access ends the stream; an unreadable meeting is a 404 as if unknown.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	if (!locals.user || !locals.session) return json({ error: 'Unauthorized' }, { status: 401 });
	const encoder = new TextEncoder();
	let controller!: ReadableStreamDefaultController<Uint8Array>;
	let open = true;
	let stop = () => {};
	let beat: ReturnType<typeof setInterval> | undefined = undefined;
	const finish = () => {
		open = false;
		clearInterval(beat);
		stop();
	};
	const write = (text: string) => {
		if (!open) return;
		try {
			controller.enqueue(encoder.encode(text));
		} catch {
			finish();
		}
	};
	// `start` runs inside the constructor, so the controller is there before anything is sent.
	const body = new ReadableStream<Uint8Array>({
		start: (c) => {
			controller = c;
			// Reconnect soon after a dropped connection (phones lose theirs often).
			c.enqueue(encoder.encode('retry: 2000\n\n'));
		},
		cancel: finish
	});
	try {
		stop = await services().comments.streams.open(locals.user.id, locals.session.id, params.id, {
			send: (event: CommentFeedEvent) =>
				write(`event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`),
			end: () => {
				finish();
				try {
					controller.close();
				} catch {
					// The reader had already gone.
				}
			}
		});
	} catch (e) {
		open = false;
		return commentErrorResponse(e);
	}
	beat = setInterval(() => write(': ping\n\n'), HEARTBEAT_MS);
	return new Response(body, {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'private, no-store',
			// A buffering proxy (nginx) would otherwise hold the events back.
			'x-accel-buffering': 'no'
		}
	});
};
