/**
 * The reference y-websocket server (@y/websocket-server), bare: its own connection handler on a
 * plain `ws` server, rooms named by the URL path, no auth, no persistence. Started by
 * bench/fanout/peerServers.ts; prints `{"port":…}` when it listens.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';

const server = createServer((_req, res) => {
	res.writeHead(404);
	res.end();
});
const wss = new WebSocketServer({ server });
wss.on('connection', (ws, req) => setupWSConnection(ws, req));
server.listen(0, '127.0.0.1', () => {
	console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));
});
