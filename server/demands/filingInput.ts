import {
	isDemandCategory,
	MAX_DESCRIPTION,
	type DemandCategory,
	type ComplaintTarget,
	type Visibility
} from '../../src/lib/domain/demands';
import { COMMITTEES } from '../../src/lib/domain/roles';
import { DemandError } from './DemandError';

/** What a filer sends. Everything else (who, when, level, deadlines) the server decides. */
export interface FilingInput {
	id: string;
	gridId: string;
	buildingId: string | null;
	category: DemandCategory;
	description: string;
	urgent: boolean;
	visibility: Visibility;
	about: ComplaintTarget | null;
	/** 代填: the name of the resident a grid worker files for; null when filing for oneself. */
	onBehalfOf: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UNIT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_NAME = 40;

const str = (v: unknown) => (typeof v === 'string' ? v : null);

/** Checks untrusted input (JSON or form) field by field; throws `invalid` naming the field. */
export function parseFilingInput(raw: Record<string, unknown>): FilingInput {
	const bad = (field: string): never => {
		throw new DemandError('invalid', field);
	};
	const id = str(raw.id)?.toLowerCase() ?? '';
	if (!UUID.test(id)) bad('id');
	const gridId = str(raw.gridId) ?? '';
	if (!UNIT_ID.test(gridId)) bad('gridId');
	const building = str(raw.buildingId) ?? '';
	if (building !== '' && !UNIT_ID.test(building)) bad('buildingId');
	if (!isDemandCategory(raw.category)) bad('category');
	const description = (str(raw.description) ?? '').trim();
	if (description.length === 0 || description.length > MAX_DESCRIPTION) bad('description');
	const visibility = raw.visibility ?? 'private';
	if (visibility !== 'private' && visibility !== 'public') bad('visibility');
	const about =
		raw.about === null || raw.about === undefined || raw.about === '' ? null : raw.about;
	if (about !== null && !(COMMITTEES as readonly unknown[]).includes(about)) bad('about');
	const name = (str(raw.onBehalfOf) ?? '').trim();
	if (name.length > MAX_NAME) bad('onBehalfOf');
	return {
		id,
		gridId,
		buildingId: building === '' ? null : building,
		category: raw.category as DemandCategory,
		description,
		urgent: raw.urgent === true || raw.urgent === 'on' || raw.urgent === 'true',
		visibility: visibility as Visibility,
		about: about as ComplaintTarget | null,
		onBehalfOf: name === '' ? null : name
	};
}
