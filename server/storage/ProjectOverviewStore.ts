import type { OverviewProject } from '../../src/lib/domain/projectOverview';

/** One project as the overviews list it (the shape is the domain's, defined there). */
export type ProjectOverviewRow = OverviewProject;

/**
 * The read model behind the project overviews: one query for every project of many
 * communities, so a district's hundreds of projects cost one round trip and no board loads.
 */
export interface ProjectOverviewStore {
	/** Oldest first. `publishedOnly` leaves out projects in the topic stage (never published, or moved back). */
	rows(
		communityIds: readonly string[],
		opts?: { publishedOnly?: boolean }
	): Promise<ProjectOverviewRow[]>;
}
