import type { Gate } from '../../src/lib/domain/projects';

/**
 * A refused project operation. `not_found` also answers for projects the user may not read, so
 * the two cannot be told apart; `gates` carries the unmet gates the server found on its copy.
 */
export type ProjectErrorCode = 'not_found' | 'forbidden' | 'invalid' | 'conflict' | 'gates';

const STATUS: Record<ProjectErrorCode, number> = {
	not_found: 404,
	forbidden: 403,
	invalid: 400,
	conflict: 409,
	gates: 409
};

export class ProjectError extends Error {
	override name = 'ProjectError';
	readonly status: number;

	constructor(
		readonly code: ProjectErrorCode,
		readonly gates: Gate[] = [],
		detail?: string
	) {
		super(detail ? `${code}: ${detail}` : code);
		this.status = STATUS[code];
	}
}
