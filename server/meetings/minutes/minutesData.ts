import * as Y from 'yjs';
import { AGENDA_FRAGMENT } from '../../../src/lib/domain/agenda';
import { AGENDA_ITEM, readAgendaItems, type AgendaItem } from '../../../src/lib/domain/agendaItems';
import type { Committee } from '../../../src/lib/domain/roles';
import { agendaHistoryZh } from '../../../src/lib/i18n/zh-CN/agendaHistory';
import { meetingsZh } from '../../../src/lib/i18n/zh-CN/meetings';
import { projectsZh } from '../../../src/lib/i18n/zh-CN/projects';
import type { AgendaRevision, MeetingRecord, MeetingSignature } from '../../storage/MeetingStore';

/** One item of the minutes, every field already in words (the worker only lays them out). */
export interface MinutesItem {
	topic: string;
	raisedBy: string;
	notes: string;
	decision: string;
	owner: string;
	due: string;
	/** Committees whose standing signature is on this item. */
	agreedBy: string[];
}

/**
 * What the minutes say, as plain data: made on the server from its records and its own copy of
 * the agenda, then handed to the sheet worker, which turns it into a PDF or a Word file. In
 * Chinese whatever the reader's language: minutes are an official record of the community.
 */
export interface MinutesData {
	title: string;
	community: string;
	when: string;
	place: string;
	committees: string[];
	otherParties: string[];
	state: string;
	/** "议程第 2 版" and, for a correction, its reason. */
	revision: string[];
	/** Set when the file is made from a named version rather than the revision itself. */
	versionNote: string | null;
	items: MinutesItem[];
	/** The agenda's text block by block, when it holds no item blocks (free-form agendas). */
	text: { heading: boolean; text: string }[];
	/** One line per attending committee; empty for a named version (it was never signed). */
	signatures: { committee: string; line: string }[];
	generated: string;
}

const TIME_ZONE = 'Asia/Shanghai';

export function beijingDateTime(at: number): string {
	return new Intl.DateTimeFormat('zh-CN', {
		dateStyle: 'long',
		timeStyle: 'short',
		hourCycle: 'h23',
		timeZone: TIME_ZONE
	}).format(at);
}

export function beijingDate(at: number): string {
	return new Intl.DateTimeFormat('zh-CN', { dateStyle: 'long', timeZone: TIME_ZONE }).format(at);
}

/** 2027-03-31 → 2027年3月31日. */
export function chineseDate(ymd: string): string {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
	return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : ymd;
}

export interface MinutesSource {
	meeting: MeetingRecord;
	communityName: string;
	revision: AgendaRevision;
	/** The agenda as the server holds it (the revision's document, or a named version's state). */
	doc: Y.Doc;
	version: { name: string; createdAt: number } | null;
	/** Standing signatures of this revision. */
	signatures: MeetingSignature[];
	/** `user:<id>` / `committee:<key>` → display name; anything else comes back as written. */
	ownerName: (ref: string) => string;
	userName: (id: string) => string;
	now: number;
}

export function minutesData(src: MinutesSource): MinutesData {
	const m = agendaHistoryZh.minutes;
	const committee = (c: Committee) => projectsZh.projects.committees[c];
	const fragment = src.doc.getXmlFragment(AGENDA_FRAGMENT);
	const items = readAgendaItems(fragment).map((item) => minutesItem(item, src, committee));
	const revision = [m.revision(src.revision.revision)];
	if (src.revision.reason) revision.push(m.correction(src.revision.reason));
	const signed = src.signatures.filter((s) => s.withdrawnAt === null);
	return {
		title: src.meeting.title,
		community: src.communityName,
		when: `${beijingDateTime(src.meeting.startsAt)}（北京时间）`,
		place: src.meeting.place,
		committees: src.meeting.committees.map(committee),
		otherParties: src.meeting.otherParties,
		state: meetingsZh.meetings.states[src.meeting.state],
		revision,
		versionNote: src.version
			? m.versionNote(src.version.name, beijingDateTime(src.version.createdAt))
			: null,
		items,
		text: items.length > 0 ? [] : textBlocks(fragment, src.meeting.title),
		signatures: src.version
			? []
			: src.meeting.committees.map((c) => {
					const sig = signed.find((s) => s.committee === c && s.itemId === null);
					return {
						committee: committee(c),
						line: sig
							? m.signedBy(src.userName(sig.signerId), beijingDate(sig.signedAt))
							: m.notSigned
					};
				}),
		generated: m.generated(beijingDateTime(src.now))
	};
}

function minutesItem(
	item: AgendaItem,
	src: MinutesSource,
	committee: (c: Committee) => string
): MinutesItem {
	const m = agendaHistoryZh.minutes;
	return {
		topic: item.topic || m.none,
		raisedBy: item.raisedBy ? committee(item.raisedBy) : m.none,
		notes: item.notes || m.none,
		decision: item.decision ? m.decisions[item.decision] : m.none,
		owner: item.owner ? src.ownerName(item.owner) : m.none,
		due: item.due ? chineseDate(item.due) : m.none,
		agreedBy: src.version
			? []
			: src.signatures
					.filter((s) => s.withdrawnAt === null && s.itemId === item.id)
					.map((s) => committee(s.committee))
	};
}

/** Headings, paragraphs and list entries as lines; the title heading the seed starts with is skipped. */
function textBlocks(fragment: Y.XmlFragment, title: string) {
	const out: { heading: boolean; text: string }[] = [];
	for (const child of fragment.toArray()) {
		if (!(child instanceof Y.XmlElement) || child.nodeName === AGENDA_ITEM) continue;
		if (child.nodeName === 'bulletList' || child.nodeName === 'orderedList') {
			child.toArray().forEach((li, k) => {
				const text = plain(li).trim();
				const mark = child.nodeName === 'bulletList' ? '•' : `${k + 1}.`;
				if (text) out.push({ heading: false, text: `${mark} ${text}` });
			});
			continue;
		}
		const text = plain(child).trim();
		if (!text) continue;
		const heading = child.nodeName === 'heading';
		if (heading && out.length === 0 && text === title) continue;
		out.push({ heading, text });
	}
	return out;
}

function plain(type: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
	if (type instanceof Y.XmlText)
		return (type.toDelta() as { insert?: unknown }[])
			.map((d: { insert?: unknown }) => (typeof d.insert === 'string' ? d.insert : ''))
			.join('');
	if (!(type instanceof Y.XmlElement)) return '';
	const parts = type.toArray().map((c) => plain(c));
	// Block children (paragraphs of a list item or a quote) read as separate lines.
	return type.nodeName === 'paragraph' || type.nodeName === 'heading'
		? parts.join('')
		: parts.join('\n');
}
