import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { startAgendaRouter, type AgendaRouter } from '../../server/cluster/AgendaRouter';
import { YJS_SYNC_PATH } from '../../src/lib/domain/yjsProtocol';

/** A stand-in instance: answers HTTP and websockets with its name and what it was sent. */
async function startNamed(name: string) {
	const server: Server = createServer((req, res) => {
		res.setHeader('content-type', 'application/json');
		res.end(JSON.stringify({ name, forwardedFor: req.headers['x-forwarded-for'] ?? null }));
	});
	const wss = new WebSocketServer({ server });
	wss.on('connection', (ws, req) => {
		ws.on('error', () => undefined);
		ws.on('message', (data: Buffer) => ws.send(`${name}|${req.url}|${data.toString()}`));
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	return {
		name,
		port: (server.address() as AddressInfo).port,
		async close() {
			for (const c of wss.clients) c.terminate();
			server.closeAllConnections();
			await new Promise<void>((r) => server.close(() => r()));
		}
	};
}

/** Opens an agenda socket through the router; resolves with the instance's echo of `hello`. */
function agendaSocket(router: AgendaRouter, agenda: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(`${router.url.replace('http', 'ws')}${YJS_SYNC_PATH}/${agenda}`);
		ws.on('error', reject);
		ws.on('open', () => ws.send('hello'));
		ws.on('message', (data: Buffer) => {
			resolve(data.toString());
			ws.close();
		});
	});
}

const getJson = (url: string) =>
	new Promise<{ name: string; forwardedFor: string | null }>((resolve, reject) => {
		get(url, (res) => {
			let body = '';
			res.on('data', (d: Buffer) => (body += d.toString()));
			res.on('end', () => resolve(JSON.parse(body) as { name: string; forwardedFor: string }));
		}).on('error', reject);
	});

describe('the agenda router', () => {
	let a: Awaited<ReturnType<typeof startNamed>>;
	let b: Awaited<ReturnType<typeof startNamed>>;
	let router: AgendaRouter;
	const agendas = Array.from({ length: 24 }, (_, i) => `agenda-${i}`);
	// A target marked down sends its agendas to the other one; said in a failure's message.
	const routerLog: string[] = [];

	beforeAll(async () => {
		[a, b] = await Promise.all([startNamed('a'), startNamed('b')]);
		router = await startAgendaRouter({
			targets: [
				{ host: '127.0.0.1', port: a.port },
				{ host: '127.0.0.1', port: b.port }
			],
			log: (line) => routerLog.push(line)
		});
	});
	afterAll(async () => {
		await router?.close();
		await Promise.all([a?.close(), b?.close()]);
	});

	it('sends every socket of one agenda to the same instance, and spreads agendas over both', async () => {
		const first = new Map<string, string>();
		for (const agenda of agendas) {
			const echo = await agendaSocket(router, agenda);
			expect(echo).toBe(`${echo.split('|')[0]}|${YJS_SYNC_PATH}/${agenda}|hello`);
			first.set(agenda, echo.split('|')[0] as string);
		}
		for (const agenda of agendas)
			expect((await agendaSocket(router, agenda)).split('|')[0]).toBe(first.get(agenda));
		const counts = [...first.values()].reduce(
			(m, n) => m.set(n, (m.get(n) ?? 0) + 1),
			new Map<string, number>()
		);
		const why = `routed ${JSON.stringify([...first])}; router log: ${routerLog.join(' / ')}`;
		expect(counts.get('a'), why).toBeGreaterThan(3);
		expect(counts.get('b'), why).toBeGreaterThan(3);
	});

	it('spreads plain requests round-robin and says who the client was', async () => {
		const names = [];
		for (let i = 0; i < 4; i++) {
			const answer = await getJson(`${router.url}/api/anything`);
			expect(answer.forwardedFor).toBe('127.0.0.1');
			names.push(answer.name);
		}
		expect(new Set(names)).toEqual(new Set(['a', 'b']));
	});

	it('moves only the agendas of an instance that stops, and serves them from the other', async () => {
		const before = new Map<string, string>();
		for (const agenda of agendas)
			before.set(agenda, (await agendaSocket(router, agenda)).split('|')[0] as string);
		await b.close();
		for (const agenda of agendas) {
			const now = (await agendaSocket(router, agenda)).split('|')[0];
			// a's agendas stay on a; b's move to a, the only instance left.
			expect(now).toBe('a');
			if (before.get(agenda) === 'a') expect(now).toBe(before.get(agenda));
		}
		expect(router.targetOf('agenda-0').port).toBe(a.port);
	});
});
