/** Why a live document is shown as it is; `warn` ones say the user cannot edit right now. */
export interface DocBanner {
	text: string;
	warn: boolean;
	testid: string;
}
