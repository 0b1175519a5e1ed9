import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import { openAgenda } from '../helpers/yjsClient';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

interface ServerPresence {
	server: true;
	viewers: number;
	editors: number;
}

function serverEntry(states: Map<number, Record<string, unknown>>): ServerPresence | undefined {
	for (const state of states.values()) if (state.server === true) return state as never;
	return undefined;
}

test("awareness claiming another user's name is rewritten to the sender's real identity", async () => {
	const liar = await openAgenda(server, 'secretary');
	const observer = await openAgenda(server, 'rc-member');
	liar.provider.awareness.setLocalStateField('user', {
		id: 'u-rc',
		name: '李秀英',
		committee: 'residents_committee'
	});
	liar.provider.awareness.setLocalStateField('cursor', { anchor: 1 });
	const seen = await waitFor(
		() => observer.provider.awareness.getStates().get(liar.doc.clientID),
		"the secretary's presence at the observer"
	);
	expect(seen.user).toEqual({ id: 'u-secretary', name: '王建华', committee: 'secretary' });
	// What else the client says about itself (its caret) is kept.
	expect(seen.cursor).toEqual({ anchor: 1 });
	liar.destroy();
	await waitFor(
		() => !observer.provider.awareness.getStates().has(liar.doc.clientID),
		'the presence to go when its socket closes'
	);
	observer.destroy();
});

test("readers' awareness is not relayed, but the viewer count is", async () => {
	const editor = await openAgenda(server, 'oc-member');
	const reader = await openAgenda(server, 'resident');
	reader.provider.awareness.setLocalStateField('user', { name: 'resident' });
	await waitFor(
		() => serverEntry(editor.provider.awareness.getStates())?.viewers === 1,
		'the viewer count to reach the editor'
	);
	expect(serverEntry(editor.provider.awareness.getStates())?.editors).toBe(1);
	// Give a relay every chance before asserting none came.
	await new Promise((r) => setTimeout(r, 300));
	expect(editor.provider.awareness.getStates().has(reader.doc.clientID)).toBe(false);
	reader.destroy();
	await waitFor(
		() => serverEntry(editor.provider.awareness.getStates())?.viewers === 0,
		'the viewer count to drop when the reader leaves'
	);
	editor.destroy();
});
