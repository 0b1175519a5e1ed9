import type { Editor, NodeViewRenderer } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import type { NodeView, ViewMutationRecord } from '@tiptap/pm/view';
import { DECISIONS, MAX_ITEM_MINUTES, type AgendaItemAttrs } from '$lib/domain/agendaItems';
import { COMMITTEES, type Committee } from '$lib/domain/roles';
import { ownerOptions, type OwnerCandidate } from '$lib/domain/ownerLabel';
import type { Messages } from '$lib/i18n/zh-CN';

/** A choice of a select: value as stored, label as shown, optional group heading. */
export interface Choice {
	value: string;
	label: string;
	group?: string;
}

/** What the item controls offer; loaded by the page from server rows. */
export interface ItemViewContext {
	t: Messages['agendaItems'];
	committees: Record<Committee, string>;
	/** `demand:<id>` and `project:<boardId>` with their labels. */
	links: Choice[];
	/** Committee members an item's decision may be given to (a writer's picker). */
	people: OwnerCandidate[];
	/** Display names of people items already name as owner. */
	names: Record<string, string>;
	/** During (or after) the meeting: the decision row shows on every item. */
	showDecision: boolean;
}

type Field = Exclude<keyof AgendaItemAttrs, 'id'>;

/**
 * The editor's view of one agenda item, plain DOM so it costs nothing on a phone: a row of
 * controls for the preparation fields, the topic and notes (ProseMirror's own content), and a
 * row for the decision. A control sets one node attribute in one transaction, so two people
 * changing different fields of one item at once both keep theirs (Yjs merges per attribute).
 */
export function agendaItemView(context: ItemViewContext): NodeViewRenderer {
	return ({ node, editor, getPos }) => new ItemView(node, editor, getPos, context);
}

class ItemView implements NodeView {
	readonly dom = document.createElement('section');
	readonly contentDOM = document.createElement('div');
	readonly #controls = new Map<Field, HTMLSelectElement | HTMLInputElement>();
	/** Each select's choices, asked anew on every sync (the owner's depend on the value). */
	readonly #choices = new Map<Field, () => Choice[]>();
	readonly #decisionRow = document.createElement('div');
	readonly #remove = document.createElement('button');
	readonly #off: () => void;
	#editable: boolean | null = null;

	constructor(
		private node: PMNode,
		private readonly editor: Editor,
		private readonly getPos: () => number | undefined,
		private readonly ctx: ItemViewContext
	) {
		const { t } = ctx;
		this.dom.className = 'agenda-item';
		this.dom.setAttribute('data-agenda-item', '');
		// Shown by CSS beside the topic and notes, which are ProseMirror's DOM and not ours to touch.
		this.dom.style.setProperty('--topic-hint', JSON.stringify(t.topicHint));
		this.dom.style.setProperty('--notes-label', JSON.stringify(t.notes));
		// Read top to bottom: what it is (badge, topic, notes), then its fields, then the decision.
		const head = this.#row('item-head');
		const badge = document.createElement('span');
		badge.className = 'item-badge';
		badge.textContent = t.badge;
		head.append(badge, this.#remove);
		const fields = this.#row('item-fields');
		fields.append(
			this.#select('raisedBy', t.raisedBy, [
				{ value: '', label: t.unset },
				...COMMITTEES.map((c) => ({ value: c, label: ctx.committees[c] }))
			]),
			this.#input('minutes', t.minutes, 'number'),
			this.#select('link', t.link, [{ value: '', label: t.noLink }, ...ctx.links])
		);
		this.#remove.type = 'button';
		this.#remove.className = 'item-remove';
		this.#remove.textContent = t.remove;
		this.#remove.addEventListener('click', () => {
			const pos = this.getPos();
			if (typeof pos !== 'number' || !this.editor.isEditable || !confirm(t.confirmRemove)) return;
			this.editor.view.dispatch(this.editor.state.tr.delete(pos, pos + this.node.nodeSize));
		});
		this.contentDOM.className = 'item-body';
		this.#decisionRow.className = 'item-fields item-outcome';
		this.#decisionRow.contentEditable = 'false';
		this.#decisionRow.append(
			this.#select('decision', t.decision, [
				{ value: '', label: t.unset },
				...DECISIONS.map((d) => ({ value: d, label: t.decisions[d] }))
			]),
			this.#select('owner', t.owner, () => this.#ownerChoices()),
			this.#input('due', t.due, 'date')
		);
		this.dom.append(head, this.contentDOM, fields, this.#decisionRow);
		// setEditable emits 'update' (as does every edit): the controls follow the editor into
		// read-only and back; the node's own changes arrive through update().
		const refresh = () => {
			if (this.editor.isEditable !== this.#editable) this.#sync();
		};
		editor.on('update', refresh);
		this.#off = () => editor.off('update', refresh);
		this.#sync();
	}

	update(node: PMNode): boolean {
		if (node.type !== this.node.type) return false;
		this.node = node;
		this.#sync();
		return true;
	}

	/** Clicks and keys in the controls are theirs, not the editor's. */
	stopEvent(event: Event): boolean {
		return !this.contentDOM.contains(event.target as globalThis.Node);
	}

	/** Only the topic and notes are ProseMirror's to re-read; the controls change themselves. */
	ignoreMutation(mutation: ViewMutationRecord): boolean {
		if (mutation.type === 'selection') return false;
		return !this.contentDOM.contains(mutation.target);
	}

	destroy() {
		this.#off();
	}

	#row(className: string) {
		const row = document.createElement('div');
		row.className = className;
		row.contentEditable = 'false';
		return row;
	}

	#ownerChoices(): Choice[] {
		const current = this.#attr('owner');
		return [
			{ value: '', label: this.ctx.t.unset },
			...ownerOptions(this.ctx.committees, this.ctx.people, current, this.ctx.names).map((o) => ({
				value: o.ref,
				label: o.label,
				group: this.ctx.t.ownerGroups[o.group]
			}))
		];
	}

	#label(text: string, control: HTMLElement, field: Field) {
		const label = document.createElement('label');
		label.className = `item-field item-${field}`;
		const span = document.createElement('span');
		span.textContent = text;
		label.append(span, control);
		return label;
	}

	#select(field: Field, text: string, choices: Choice[] | (() => Choice[])) {
		const select = document.createElement('select');
		select.dataset.field = field;
		this.#choices.set(field, typeof choices === 'function' ? choices : () => choices);
		select.addEventListener('change', () => this.#set(field, select.value));
		this.#controls.set(field, select);
		return this.#label(text, select, field);
	}

	#input(field: Field, text: string, type: 'number' | 'date') {
		const input = document.createElement('input');
		input.type = type;
		input.dataset.field = field;
		if (type === 'number') {
			input.min = '1';
			input.max = String(MAX_ITEM_MINUTES);
			input.inputMode = 'numeric';
		}
		input.addEventListener('change', () => this.#set(field, this.#clean(field, input.value)));
		this.#controls.set(field, input);
		return this.#label(text, input, field);
	}

	#clean(field: Field, value: string): string {
		if (field !== 'minutes') return value;
		const n = Number.parseInt(value, 10);
		return n > 0 && n <= MAX_ITEM_MINUTES ? String(n) : '';
	}

	#attr(field: keyof AgendaItemAttrs): string {
		const v: unknown = this.node.attrs[field];
		return typeof v === 'string' ? v : '';
	}

	#set(field: Field, value: string) {
		const pos = this.getPos();
		if (typeof pos !== 'number' || !this.editor.isEditable || this.#attr(field) === value) return;
		this.editor.view.dispatch(this.editor.state.tr.setNodeAttribute(pos, field, value));
	}

	/** Puts the node's values (and the editor's editability) into the controls. */
	#sync() {
		const editable = this.editor.isEditable;
		this.#editable = editable;
		for (const [field, control] of this.#controls) {
			const value = this.#attr(field);
			if (control instanceof HTMLSelectElement) {
				fillSelect(control, this.#choices.get(field)?.() ?? [], value);
			} else if (control.value !== value && document.activeElement !== control) {
				control.value = value;
			}
			control.disabled = !editable;
		}
		this.#remove.hidden = !editable;
		const decided = (['decision', 'owner', 'due'] as const).some((f) => this.#attr(f) !== '');
		this.#decisionRow.hidden = !(this.ctx.showDecision || decided);
		this.dom.dataset.itemId = this.#attr('id');
	}
}

/**
 * Options of a select, grouped; a stored value no option names (written by another version, or
 * a link to a record this viewer may not see) stays as an option showing the raw value, so
 * opening the select never silently changes it.
 */
function fillSelect(select: HTMLSelectElement, choices: Choice[], value: string) {
	const all = choices.some((c) => c.value === value)
		? choices
		: [...choices, { value, label: value }];
	const key = JSON.stringify(all);
	if (select.dataset.filled !== key) {
		select.replaceChildren();
		let parent: HTMLSelectElement | HTMLOptGroupElement = select;
		let group: string | undefined;
		for (const c of all) {
			if (c.group !== group) {
				group = c.group;
				if (group) {
					parent = document.createElement('optgroup');
					parent.label = group;
					select.append(parent);
				} else parent = select;
			}
			const option = document.createElement('option');
			option.value = c.value;
			option.textContent = c.label;
			parent.append(option);
		}
		select.dataset.filled = key;
	}
	select.value = value;
}
