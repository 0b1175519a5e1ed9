import { COMMITTEES, ownerOf, ownerRef, type Committee } from './board';

/** A person the owner picker offers: a member of the community who may write the board. */
export interface OwnerCandidate {
	id: string;
	name: string;
}

export interface OwnerOption {
	/** The task's `owner` string this option writes: `committee:<key>` or `user:<id>`. */
	ref: string;
	label: string;
	group: 'committee' | 'person';
}

/**
 * What a task's owner reads as: the committee's name, the person's display name, or — for a
 * person the page has no name for, or a string no client of ours writes — the raw value, so
 * nothing is hidden. '' stays '' (no owner).
 */
export function ownerLabel(
	ref: string,
	committees: Record<Committee, string>,
	people: Readonly<Record<string, string>>
): string {
	const owner = ownerOf(ref);
	if (!owner) return ref;
	return owner.kind === 'committee'
		? committees[owner.committee]
		: (people[owner.userId] ?? owner.userId);
}

/**
 * The owner picker's choices: the three committees first (the joint office's order), then the
 * people by name. A current owner that is no longer among them (a person whose role was removed)
 * is kept as an option so opening the picker never silently changes it.
 */
export function ownerOptions(
	committees: Record<Committee, string>,
	candidates: readonly OwnerCandidate[],
	current: string,
	people: Readonly<Record<string, string>> = {}
): OwnerOption[] {
	const out: OwnerOption[] = COMMITTEES.map((c) => ({
		ref: ownerRef({ kind: 'committee', committee: c }),
		label: committees[c],
		group: 'committee'
	}));
	const sorted = [...candidates].sort(
		(a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id)
	);
	for (const p of sorted)
		out.push({ ref: ownerRef({ kind: 'person', userId: p.id }), label: p.name, group: 'person' });
	if (current && !out.some((o) => o.ref === current)) {
		const owner = ownerOf(current);
		out.push({
			ref: current,
			label: ownerLabel(current, committees, people),
			group: owner?.kind === 'committee' ? 'committee' : 'person'
		});
	}
	return out;
}
