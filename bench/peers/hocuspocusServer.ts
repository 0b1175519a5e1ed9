/**
 * Hocuspocus, bare: its own server with no extensions (no auth hook, no persistence). Started
 * by bench/fanout/peerServers.ts; prints `{"port":…}` when it listens.
 */
import { Server } from '@hocuspocus/server';

const server = new Server({ port: 0, address: '127.0.0.1', quiet: true });
await server.listen();
console.log(JSON.stringify({ port: server.address.port }));
