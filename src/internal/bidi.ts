/**
 * Bidirectional-text controls in text the SDK did not write (officer notes, server texts, file names). The
 * embedding and override characters (U+202A–U+202E) and the isolates (U+2066–U+2069) can make text read in
 * another order than it is stored ("invoice\u202Efdp.exe" shows as "invoiceexe.pdf"); they are removed, and
 * the text is shown isolated (`<bdi>`) so a right-to-left run cannot reorder what surrounds it.
 */

/** The bidi embedding, override and isolate controls. */
export const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** `text` without bidi embedding, override and isolate controls. */
export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}
