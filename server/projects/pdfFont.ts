import { existsSync } from 'node:fs';

/** A font file, and the PostScript name of the face to use when the file is a collection. */
export interface PdfFont {
	path: string;
	face?: string;
}

/**
 * Where Debian and its relatives put a Simplified Chinese face (fonts-noto-cjk first). A .ttc
 * holds the SC, TC, JP and KR faces of one design: the face is picked by its PostScript name,
 * because the index of each face differs between releases of the package.
 */
export const DEFAULT_PDF_FONTS: readonly PdfFont[] = [
	{ path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
	{
		path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc',
		face: 'NotoSerifCJKsc-Regular'
	},
	{ path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', face: 'WenQuanYiMicroHei' },
	{ path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', face: 'WenQuanYiZenHei' }
];

/** The environment variable that names the font: `path` or `path#PostScriptName`. */
export const PDF_FONT_ENV = 'GONGZHI_PDF_FONT';

/**
 * The font the pledge sheet is set in. When GONGZHI_PDF_FONT is set, only that font is tried (an
 * operator who names a font wants that one, or to hear that it is missing); otherwise the first
 * default found. Null when there is none: the caller answers 503, never a PDF of empty boxes.
 */
export function findPdfFont(env: NodeJS.ProcessEnv = process.env): PdfFont | null {
	const named = env[PDF_FONT_ENV]?.trim();
	if (named) {
		const hash = named.lastIndexOf('#');
		const font: PdfFont =
			hash > 0 ? { path: named.slice(0, hash), face: named.slice(hash + 1) } : { path: named };
		return existsSync(font.path) ? font : null;
	}
	return DEFAULT_PDF_FONTS.find((f) => existsSync(f.path)) ?? null;
}
