import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_UNITS, DEMO_USERS, type DemoUser } from '../../server/demo/demoDistrict';
import { accessFor, DOC_KINDS, POLICY } from '../../src/lib/domain/policy';
import { ROLE_UNIT_KIND } from '../../src/lib/domain/roles';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;

/** Community A and the units above it, from the demo's declared data. */
function aboveCommunityA(): Set<string> {
	const out = new Set<string>();
	for (
		let id: string | null = 'c-a';
		id;
		id = DEMO_UNITS.find((u) => u.id === id)?.parentId ?? null
	)
		out.add(id);
	return out;
}

/** The roles a demo user holds that apply in community A: held at A or above, where allowed. */
function rolesInA(user: DemoUser) {
	const above = aboveCommunityA();
	return [{ unitId: user.unitId, role: user.role }, ...(user.also ?? [])]
		.filter((m) => above.has(m.unitId))
		.filter((m) => {
			const kind = DEMO_UNITS.find((u) => u.id === m.unitId)!.kind;
			return ROLE_UNIT_KIND[m.role].includes(kind);
		})
		.map((m) => m.role);
}
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
				// Community A's documents: the roles held at A or above it give their access; a role
				// held on a grid below A, or in another community, gives none.
				const roles = rolesInA(user);
				const expected = accessFor(kind, roles);
				expect(got?.level ?? 'none').toBe(expected);
				expect(expected === 'write').toBe(roles.some((r) => POLICY[kind][r].includes('write')));
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
