import type { Board } from '../../src/lib/domain/board';
import { PROJECT_STAGES, stageIndex } from '../../src/lib/domain/projects';
import { applyServerChange } from '../../server/automerge/serverChange';
import type { TestServer } from './server';

/**
 * Walks a project of community A up to 评诺提升 the way a community does: a committee member
 * finishes every open task on the board (a recorded change of theirs), then the secretary moves
 * the stage one step at a time through the real service, each gate checked on the server's copy.
 * Evaluation records can only be made from there.
 */
export async function moveToEvaluation(server: TestServer, boardId: string): Promise<void> {
	const { projects } = server.services;
	await applyServerChange<Board>(
		server.services,
		boardId,
		(d) => {
			for (const t of Object.values(d.tasks)) {
				if (t.status !== 'done' && t.status !== 'waived') t.status = 'done';
			}
		},
		'u-rc'
	);
	let stage = (await projects.view('u-secretary', boardId)).project.stage;
	while (stage !== 'evaluation') {
		const next = PROJECT_STAGES[stageIndex(stage) + 1]!;
		stage = (await projects.move('u-secretary', boardId, next)).stage;
	}
}

/** A new project of community A, its pledge filled in, walked up to 评诺提升. */
export async function projectInEvaluation(server: TestServer, title: string): Promise<string> {
	const id = await server.services.projects.create('u-secretary', { communityId: 'c-a', title });
	await applyServerChange<Board>(
		server.services,
		id,
		(d) => {
			Object.assign(d.pledge, { goal: '加装电梯', measures: '分三批施工', deadline: '2027-06-30' });
			d.pledge.responsible.push('王书记');
		},
		'u-rc'
	);
	await moveToEvaluation(server, id);
	return id;
}
