import { generateAutomergeUrl, parseAutomergeUrl } from '@automerge/automerge-repo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	BOARD_SCHEMA_VERSION,
	PROJECT_CATEGORIES,
	PROJECT_LEVELS
} from '../../src/lib/domain/board';
import { SURVEY_CHOICES } from '../../src/lib/domain/evaluation';
import { PROJECT_STAGES } from '../../src/lib/domain/projects';
import type { Stores } from '../../server/storage/Stores';
import { get } from '../helpers/http';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * The overviews answer from one store query, not from board documents: the district's page with
 * ~300 projects (the model district ran 369 a year) stays well under a second. Prints the
 * measured times. Needs `npm run build` first.
 */
const PROJECTS = 300;
let server: TestServer;
let deputy: string;
let secretary: string;
beforeAll(async () => {
	server = await startTestServer({ withApp: true });
	deputy = await server.cookieFor('deputy');
	secretary = await server.cookieFor('secretary');
});
afterAll(async () => {
	await server?.close();
});

/** Median of `runs` timed GETs (body read), after one warm-up. */
async function medianMs(path: string, cookie: string, runs = 5): Promise<number> {
	const once = async () => {
		const t0 = performance.now();
		const res = await get(server, path, cookie);
		expect(res.status, path).toBe(200);
		await res.arrayBuffer();
		return performance.now() - t0;
	};
	await once();
	const times: number[] = [];
	for (let i = 0; i < runs; i++) times.push(await once());
	return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

/**
 * Projects spread over the demo's three communities, every level and stage, 70% livelihood, half
 * of the published ones past their deadline, and a closed survey with votes for those evaluated.
 */
async function seedProjects(stores: Stores, count: number) {
	const communities = ['c-a', 'c-b', 'c-c'];
	const voters = (await stores.org.membersOf('c-a'))
		.filter((m) => m.role === 'resident')
		.map((m) => m.userId)
		.slice(0, 12);
	const now = Date.now();
	await stores.transaction(async () => {
		for (let i = 0; i < count; i++) {
			const boardId = parseAutomergeUrl(generateAutomergeUrl()).documentId;
			const communityId = communities[i % 3]!;
			await stores.documents.register({
				id: boardId,
				kind: 'board',
				communityId,
				title: `规模测试项目 ${i + 1}`,
				schemaVersion: BOARD_SCHEMA_VERSION,
				createdBy: 'u-secretary'
			});
			const at = now - (count - i) * 3_600_000;
			await stores.projects.create({
				boardId,
				communityId,
				level: PROJECT_LEVELS[i % 4]!,
				unitId: communityId,
				category: i % 10 < 7 ? 'livelihood' : PROJECT_CATEGORIES[1 + (i % 6)]!,
				stage: 'topic',
				createdBy: 'u-secretary',
				createdAt: at,
				updatedAt: at
			});
			const target = i % PROJECT_STAGES.length;
			for (let s = 1; s <= target; s++) {
				if (s === 1)
					await stores.projects.addRevision({
						boardId,
						revision: 1,
						snapshot: {
							goal: '目标',
							measures: '措施',
							responsible: ['责任人'],
							deadline: i % 2 ? '2026-01-31' : '2099-12-31',
							budget: '',
							fundingSources: []
						},
						reason: null,
						authorId: 'u-secretary',
						at
					});
				await stores.projects.moveStage(boardId, PROJECT_STAGES[s - 1]!, PROJECT_STAGES[s]!, {
					reason: null,
					authorId: 'u-secretary',
					at
				});
			}
			if (target < 3) continue;
			const surveyId = `sv-scale-${i}`;
			await stores.evaluation.openSurvey(
				{
					id: surveyId,
					boardId,
					round: 1,
					openedAt: at,
					openedBy: 'u-secretary',
					closesAt: at + 1,
					closedAt: null,
					closedBy: null,
					threshold: 0.8,
					outcome: null
				},
				voters
			);
			for (const [v, userId] of voters.entries())
				await stores.evaluation.vote({
					surveyId,
					userId,
					choice: SURVEY_CHOICES[(v + i) % SURVEY_CHOICES.length]!,
					comment: '',
					updatedAt: at
				});
			await stores.evaluation.closeSurvey(surveyId, { at, by: null, outcome: 'rectification' });
		}
	});
}

describe('the overviews at district scale', () => {
	it(`answer in well under a second with ${PROJECTS} more projects`, async () => {
		const demo = {
			district: await medianMs('/u/d-beichen/projects', deputy),
			community: await medianMs('/c/c-a/projects', secretary)
		};
		await seedProjects(server.services.stores, PROJECTS);
		const total = (await server.services.stores.projects.inCommunities(['c-a', 'c-b', 'c-c']))
			.length;
		expect(total).toBeGreaterThanOrEqual(PROJECTS);
		const res = await get(server, '/u/d-beichen/projects', deputy);
		expect(await res.text()).toContain(`/ ${total} 个项目`);
		// The store's one query on its own, to tell it from rendering the page.
		const t0 = performance.now();
		const rows = await server.services.stores.projectOverview.rows(['c-a', 'c-b', 'c-c']);
		const queryMs = performance.now() - t0;
		expect(rows.length).toBe(total);
		const scaled = {
			district: await medianMs('/u/d-beichen/projects', deputy),
			community: await medianMs('/c/c-a/projects', secretary),
			xlsx: await medianMs('/u/d-beichen/projects/export?format=xlsx', deputy, 3),
			csv: await medianMs('/u/d-beichen/projects/export?format=csv', deputy, 3)
		};
		console.log(
			`project overview, median ms — demo (${total - PROJECTS} projects): ` +
				`district ${demo.district.toFixed(0)}, community ${demo.community.toFixed(0)}; ` +
				`with ${total} projects: district ${scaled.district.toFixed(0)}, ` +
				`community ${scaled.community.toFixed(0)}, xlsx ${scaled.xlsx.toFixed(0)}, ` +
				`csv ${scaled.csv.toFixed(0)}; the store query alone ${queryMs.toFixed(1)}`
		);
		expect(scaled.district).toBeLessThan(1000);
		expect(scaled.community).toBeLessThan(1000);
	});
});
