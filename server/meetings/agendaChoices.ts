import { demandView } from '../../src/lib/domain/demandAccess';
import { OPEN_STATES } from '../../src/lib/domain/demands';
import { ownerOf } from '../../src/lib/domain/board';
import { COMMITTEES, type Role } from '../../src/lib/domain/roles';
import type { AccessService } from '../access/AccessService';
import type { Stores } from '../storage/Stores';
import { readServerAgenda } from './readServerAgenda';

/** One thing an item may link to, as the picker shows it. */
export interface LinkChoice {
	/** The item's `link` attribute: `demand:<id>` or `project:<boardId>`. */
	value: string;
	kind: 'demand' | 'project';
	label: string;
}

/** What the agenda page's item controls offer this viewer; all from server rows. */
export interface AgendaChoices {
	/**
	 * For a writer, the community's projects and open demands they may see; for a reader only
	 * those the server's copy of the agenda links (and that they may see themselves).
	 */
	links: LinkChoice[];
	/** For a writer: committee members a decision may be given to. */
	people: { id: string; name: string }[];
	/** Names of every person an item names as owner (a reader sees the name, not a picker). */
	names: Record<string, string>;
}

/** Enough for a community's picker; older demands are rarely a new agenda item. */
const MAX_DEMANDS = 100;
const LABEL_CHARS = 40;

const snippet = (text: string) => {
	const chars = [...text.replace(/\s+/g, ' ').trim()];
	return chars.length > LABEL_CHARS ? `${chars.slice(0, LABEL_CHARS).join('')}…` : chars.join('');
};

/**
 * The item pickers' choices for one agenda. Labels are shown only where the viewer could open
 * the record itself: a project board they may read, a demand their demand view shows. Null when
 * the user may not read the agenda.
 */
export async function agendaChoices(
	deps: { stores: Stores; access: AccessService },
	userId: string,
	agendaId: string
): Promise<AgendaChoices | null> {
	const { stores, access } = deps;
	const found = await access.document(userId, agendaId);
	if (!found || found.doc.kind !== 'agenda') return null;
	const communityId = found.doc.communityId;
	const writer = found.level === 'write';
	const items = await readServerAgenda(stores.yjs, agendaId);
	const linked = new Set(items.flatMap((i) => (i.link ? [`${i.link.kind}:${i.link.id}`] : [])));

	const links: LinkChoice[] = [];
	for (const project of await stores.projects.inCommunities([communityId])) {
		const value = `project:${project.boardId}`;
		if (!writer && !linked.has(value)) continue;
		const board = await access.document(userId, project.boardId);
		if (board) links.push({ value, kind: 'project', label: board.doc.title });
	}

	const rolesCache = new Map<string, Promise<Set<Role>>>();
	const rolesAt = (unitId: string) => {
		let r = rolesCache.get(unitId);
		if (!r) rolesCache.set(unitId, (r = access.rolesIn(userId, unitId)));
		return r;
	};
	const linkedDemands = [...linked].filter((v) => v.startsWith('demand:')).map((v) => v.slice(7));
	const demands = writer
		? await stores.demands.query({
				communityIds: [communityId],
				states: OPEN_STATES,
				limit: MAX_DEMANDS
			})
		: [];
	for (const id of linkedDemands) {
		if (demands.some((d) => d.id === id)) continue;
		const d = await stores.demands.get(id);
		if (d && d.communityId === communityId) demands.push(d);
	}
	for (const d of demands) {
		if (demandView({ userId, roles: await rolesAt(d.gridId) }, d) === 'none') continue;
		links.push({ value: `demand:${d.id}`, kind: 'demand', label: snippet(d.description) });
	}

	const people: AgendaChoices['people'] = [];
	const names: Record<string, string> = {};
	if (writer) {
		const committee = new Set<Role>(COMMITTEES);
		const ids = new Set(
			(await stores.org.membersOf(communityId))
				.filter((m) => committee.has(m.role))
				.map((m) => m.userId)
		);
		for (const id of ids) {
			const u = await stores.users.byId(id);
			if (!u || u.disabled) continue;
			people.push({ id, name: u.displayName });
			names[id] = u.displayName;
		}
	}
	for (const item of items) {
		const owner = ownerOf(item.owner);
		if (owner?.kind !== 'person' || names[owner.userId]) continue;
		const u = await stores.users.byId(owner.userId);
		if (u) names[owner.userId] = u.displayName;
	}
	return { links, people, names };
}
