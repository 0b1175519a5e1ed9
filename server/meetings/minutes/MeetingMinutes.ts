import type * as Y from 'yjs';
import { AGENDA_FRAGMENT } from '../../../src/lib/domain/agenda';
import { readAgendaItems } from '../../../src/lib/domain/agendaItems';
import { canSeeMeeting } from '../../../src/lib/domain/meetings';
import { ownerOf } from '../../../src/lib/domain/board';
import { parseVersionId } from '../../../src/lib/domain/agendaVersions';
import { agendaHistoryZh } from '../../../src/lib/i18n/zh-CN/agendaHistory';
import { projectsZh } from '../../../src/lib/i18n/zh-CN/projects';
import type { AccessService } from '../../access/AccessService';
import type { SheetWorker } from '../../files/sheets/SheetWorker';
import { findPdfFont } from '../../projects/pdfFont';
import type { Stores } from '../../storage/Stores';
import { MeetingError } from '../MeetingError';
import { ownerNames } from '../ownerNames';
import { agendaFromState, serverAgenda } from '../serverAgenda';
import { minutesData, type MinutesData } from './minutesData';

export interface MeetingMinutesDeps {
	stores: Stores;
	access: AccessService;
	sheets: Pick<SheetWorker, 'minutesPdf' | 'minutesDocx'>;
	now(): number;
}

export type MinutesFormat = 'pdf' | 'docx';

export type MinutesFile =
	| { ok: true; bytes: Uint8Array; name: string; ascii: string }
	| { ok: false; reason: 'no_font'; message: string };

/** Which text the minutes are made from: a revision number and/or a named version's id. */
export interface MinutesChoice {
	revision?: string | null;
	version?: string | null;
}

/**
 * The minutes of a meeting as a file, for whoever may read the meeting (residents only once it
 * is published): made from the server's records and its own copy of the agenda — the current
 * revision, an earlier one (`revision`), or a named version of it (`version`) — never from
 * anything a client sends. Every file handed out is written to the audit log.
 */
export class MeetingMinutes {
	constructor(private readonly deps: MeetingMinutesDeps) {}

	async file(
		userId: string,
		meetingId: string,
		format: MinutesFormat,
		choice: MinutesChoice = {}
	): Promise<MinutesFile> {
		const { stores } = this.deps;
		const meeting = await stores.meetings.get(meetingId);
		if (!meeting) throw new MeetingError('not_found');
		const roles = await this.deps.access.rolesIn(userId, meeting.communityId);
		if (!canSeeMeeting(meeting.state, roles)) throw new MeetingError('not_found');
		const data = await this.data(meeting.id, choice);

		const m = agendaHistoryZh.minutes;
		let bytes: Uint8Array;
		if (format === 'pdf') {
			// Read on each request, so an operator's GONGZHI_PDF_FONT takes effect without a restart.
			const font = findPdfFont();
			if (!font) return { ok: false, reason: 'no_font', message: m.noFont };
			try {
				bytes = await this.deps.sheets.minutesPdf(data.minutes, font);
			} catch (e) {
				// The error's class does not cross the thread: its name does.
				if (e instanceof Error && e.name === 'PdfFontError')
					return { ok: false, reason: 'no_font', message: m.noFont };
				throw e;
			}
		} else {
			bytes = await this.deps.sheets.minutesDocx(data.minutes);
		}
		await stores.audit.record({
			at: this.deps.now(),
			userId,
			action: 'export',
			target: `meeting:${meeting.id}`,
			scope: meeting.communityId,
			detail: {
				format,
				sheet: 'minutes',
				revision: data.revision,
				...(data.versionId !== null ? { version: data.versionId } : {})
			}
		});
		const base = `${meeting.title}-${data.versionName ?? '会议纪要'}`;
		return {
			ok: true,
			bytes,
			name: `${base}.${format}`,
			ascii: `minutes-${meeting.id}-r${data.revision}${data.versionId !== null ? `-v${data.versionId}` : ''}.${format}`
		};
	}

	/** The minutes' content (visibility is the caller's to check). */
	async data(
		meetingId: string,
		choice: MinutesChoice
	): Promise<{
		minutes: MinutesData;
		revision: number;
		versionId: number | null;
		versionName: string | null;
	}> {
		const { stores } = this.deps;
		const meeting = (await stores.meetings.get(meetingId))!;
		const revisions = await stores.meetings.revisions(meetingId);
		let revision = revisions.find((r) => r.agendaId === meeting.agendaId) ?? revisions.at(-1)!;
		if (choice.revision) {
			const n = /^[1-9]\d{0,3}$/.test(choice.revision) ? Number(choice.revision) : NaN;
			const found = revisions.find((r) => r.revision === n);
			if (!found) throw new MeetingError('not_found');
			revision = found;
		}
		let version = null;
		if (choice.version) {
			const id = parseVersionId(choice.version);
			version = id === null ? null : await stores.agendaVersions.get(revision.agendaId, id);
			if (!version) throw new MeetingError('not_found');
		}
		const [community, signatures] = await Promise.all([
			stores.org.unit(meeting.communityId),
			stores.meetings.signatures(meetingId)
		]);
		const doc = version
			? agendaFromState(version.state)
			: await serverAgenda(stores.yjs, revision.agendaId);
		try {
			const names = await this.#names(meeting.communityId, doc, signatures);
			const minutes = minutesData({
				meeting,
				communityName: community?.name ?? '',
				revision,
				doc,
				version,
				signatures: signatures.filter((s) => s.revision === revision.revision),
				ownerName: (ref) => {
					const owner = ownerOf(ref);
					if (!owner) return ref;
					if (owner.kind === 'committee') return projectsZh.projects.committees[owner.committee];
					return names.get(owner.userId) ?? agendaHistoryZh.minutes.unknownPerson;
				},
				userName: (id) => names.get(id) ?? agendaHistoryZh.minutes.unknownPerson,
				now: this.deps.now()
			});
			return {
				minutes,
				revision: revision.revision,
				versionId: version?.id ?? null,
				versionName: version?.name ?? null
			};
		} finally {
			doc.destroy();
		}
	}

	/** Owners' names (community members only, see ownerNames) and the signers'. */
	async #names(
		communityId: string,
		doc: Y.Doc,
		signatures: { signerId: string }[]
	): Promise<Map<string, string>> {
		const owners: string[] = [];
		for (const item of readAgendaItems(doc.getXmlFragment(AGENDA_FRAGMENT))) {
			const owner = ownerOf(item.owner);
			if (owner?.kind === 'person') owners.push(owner.userId);
		}
		const names = await ownerNames(this.deps, communityId, owners);
		// Signers signed as members: their names are on the meeting page already.
		for (const { signerId } of signatures) {
			if (names.has(signerId)) continue;
			const user = await this.deps.stores.users.byId(signerId);
			if (user) names.set(signerId, user.displayName);
		}
		return names;
	}
}
