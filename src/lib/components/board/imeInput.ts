type Field = HTMLInputElement | HTMLTextAreaElement;

/**
 * Handlers for a text field whose every keystroke becomes a board edit. Nothing is written while
 * an IME is composing — the pinyin would land in the board's history, which residents read — and
 * the composed text is written when composition ends. Browsers differ on whether the last
 * `input` comes before or after `compositionend`; writing the same text twice changes nothing.
 */
export function imeInput(write: (value: string) => void) {
	return {
		oninput: (e: Event) => {
			if (!(e as InputEvent).isComposing) write((e.currentTarget as Field).value);
		},
		oncompositionend: (e: CompositionEvent) => write((e.currentTarget as Field).value)
	};
}
