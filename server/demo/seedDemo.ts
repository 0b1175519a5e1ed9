import { AGENDA_SCHEMA_VERSION } from '../../src/lib/domain/agenda';
import { hashPassword } from '../auth/passwords';
import type { Services } from '../services';
import { newAgenda } from '../yjs/newAgenda';
import { seedDemoDemands } from './demoDemands';
import { seedDemoProjects } from './demoProjects';
import { seedDemoResidents } from './demoResidents';
import { seedDemoEvaluation } from './demoEvaluation';
import { seedDemoResources } from './demoResources';
import { seedDemoMeetings } from './demoMeetings';
import { DEMO_AGENDA, DEMO_PASSWORD, DEMO_UNITS, DEMO_USERS } from './demoDistrict';

export const SEED_USER = 'system:seed';

/** Loads the demo district into an empty database. Returns false if anything was there. */
export async function seedDemoIfEmpty(services: Services): Promise<boolean> {
	const { stores } = services;
	if (await stores.org.unit('d-beichen')) return false;
	if ((await stores.users.byUsername('secretary')) !== null) return false;
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	return stores.transaction(async () => {
		// Asked again inside the transaction: instances started together on one empty PostgreSQL
		// database take turns here (transactions are serialised across instances), and the
		// later ones find the district loaded instead of failing on its ids.
		if (await stores.org.unit('d-beichen')) return false;
		for (const u of DEMO_UNITS) await stores.org.addUnit(u);
		for (const u of DEMO_USERS) {
			await stores.users.create({
				id: u.id,
				username: u.username,
				displayName: u.displayName,
				passwordHash
			});
			await stores.org.addMembership({ userId: u.id, unitId: u.unitId, role: u.role });
			for (const m of u.also ?? []) await stores.org.addMembership({ userId: u.id, ...m });
		}
		await seedDemoResidents(stores, passwordHash, services.now());
		await stores.documents.register({
			id: DEMO_AGENDA.id,
			kind: 'agenda',
			communityId: 'c-a',
			title: DEMO_AGENDA.title,
			schemaVersion: AGENDA_SCHEMA_VERSION,
			createdBy: 'u-secretary'
		});
		const agenda = newAgenda(DEMO_AGENDA.blocks);
		// The seed's client id belongs to the seed, so no user can later write under it.
		await stores.yjs.bindClient(DEMO_AGENDA.id, agenda.clientId, SEED_USER);
		await stores.yjs.append(DEMO_AGENDA.id, agenda.update, SEED_USER);

		// Secretary projects in the topic, pledge and delivery stages (the lift first).
		await seedDemoProjects(stores, services.now(), SEED_USER);
		// Six months of demands up to now, so the dashboards and problem list show real shapes.
		await seedDemoDemands(stores, services.now(), passwordHash);
		await seedDemoEvaluation(stores, services.now());
		// The helper group's resource list, and requests on the projects seeded above.
		await seedDemoResources(stores, services.now());
		// Joint meetings: one minuted with three signatures, one published and coming up.
		await seedDemoMeetings(stores, services.now(), SEED_USER);
		return true;
	});
}
