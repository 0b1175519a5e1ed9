import { services } from './services';

export interface ChainOption {
	id: string;
	name: string;
	nameEn: string;
}
export interface GridOption extends ChainOption {
	buildings: ChainOption[];
}

const option = (u: ChainOption): ChainOption => ({ id: u.id, name: u.name, nameEn: u.nameEn });

/** The grids of a community with their buildings, in id order, as forms list them. */
export async function gridsOf(communityId: string): Promise<GridOption[]> {
	const { stores } = services();
	const grids = (await stores.org.children(communityId)).filter((u) => u.kind === 'grid');
	return Promise.all(
		grids.map(async (g) => ({
			...option(g),
			buildings: (await stores.org.children(g.id)).filter((u) => u.kind === 'building').map(option)
		}))
	);
}

/** Every community, for the registration page's first choice. */
export async function communityOptions(): Promise<ChainOption[]> {
	return (await services().stores.org.ofKind('community')).map(option);
}
