import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../server/demo/demoDistrict';
import { accessFor, DOC_KINDS, POLICY } from '../../src/lib/domain/policy';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(() => server.close());

/**
 * The access matrix, generated from the declared policy: every demo user × every demo document
 * kind, checked through the same AccessService every page and socket uses.
 */
describe('access matrix follows the declared policy', () => {
	for (const user of DEMO_USERS) {
		for (const kind of DOC_KINDS) {
			it(`${user.username} (${user.role} in ${user.unitId}) on the ${kind} of community A`, async () => {
				const docId = kind === 'agenda' ? server.agendaId : server.boardId;
				const got = await server.services.access.document(user.id, docId);
				// Community A's documents: members of A get their role's access; the district deputy
				// gets the deputy row; a member of another community gets nothing at all.
				const appliesToA = user.unitId === 'c-a' || user.unitId === 'd-beichen';
				const expected = appliesToA ? accessFor(kind, [user.role]) : 'none';
				expect(got?.level ?? 'none').toBe(expected);
				if (appliesToA) {
					const actions = POLICY[kind][user.role];
					expect(expected === 'write').toBe(actions.includes('write'));
				}
			});
		}
	}

	it('an unknown document and a forbidden one give the same answer', async () => {
		expect(await server.services.access.document('u-outsider', server.agendaId)).toBeNull();
		expect(await server.services.access.document('u-outsider', 'no-such-document')).toBeNull();
	});

	it('a removed role stops access at once', async () => {
		const { stores, access } = server.services;
		await stores.org.addMembership({ userId: 'u-outsider', unitId: 'c-a', role: 'resident' });
		expect((await access.document('u-outsider', server.agendaId))?.level).toBe('read');
		await stores.org.removeMembership('u-outsider', 'c-a', 'resident');
		expect(await access.document('u-outsider', server.agendaId)).toBeNull();
	});

	it('the district deputy reads every community of the district, a resident only their own', async () => {
		const { access } = server.services;
		expect((await access.communitiesOf('u-deputy')).map((c) => c.id)).toEqual([
			'c-a',
			'c-b',
			'c-c'
		]);
		expect((await access.communitiesOf('u-resident')).map((c) => c.id)).toEqual(['c-a']);
		expect((await access.documents('u-outsider')).map((d) => d.doc.communityId)).not.toContain(
			'c-a'
		);
	});
});
