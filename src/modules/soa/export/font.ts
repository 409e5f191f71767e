import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Noto Sans HK (SIL Open Font License 1.1), installed from npm with @expo-google-fonts/noto-sans-hk: a TrueType font
 * with Hong Kong glyph forms and Latin, so one font prints both languages. Read once per process; the PDF library
 * embeds only the glyphs a document uses.
 */
export const cjkFontName = 'NotoSansHK';
const fontPath = createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-hk/400Regular/NotoSansHK_400Regular.ttf');

let cached: Buffer | undefined;
export function cjkFont(): Buffer {
  cached ??= readFileSync(fontPath);
  return cached;
}
