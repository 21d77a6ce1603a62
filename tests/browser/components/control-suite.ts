/**
 * The one suite every field control passes: form value in FormData of a real <form>, reset, state
 * restore, disabled through a fieldset, required blocking submission, events only on user action, and
 * axe in the default, disabled, prefilled and invalid states.
 */
import { expect, fixtureSync, html, elementUpdated } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { unsafeStatic, html as staticHtml } from 'lit/static-html.js';

/** A control as the suite sees it. */
export type Control = HTMLElement & {
  name: string;
  label: string;
  required: boolean;
  disabled: boolean;
  prefilled: boolean;
  error: string;
  checkValidity(): boolean;
  showErrors(): void;
  updateComplete: Promise<boolean>;
  validity: ValidityState;
};

/** How to drive one control. */
export interface ControlCase<C extends Control = Control> {
  tag: string;
  /** Sets up properties a bare control needs (options, units). Runs before the first update is awaited. */
  setup?(el: C): void | Promise<void>;
  /** Performs the user action that gives the sample value (the control has focus). Must commit (change). */
  userEnters(el: C): Promise<void>;
  /** The data value after `userEnters`. */
  sample: unknown;
  /** FormData entries for the name after `userEnters`. */
  formEntries: string[];
  /** Reads the data value (`value`, or `checked` for checkboxes). */
  read(el: C): unknown;
  /** Sets the data value programmatically. */
  write(el: C, v: unknown): void;
  /** The data value of an empty control. */
  empty: unknown;
  /** The state string `formStateRestoreCallback` receives for the sample (default: JSON of `sample`). */
  restoreState?: string;
  /** A value that is filled but invalid (for the invalid-state axe check); default: required + empty. */
  invalidValue?: unknown;
}

/**
 * Renders a fixture and waits for every Lit element in it to finish updating. Unlike `fixture()`, it
 * never waits for an animation frame, which a background tab (parallel test pages) does not deliver.
 */
export async function mount<T extends Element>(template: TemplateResult): Promise<T> {
  const el = fixtureSync<T>(template);
  await settle(el);
  return el;
}

/** Waits until `root` and the custom elements inside it have no pending update. */
export async function settle(root: Element): Promise<void> {
  for (let i = 0; i < 3; i++) {
    const pending = [root, ...root.querySelectorAll('*')]
      .map((e) => (e as Partial<{ updateComplete: Promise<unknown> }>).updateComplete)
      .filter((p): p is Promise<unknown> => p instanceof Promise);
    await Promise.all(pending);
  }
}

async function make<C extends Control>(c: ControlCase<C>, attrs = ''): Promise<{ form: HTMLFormElement; el: C }> {
  const tag = unsafeStatic(c.tag);
  const form = await mount<HTMLFormElement>(
    staticHtml`<form lang="vi" @submit=${(e: Event) => e.preventDefault()}><${tag} name="f" label="Trường thử nghiệm"></${tag}><button>Gửi</button></form>`,
  );
  const el = form.querySelector(c.tag) as C;
  for (const a of attrs.split(/\s+/).filter(Boolean)) el.setAttribute(a, '');
  await c.setup?.(el);
  await elementUpdated(el);
  return { form, el };
}

/** Registers the shared suite for one control. */
export function controlSuite<C extends Control>(c: ControlCase<C>): void {
  describe(`<${c.tag}> shared control suite`, () => {
    it('is form-associated and submits the user value in FormData', async () => {
      const { form, el } = await make(c);
      expect((el.constructor as unknown as { formAssociated: boolean }).formAssociated).to.equal(true);
      expect(new FormData(form).getAll('f').filter((v) => v !== '')).to.deep.equal([]);
      el.focus();
      await c.userEnters(el);
      await elementUpdated(el);
      expect(c.read(el)).to.deep.equal(c.sample);
      expect(new FormData(form).getAll('f')).to.deep.equal(c.formEntries);
    });

    it('focus() lands on a real input inside the shadow root', async () => {
      const { el } = await make(c);
      el.focus();
      expect(document.activeElement === el, 'document.activeElement is el').to.equal(true);
      const inner = el.shadowRoot!.activeElement as HTMLElement | null;
      expect(inner, 'focused inner element').to.exist;
      expect(['INPUT', 'SELECT', 'TEXTAREA']).to.include(inner!.tagName);
    });

    it('form reset restores the empty default and clears shown errors', async () => {
      const { form, el } = await make(c, 'required');
      el.focus();
      await c.userEnters(el);
      el.showErrors();
      await elementUpdated(el);
      form.reset();
      await elementUpdated(el);
      expect(c.read(el)).to.deep.equal(c.empty);
      expect(el.matches(':state(user-invalid)')).to.equal(false);
    });

    it('restores form state', async () => {
      const { form, el } = await make(c);
      const restore = el as unknown as { formStateRestoreCallback(s: string, r: string): void };
      restore.formStateRestoreCallback(c.restoreState ?? JSON.stringify(c.sample), 'restore');
      await elementUpdated(el);
      expect(c.read(el)).to.deep.equal(c.sample);
      expect(new FormData(form).getAll('f')).to.deep.equal(c.formEntries);
    });

    it('is disabled by a disabled fieldset: not focusable, not submitted', async () => {
      const tag = unsafeStatic(c.tag);
      const form = await mount<HTMLFormElement>(
        staticHtml`<form><fieldset disabled><${tag} name="f" label="Trường thử nghiệm"></${tag}></fieldset></form>`,
      );
      const el = form.querySelector(c.tag) as C;
      await c.setup?.(el);
      c.write(el, c.sample);
      await elementUpdated(el);
      expect(el.matches(':disabled')).to.equal(true);
      expect(new FormData(form).has('f')).to.equal(false);
      const inner = el.shadowRoot!.querySelector('[part~="input"]') as HTMLInputElement;
      expect(inner.disabled).to.equal(true);
      (form.querySelector('fieldset') as HTMLFieldSetElement).disabled = false;
      await elementUpdated(el);
      expect(el.matches(':disabled')).to.equal(false);
      expect(new FormData(form).getAll('f')).to.deep.equal(c.formEntries);
    });

    it('required blocks form.checkValidity() until a value is given', async () => {
      const { form, el } = await make(c, 'required');
      expect(form.checkValidity()).to.equal(false);
      expect(el.validity.valueMissing).to.equal(true);
      c.write(el, c.sample);
      await elementUpdated(el);
      expect(form.checkValidity()).to.equal(true);
    });

    it('fires input/change only on user action, never on programmatic change', async () => {
      const { el } = await make(c);
      const seen: string[] = [];
      /** Where each event heard on the host was dispatched: the host itself, or a node inside it. */
      const origins: EventTarget[] = [];
      const record = (e: Event): void => {
        seen.push(e.type);
        origins.push(e.composedPath()[0]!);
      };
      el.addEventListener('input', record);
      el.addEventListener('change', record);
      c.write(el, c.sample);
      await elementUpdated(el);
      c.write(el, c.empty);
      await elementUpdated(el);
      expect(seen).to.deep.equal([]);
      el.focus();
      await c.userEnters(el);
      await elementUpdated(el);
      expect(seen).to.include('input');
      expect(seen).to.include('change');
      // The host fires its own events; the native ones of its inner inputs stay in the shadow root.
      const leaked = origins.filter((o) => o !== el).map((o) => (o as Element).localName ?? String(o));
      expect(leaked, `inner events heard on the host: ${JSON.stringify(seen)}`).to.deep.equal([]);
      // Each commit (change) follows the input that changed the value, and the action ends committed.
      expect(seen[seen.length - 1], JSON.stringify(seen)).to.equal('change');
      expect(seen.join(' '), 'a change with no input before it').to.not.match(/(^|change )change/);
    });

    it('shows the required error only after showErrors(), touched+changed, or prefilled', async () => {
      const { el } = await make(c, 'required');
      const errorPart = () => el.shadowRoot!.querySelector('[part~="error-message"]') as HTMLElement;
      expect(errorPart().hidden).to.equal(true);
      expect(el.matches(':state(user-invalid)')).to.equal(false);
      el.showErrors();
      await elementUpdated(el);
      expect(errorPart().hidden).to.equal(false);
      expect(errorPart().textContent!.trim().length).to.be.greaterThan(0);
      expect(el.matches(':state(user-invalid)')).to.equal(true);
      const input = el.shadowRoot!.querySelector('[part~="input"]')!;
      expect(input.closest('[aria-invalid="true"]') ?? el.shadowRoot!.querySelector('[aria-invalid="true"]')).to.exist;
    });

    it('mirrors an external error into customError and shows it', async () => {
      const { form, el } = await make(c);
      el.error = 'Thông tin không khớp với cơ sở dữ liệu';
      await elementUpdated(el);
      expect(el.validity.customError).to.equal(true);
      expect(form.checkValidity()).to.equal(false);
      expect(el.shadowRoot!.querySelector('[part~="error-message"]')!.textContent).to.contain('không khớp');
      el.error = '';
      await elementUpdated(el);
      expect(form.checkValidity()).to.equal(true);
    });

    it('fits a 320 px wide screen without horizontal scrolling', async () => {
      const tag = unsafeStatic(c.tag);
      const wrap = await mount<HTMLDivElement>(
        staticHtml`<div style="inline-size: 320px; padding: 0 8px; box-sizing: border-box"><${tag} name="f" required
          label="Họ, chữ đệm và tên của người yêu cầu cấp Phiếu lý lịch tư pháp theo giấy tờ tuỳ thân"
          hint="Ghi đầy đủ, có dấu, đúng như trên thẻ căn cước hoặc hộ chiếu"></${tag}></div>`,
      );
      const el = wrap.firstElementChild as C;
      await c.setup?.(el);
      el.showErrors();
      await elementUpdated(el);
      expect(el.getBoundingClientRect().width).to.be.at.most(304);
      const base = el.shadowRoot!.querySelector('[part~="base"]') as HTMLElement;
      expect(base.scrollWidth).to.be.at.most(base.clientWidth + 1);
      for (const input of el.shadowRoot!.querySelectorAll<HTMLElement>('input, select, textarea')) {
        const r = input.getBoundingClientRect();
        expect(r.height, 'target height').to.be.at.least(24);
        expect(r.right).to.be.at.most(wrap.getBoundingClientRect().right);
      }
    });

    it('is accessible: default', async () => {
      const { el } = await make(c);
      await expect(el).to.be.accessible();
    });
    it('is accessible: disabled', async () => {
      const { el } = await make(c, 'disabled');
      await expect(el).to.be.accessible();
    });
    it('is accessible: prefilled', async () => {
      const { el } = await make(c, 'prefilled');
      c.write(el, c.sample);
      await elementUpdated(el);
      expect(el.matches(':state(prefilled)')).to.equal(true);
      await expect(el).to.be.accessible();
    });
    it('is accessible: invalid with the error shown', async () => {
      const { el } = await make(c, 'required');
      if (c.invalidValue !== undefined) c.write(el, c.invalidValue);
      el.showErrors();
      await elementUpdated(el);
      expect(el.matches(':state(user-invalid)')).to.equal(true);
      await expect(el).to.be.accessible();
    });
  });
}

/** Types text into the focused control and presses Tab (commits: `change`). */
export async function typeAndLeave(text: string): Promise<void> {
  await sendKeys({ type: text });
  await sendKeys({ press: 'Tab' });
}

export { html };
