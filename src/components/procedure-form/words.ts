/** The shell's words: its messages and the model's texts in the language of the form. */
import type { Locale, Text } from '../../runtime/model.js';
import { getTranslation, interpolate, localize } from '../../runtime/messages.js';
import type { ShellMessages } from '../../runtime/i18n/translation.js';

/** The language of a shell (its `lang`: `en`, else Vietnamese), read each time it is needed. */
export class ShellWords {
  constructor(private readonly host: { readonly lang: string }) {}

  /** The form's language. */
  get locale(): Locale {
    return this.host.lang === 'en' ? 'en' : 'vi';
  }

  /** The shell's messages in the form's language. */
  get t(): ShellMessages {
    return getTranslation(this.locale).shell;
  }

  /** A shell message in the form's language, with its parameters put in. */
  text(key: keyof ShellMessages, params: Record<string, string | number> = {}): string {
    return interpolate(this.t[key], params);
  }

  /** A text of the model in the form's language. */
  l(text: Text | undefined): string {
    return localize(text, this.locale);
  }
}
