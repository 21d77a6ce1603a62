import { expect, html, elementUpdated } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../../src/define/dvc-choice-field.js';
import '../../../src/define/dvc-multi-choice-field.js';
import '../../../src/define/dvc-checkbox-field.js';
import '../../../src/define/dvc-consent-field.js';
import type { DvcChoiceField } from '../../../src/components/choice-field/choice-field.js';
import type { DvcMultiChoiceField } from '../../../src/components/multi-choice-field/multi-choice-field.js';
import type { DvcCheckboxField } from '../../../src/components/checkbox-field/checkbox-field.js';
import type { DvcConsentField } from '../../../src/components/consent-field/consent-field.js';
import type { ChoiceOption } from '../../../src/runtime/model.js';
import { controlSuite } from './control-suite.js';
import { mount } from './control-suite.js';

const sexOptions: ChoiceOption[] = [
  { value: 'male', label: { vi: 'Nam', en: 'Male' } },
  { value: 'female', label: { vi: 'Nữ', en: 'Female' } },
];
const provinces: ChoiceOption[] = Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: { vi: `Lựa chọn ${i + 1}` } }));

async function spaceThenTab(): Promise<void> {
  await sendKeys({ press: 'Space' });
  await sendKeys({ press: 'Tab' });
}

controlSuite<DvcChoiceField>({
  tag: 'dvc-choice-field',
  setup: (el) => {
    el.options = sexOptions;
  },
  userEnters: spaceThenTab,
  sample: 'male',
  formEntries: ['male'],
  read: (el) => el.value,
  write: (el, v) => (el.value = v as string),
  empty: '',
});

controlSuite<DvcMultiChoiceField>({
  tag: 'dvc-multi-choice-field',
  setup: (el) => {
    el.options = sexOptions;
  },
  userEnters: spaceThenTab,
  sample: ['male'],
  formEntries: ['male'],
  read: (el) => el.value,
  write: (el, v) => (el.value = v as string[]),
  empty: [],
});

controlSuite<DvcCheckboxField>({
  tag: 'dvc-checkbox-field',
  userEnters: spaceThenTab,
  sample: true,
  formEntries: ['on'],
  read: (el) => el.checked,
  write: (el, v) => (el.checked = v as boolean),
  empty: false,
});

controlSuite<DvcConsentField>({
  tag: 'dvc-consent-field',
  userEnters: spaceThenTab,
  sample: true,
  formEntries: ['on'],
  read: (el) => el.checked,
  write: (el, v) => (el.checked = v as boolean),
  empty: false,
});

describe('<dvc-choice-field>', () => {
  it('renders radios for a few options and a select for many', async () => {
    const el = await mount<DvcChoiceField>(html`<dvc-choice-field label="Giới tính" .options=${sexOptions}></dvc-choice-field>`);
    expect(el.shadowRoot!.querySelectorAll('input[type=radio]').length).to.equal(2);
    expect(el.shadowRoot!.querySelector('legend')!.textContent).to.contain('Giới tính');
    el.options = provinces;
    await elementUpdated(el);
    expect(el.shadowRoot!.querySelector('select')).to.exist;
    el.appearance = 'radio';
    await elementUpdated(el);
    expect(el.shadowRoot!.querySelectorAll('input[type=radio]').length).to.equal(12);
  });

  it('moves between radios with the arrow keys and keeps the typed value', async () => {
    const form = await mount<HTMLFormElement>(
      html`<form><dvc-choice-field name="n" label="Lựa chọn" .options=${provinces.slice(0, 3)}></dvc-choice-field></form>`,
    );
    const el = form.querySelector('dvc-choice-field') as DvcChoiceField;
    el.focus();
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowDown' });
    await elementUpdated(el);
    expect(el.value).to.equal('2');
    expect(el.typedValue).to.equal(2);
    expect(new FormData(form).get('n')).to.equal('2');
  });

  it('chooses in a select with the mouse and fires change', async () => {
    const el = await mount<DvcChoiceField>(
      html`<dvc-choice-field label="Tỉnh" appearance="select" .options=${provinces}></dvc-choice-field>`,
    );
    let changes = 0;
    el.addEventListener('change', () => changes++);
    const select = el.shadowRoot!.querySelector('select')!;
    el.focus();
    expect(el.shadowRoot!.activeElement === select, 'el.shadowRoot!.activeElement is select').to.equal(true);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Tab' });
    await elementUpdated(el);
    expect(el.value).to.equal('2');
    expect(changes).to.be.greaterThan(0);
    expect(select.getAttribute('aria-invalid')).to.equal('false');
  });

  it('uses the English option labels under lang="en"', async () => {
    const el = await mount<DvcChoiceField>(html`<dvc-choice-field lang="en" label="Sex" .options=${sexOptions}></dvc-choice-field>`);
    expect(el.shadowRoot!.querySelector('label[for="opt-1"]')!.textContent).to.equal('Female');
  });

  it('rejects malformed options with a clear error', async () => {
    const el = await mount<DvcChoiceField>(html`<dvc-choice-field name="x" label="X"></dvc-choice-field>`);
    let error: unknown;
    const onError = (e: ErrorEvent) => {
      error = e.error;
      e.preventDefault();
    };
    window.addEventListener('error', onError);
    try {
      el.options = [{ value: 'a' } as unknown as ChoiceOption];
      await el.updateComplete.catch((e: unknown) => (error = e));
    } finally {
      window.removeEventListener('error', onError);
    }
    expect(String(error)).to.contain('options[0]');
  });
});

describe('<dvc-multi-choice-field>', () => {
  it('keeps option order, submits each value and checks min/max items', async () => {
    const opts = provinces.slice(0, 4);
    const form = await mount<HTMLFormElement>(
      html`<form><dvc-multi-choice-field name="m" label="Chọn" max-items="2" .options=${opts}></dvc-multi-choice-field></form>`,
    );
    const el = form.querySelector('dvc-multi-choice-field') as DvcMultiChoiceField;
    const boxes = el.shadowRoot!.querySelectorAll('input');
    for (const i of [2, 0, 3]) {
      const r = boxes[i]!.getBoundingClientRect();
      await sendMouse({ type: 'click', position: [Math.round(r.x + r.width / 2), Math.round(r.y + r.height / 2)] });
    }
    await elementUpdated(el);
    expect(el.value).to.deep.equal(['1', '3', '4']);
    expect(el.typedValue).to.deep.equal([1, 3, 4]);
    expect(new FormData(form).getAll('m')).to.deep.equal(['1', '3', '4']);
    expect(el.validity.rangeOverflow).to.equal(true);
    expect(el.validationMessage).to.contain('tối đa 2');
  });
});

describe('<dvc-consent-field>', () => {
  it('shows the standard statement and joins it to the checkbox', async () => {
    const el = await mount<DvcConsentField>(html`<dvc-consent-field required></dvc-consent-field>`);
    expect(el.shadowRoot!.querySelector('[part="statement"]')!.textContent).to.contain('Tôi cam đoan');
    const box = el.shadowRoot!.querySelector('input')!;
    expect(box.getAttribute('aria-describedby')).to.contain('statement');
    el.showErrors();
    await elementUpdated(el);
    expect(el.shadowRoot!.querySelector('[part="error-message"]')!.textContent).to.contain('Đánh dấu vào ô cam đoan');
  });
});
