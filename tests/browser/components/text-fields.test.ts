import { expect, html, elementUpdated, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/define/dvc-text-field.js';
import '../../../src/define/dvc-textarea-field.js';
import '../../../src/define/dvc-number-field.js';
import '../../../src/define/dvc-date-field.js';
import '../../../src/define/dvc-email-field.js';
import '../../../src/define/dvc-phone-field.js';
import '../../../src/define/dvc-person-name-field.js';
import '../../../src/define/dvc-id-number-field.js';
import type { DvcTextField } from '../../../src/components/text-field/text-field.js';
import type { DvcDateField } from '../../../src/components/date-field/date-field.js';
import type { DvcPhoneField } from '../../../src/components/phone-field/phone-field.js';
import type { DvcPersonNameField } from '../../../src/components/person-name-field/person-name-field.js';
import type { DvcIdNumberField } from '../../../src/components/id-number-field/id-number-field.js';
import type { DvcNumberField } from '../../../src/components/number-field/number-field.js';
import { controlSuite, typeAndLeave } from './control-suite.js';
import { mount } from './control-suite.js';

controlSuite<DvcTextField>({
  tag: 'dvc-text-field',
  userEnters: () => typeAndLeave('Xin chào'),
  sample: 'Xin chào',
  formEntries: ['Xin chào'],
  read: (el) => el.value,
  write: (el, v) => (el.value = v as string),
  empty: '',
});

const stringCase = (tag: string, typed: string, sample: string, invalidValue?: string) =>
  controlSuite<DvcTextField>({
    tag,
    userEnters: () => typeAndLeave(typed),
    sample,
    formEntries: [sample],
    read: (el) => el.value,
    write: (el, v) => (el.value = v as string),
    empty: '',
    invalidValue,
  });
stringCase('dvc-textarea-field', 'Dòng một', 'Dòng một');
stringCase('dvc-number-field', '12', '12', 'abc');
stringCase('dvc-date-field', '5/9/2024', '2024-09-05', '2024-02-31');
stringCase('dvc-email-field', ' ten@example.com ', 'ten@example.com', 'ten@');
stringCase('dvc-phone-field', '+84 91 234 5678', '0912345678', '0123');
stringCase('dvc-person-name-field', 'nguyễn  văn   an', 'nguyễn văn an', 'An3');
stringCase('dvc-id-number-field', '035 199 000 123', '035199000123', '12345');

describe('<dvc-text-field>', () => {
  it('uses the value attribute as default and restores it on reset', async () => {
    const form = await mount<HTMLFormElement>(html`<form><dvc-text-field name="a" label="A" value="mặc định"></dvc-text-field></form>`);
    const el = form.querySelector('dvc-text-field')!;
    expect(el.value).to.equal('mặc định');
    el.focus();
    await sendKeys({ press: 'End' });
    await typeAndLeave(' thêm');
    expect(el.value).to.equal('mặc định thêm');
    form.reset();
    await elementUpdated(el);
    expect(el.value).to.equal('mặc định');
    expect((el.shadowRoot!.querySelector('input') as HTMLInputElement).value).to.equal('mặc định');
  });

  it('follows the page\u2019s language when a site switches it (document lang), and stops when removed', async () => {
    const before = document.documentElement.lang;
    try {
      document.documentElement.lang = 'vi';
      const el = await mount<DvcTextField>(html`<dvc-text-field label="Mã" maxlength="3"></dvc-text-field>`);
      el.value = 'abcd';
      el.showErrors();
      await elementUpdated(el);
      expect(el.validationMessage).to.equal('Mã chỉ được có tối đa 3 ký tự');
      document.documentElement.lang = 'en';
      await waitUntil(() => !el.validationMessage.startsWith('Mã chỉ'), 'the message follows the page language');
      expect(el.validationMessage).to.match(/3 characters/);
      el.remove();
      document.documentElement.lang = 'vi';
      await new Promise((r) => setTimeout(r, 50));
      expect(el.validationMessage, 'a removed field is no longer re-rendered').to.match(/3 characters/);
    } finally {
      document.documentElement.lang = before;
    }
  });

  it('checks maxlength and pattern with localised messages', async () => {
    const el = await mount<DvcTextField>(html`<dvc-text-field label="Mã" maxlength="3" pattern="^[A-Z]+$"></dvc-text-field>`);
    el.value = 'abcd';
    el.showErrors();
    await elementUpdated(el);
    expect(el.validity.tooLong).to.equal(true);
    expect(el.validationMessage).to.equal('Mã chỉ được có tối đa 3 ký tự');
    el.value = 'ab';
    await elementUpdated(el);
    expect(el.validity.patternMismatch).to.equal(true);
  });

  it('speaks English when an ancestor has lang="en"', async () => {
    const wrap = await mount<HTMLDivElement>(html`<div lang="en"><dvc-text-field label="Name" required></dvc-text-field></div>`);
    const el = wrap.querySelector('dvc-text-field')!;
    el.showErrors();
    await elementUpdated(el);
    // The English catalogue is imported lazily; the control re-renders once it is in.
    const errorText = () => el.shadowRoot!.querySelector('[part="error-message"]')!.textContent ?? '';
    await waitUntil(() => errorText().includes('Enter Name'), `the English error never appeared (got "${errorText().trim()}")`, {
      timeout: 5_000,
    });
    expect(errorText()).to.contain('Enter Name');
  });

  it('joins label, hint and error to the input', async () => {
    const el = await mount<DvcTextField>(html`<dvc-text-field label="Họ và tên" hint="Ghi như trên giấy tờ" required></dvc-text-field>`);
    el.showErrors();
    await elementUpdated(el);
    const input = el.shadowRoot!.querySelector('input')!;
    expect(input.labels![0]!.textContent).to.contain('Họ và tên');
    expect(input.getAttribute('aria-describedby')).to.equal('hint error');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.hasAttribute('placeholder')).to.equal(false);
  });
});

describe('<dvc-date-field>', () => {
  const cases: Array<[string, string]> = [
    ['5/9/2024', '2024-09-05'],
    ['05/09/2024', '2024-09-05'],
    ['05092024', '2024-09-05'],
    ['5.9.2024', '2024-09-05'],
    ['5-9-2024', '2024-09-05'],
    ['29/2/2024', '2024-02-29'],
  ];
  for (const [typed, iso] of cases) {
    it(`reads "${typed}" as ${iso} and shows it as dd/mm/yyyy after leaving`, async () => {
      const el = await mount<DvcDateField>(html`<dvc-date-field label="Ngày sinh"></dvc-date-field>`);
      el.focus();
      await typeAndLeave(typed);
      await elementUpdated(el);
      expect(el.value).to.equal(iso);
      expect(el.shadowRoot!.querySelector('input')!.value).to.equal(`${iso.slice(8)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`);
      expect(el.validity.valid).to.equal(true);
    });
  }

  it('explains an impossible date (31/02/2023) and keeps the typed text', async () => {
    const el = await mount<DvcDateField>(html`<dvc-date-field label="Ngày sinh"></dvc-date-field>`);
    el.focus();
    await typeAndLeave('31/02/2023');
    await elementUpdated(el);
    expect(el.value).to.equal('');
    expect(el.validity.badInput).to.equal(true);
    const msg = el.shadowRoot!.querySelector('[part="error-message"]')!.textContent!;
    expect(msg).to.contain('31/02/2023');
    expect(msg).to.contain('28 ngày');
    expect(el.shadowRoot!.querySelector('input')!.value).to.equal('31/02/2023');
  });

  it('rejects month 13 and two-digit years with a clear message', async () => {
    const el = await mount<DvcDateField>(html`<dvc-date-field label="Ngày cấp"></dvc-date-field>`);
    el.focus();
    await typeAndLeave('01/13/2020');
    expect(el.validationMessage).to.contain('Tháng phải từ 1 đến 12');
    el.value = '';
    el.focus();
    await typeAndLeave('1/1/90');
    expect(el.validationMessage).to.contain('4 chữ số');
  });

  it('applies min and max (ISO) with dd/mm/yyyy in the message', async () => {
    const el = await mount<DvcDateField>(html`<dvc-date-field label="Ngày sinh" max="2024-12-31"></dvc-date-field>`);
    el.value = '2025-01-01';
    await elementUpdated(el);
    expect(el.validity.rangeOverflow).to.equal(true);
    expect(el.validationMessage).to.contain('31/12/2024');
  });

  it('shows a programmatic ISO value as dd/mm/yyyy', async () => {
    const el = await mount<DvcDateField>(html`<dvc-date-field label="Ngày sinh" value="1999-03-07"></dvc-date-field>`);
    expect(el.shadowRoot!.querySelector('input')!.value).to.equal('07/03/1999');
  });
});

describe('<dvc-phone-field>', () => {
  const cases: Array<[string, string, string]> = [
    ['+84 912 345 678', '0912345678', '0912 345 678'],
    ['0084912345678', '0912345678', '0912 345 678'],
    ['0912.345.678', '0912345678', '0912 345 678'],
    ['(024) 3825 1234', '02438251234', '024 3825 1234'],
    ['84 98 765 4321', '0987654321', '0987 654 321'],
  ];
  for (const [typed, digits, shown] of cases) {
    it(`normalises "${typed}" to ${digits}`, async () => {
      const el = await mount<DvcPhoneField>(html`<dvc-phone-field label="Số điện thoại"></dvc-phone-field>`);
      el.focus();
      await typeAndLeave(typed);
      expect(el.value).to.equal(digits);
      expect(el.validity.valid).to.equal(true);
      expect(el.shadowRoot!.querySelector('input')!.value).to.equal(shown);
    });
  }
  it('flags numbers that are not Vietnamese phone numbers', async () => {
    const el = await mount<DvcPhoneField>(html`<dvc-phone-field label="Số điện thoại"></dvc-phone-field>`);
    el.focus();
    await typeAndLeave('0123 45');
    expect(el.validity.patternMismatch).to.equal(true);
    expect(el.shadowRoot!.querySelector('[part="error-message"]')!.textContent).to.contain('10 chữ số');
    el.value = '';
    el.focus();
    await typeAndLeave('09x');
    expect(el.validity.badInput).to.equal(true);
  });
});

describe('<dvc-person-name-field>', () => {
  it('upper-cases with Vietnamese diacritics and NFC when `uppercase` is set', async () => {
    const el = await mount<DvcPersonNameField>(html`<dvc-person-name-field label="Họ và tên" uppercase></dvc-person-name-field>`);
    el.focus();
    // "ễ" typed decomposed (e + combining circumflex + combining tilde) must come out NFC.
    await typeAndLeave('nguye\u0302\u0303n   thị  ánh');
    expect(el.value).to.equal('NGUYỄN THỊ ÁNH');
    expect(el.value).to.equal(el.value.normalize('NFC'));
    expect(el.shadowRoot!.querySelector('input')!.value).to.equal('NGUYỄN THỊ ÁNH');
  });
  it('keeps case without `uppercase` and rejects digits', async () => {
    const el = await mount<DvcPersonNameField>(html`<dvc-person-name-field label="Họ và tên"></dvc-person-name-field>`);
    el.value = 'Trần Văn 2';
    await elementUpdated(el);
    expect(el.validity.patternMismatch).to.equal(true);
    el.value = 'Đặng Thuỳ Trâm';
    await elementUpdated(el);
    expect(el.validity.valid).to.equal(true);
    expect(el.value).to.equal('Đặng Thuỳ Trâm');
  });
});

describe('<dvc-id-number-field>', () => {
  it('shows the number grouped and submits digits', async () => {
    const form = await mount<HTMLFormElement>(
      html`<form><dvc-id-number-field name="id" label="Số định danh"></dvc-id-number-field></form>`,
    );
    const el = form.querySelector('dvc-id-number-field') as DvcIdNumberField;
    el.focus();
    await typeAndLeave('035199000123');
    expect(el.shadowRoot!.querySelector('input')!.value).to.equal('035 199 000 123');
    expect(new FormData(form).get('id')).to.equal('035199000123');
  });
  it('warns, without blocking, when digit 4 disagrees with the sex or century', async () => {
    const el = await mount<DvcIdNumberField>(
      html`<dvc-id-number-field label="Số định danh" birth-date="1999-05-01" sex="male"></dvc-id-number-field>`,
    );
    el.focus();
    await typeAndLeave('035199000123'); // digit 4 = 1 → female, 1900s
    const warning = el.shadowRoot!.querySelector('[part="warning"]') as HTMLElement;
    expect(warning.hidden).to.equal(false);
    expect(warning.textContent).to.contain('Chữ số thứ 4');
    expect(el.validity.valid).to.equal(true);
    expect(el.shadowRoot!.querySelector('input')!.getAttribute('aria-describedby')).to.contain('warning');
    el.sex = 'female';
    await elementUpdated(el);
    expect(warning.hidden).to.equal(true);
  });
  it('warns when digits 5-6 disagree with the birth year', async () => {
    const el = await mount<DvcIdNumberField>(html`<dvc-id-number-field label="Số định danh" prefilled></dvc-id-number-field>`);
    el.value = '001203000123';
    el.birthDate = '2004-02-02';
    await elementUpdated(el);
    const warning = el.shadowRoot!.querySelector('[part="warning"]') as HTMLElement;
    expect(warning.textContent).to.contain('5 và 6');
    expect(warning.textContent).to.contain('04');
    el.birthDate = '2003-02-02';
    await elementUpdated(el);
    expect(warning.hidden).to.equal(true);
  });
  it('requires exactly 12 digits', async () => {
    const el = await mount<DvcIdNumberField>(html`<dvc-id-number-field label="Số định danh"></dvc-id-number-field>`);
    el.value = '12345678901';
    await elementUpdated(el);
    expect(el.validity.patternMismatch).to.equal(true);
    expect(el.validationMessage).to.contain('12 chữ số');
  });
});

describe('<dvc-number-field>', () => {
  it('accepts a decimal comma and checks integer/min/max', async () => {
    const el = await mount<DvcNumberField>(html`<dvc-number-field label="Số bản sao" integer min="1" max="10"></dvc-number-field>`);
    el.focus();
    await typeAndLeave('1,5');
    expect(el.value).to.equal('1.5');
    expect(el.validity.stepMismatch).to.equal(true);
    el.value = '11';
    await elementUpdated(el);
    expect(el.validity.rangeOverflow).to.equal(true);
    el.valueAsNumber = 3;
    await elementUpdated(el);
    expect(el.validity.valid).to.equal(true);
    expect(el.value).to.equal('3');
  });
});
