import { generateAutomergeUrl, parseAutomergeUrl } from '@automerge/automerge-repo';
import { AGENDA_SCHEMA_VERSION } from '../../src/lib/domain/agenda';
import { BOARD_SCHEMA_VERSION } from '../../src/lib/domain/board';
import { newBoard } from '../../server/automerge/newBoard';
import { SEED_USER } from '../../server/demo/seedDemo';
import { newAgenda } from '../../server/yjs/newAgenda';
import type { TestServer } from './server';

/**
 * Another agenda in community A, made the way the seed makes the demo one (every container up
 * front), so a test can spoil it without disturbing the demo agenda other tests in the file use.
 */
export async function addAgenda(server: TestServer, id: string, title: string): Promise<string> {
	const { stores } = server.services;
	await stores.documents.register({
		id,
		kind: 'agenda',
		communityId: 'c-a',
		title,
		schemaVersion: AGENDA_SCHEMA_VERSION,
		createdBy: 'u-secretary'
	});
	const agenda = newAgenda([{ type: 'paragraph', text: `${title} · 开头` }]);
	await stores.yjs.bindClient(id, agenda.clientId, SEED_USER);
	await stores.yjs.append(id, agenda.update, SEED_USER);
	return id;
}

/** Another board in community A with one task; returns its automerge document id. */
export async function addBoard(server: TestServer, title: string): Promise<string> {
	const { stores } = server.services;
	const id = parseAutomergeUrl(generateAutomergeUrl()).documentId;
	const { changes } = newBoard({
		title,
		level: 'community',
		unitId: 'c-a',
		category: 'livelihood',
		pledge: { goal: '目标', measures: '措施', responsible: ['负责人'], deadline: '2026-12-31' },
		tasks: [{ id: 't-first', title: '第一项', status: 'todo', owner: '', due: '', notes: '' }]
	});
	await stores.documents.register({
		id,
		kind: 'board',
		communityId: 'c-a',
		title,
		schemaVersion: BOARD_SCHEMA_VERSION,
		createdBy: 'u-secretary'
	});
	await stores.automerge.appendChanges(id, changes, SEED_USER);
	return id;
}
