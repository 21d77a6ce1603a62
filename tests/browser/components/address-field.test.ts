import { expect, html, elementUpdated } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/define/dvc-address-field.js';
import type { DvcAddressField, AddressValue } from '../../../src/components/address-field/address-field.js';
import type { AdminUnitsData } from '../../../src/internal/admin-units.js';
import defaultUnits from '../../../src/data/admin-units.js';
import { controlSuite } from './control-suite.js';
import { mount } from './control-suite.js';

const sample: AddressValue = { country: 'VN', province: '01', commune: '00004', street: '1 Phố Huế' };

async function typeInto(text: string): Promise<void> {
  await sendKeys({ type: text });
}

controlSuite<DvcAddressField>({
  tag: 'dvc-address-field',
  setup: async (el) => {
    await el.unitsReady();
  },
  userEnters: async () => {
    await typeInto('ha noi');
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Tab' });
    await typeInto('ba dinh');
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Tab' });
    await typeInto('1 Phố Huế');
    await sendKeys({ press: 'Tab' });
  },
  sample,
  formEntries: [JSON.stringify(sample)],
  read: (el) => el.value,
  write: (el, v) => (el.value = v as AddressValue),
  empty: { country: 'VN', province: '', commune: '', street: '' },
  invalidValue: { country: 'VN', province: '01', commune: '', street: '' },
});

describe('<dvc-address-field>', () => {
  it('ships the 34 provinces and 3,321 communes', () => {
    expect(defaultUnits.provinces.length).to.equal(34);
    expect(defaultUnits.provinces.reduce((n, p) => n + p.communes.length, 0)).to.equal(3321);
  });

  it('finds "Thanh Hóa" when typing "thanh hoa" and chooses it with the keyboard', async () => {
    const el = await mount<DvcAddressField>(html`<dvc-address-field label="Nơi thường trú"></dvc-address-field>`);
    await el.unitsReady();
    el.focus();
    const input = el.shadowRoot!.querySelector('#province') as HTMLInputElement;
    expect(el.shadowRoot!.activeElement === input, 'el.shadowRoot!.activeElement is input').to.equal(true);
    await sendKeys({ type: 'thanh hoa' });
    await elementUpdated(el);
    expect(input.getAttribute('aria-expanded')).to.equal('true');
    const options = [...el.shadowRoot!.querySelectorAll('#province-list [role="option"]')];
    // The data spells it "Thanh Hoá" (old accent placement); the search folds both spellings.
    expect(options[0]!.textContent!.trim()).to.equal('Tỉnh Thanh Hoá');
    expect(input.getAttribute('aria-activedescendant')).to.equal(options[0]!.id);
    await sendKeys({ press: 'Enter' });
    await elementUpdated(el);
    expect(el.value.province).to.equal('38');
    expect(input.value).to.equal('Tỉnh Thanh Hoá');
    expect(input.getAttribute('aria-expanded')).to.equal('false');
  });

  it('finds the province typed with the other accent placement ("Thanh Hóa")', async () => {
    const el = await mount<DvcAddressField>(html`<dvc-address-field label="Nơi sinh"></dvc-address-field>`);
    await el.unitsReady();
    el.focus();
    await sendKeys({ type: 'Thanh Hóa' });
    await sendKeys({ press: 'Tab' });
    await elementUpdated(el);
    expect(el.value.province).to.equal('38');
  });

  it('moves through options with arrows, wraps, and Escape closes without choosing', async () => {
    const el = await mount<DvcAddressField>(html`<dvc-address-field label="Địa chỉ"></dvc-address-field>`);
    await el.unitsReady();
    el.focus();
    await sendKeys({ type: 'ha' });
    await elementUpdated(el);
    const input = el.shadowRoot!.querySelector('#province') as HTMLInputElement;
    const options = () => [...el.shadowRoot!.querySelectorAll('#province-list [role="option"]')];
    const n = options().length;
    expect(n).to.be.greaterThan(2);
    await sendKeys({ press: 'ArrowDown' });
    await elementUpdated(el);
    expect(input.getAttribute('aria-activedescendant')).to.equal(options()[1]!.id);
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowUp' });
    await elementUpdated(el);
    expect(input.getAttribute('aria-activedescendant')).to.equal(options()[n - 1]!.id);
    await sendKeys({ press: 'Escape' });
    await elementUpdated(el);
    expect(input.getAttribute('aria-expanded')).to.equal('false');
    expect(el.value.province).to.equal('');
  });

  it('searches communes of the chosen province only, without diacritics', async () => {
    const el = await mount<DvcAddressField>(html`<dvc-address-field label="Địa chỉ"></dvc-address-field>`);
    await el.unitsReady();
    el.value = { country: 'VN', province: '79', commune: '', street: '' };
    await elementUpdated(el);
    const commune = el.shadowRoot!.querySelector('#commune') as HTMLInputElement;
    expect(commune.disabled).to.equal(false);
    commune.focus();
    await sendKeys({ type: 'ben thanh' });
    await elementUpdated(el);
    const first = el.shadowRoot!.querySelector('#commune-list [role="option"]')!;
    expect(first.textContent!.trim()).to.equal('Phường Bến Thành');
    await sendKeys({ press: 'Enter' });
    await elementUpdated(el);
    const chosen = defaultUnits.provinces.find((p) => p.code === '79')!.communes.find((c) => c.name === 'Bến Thành')!;
    expect(el.value.commune).to.equal(chosen.code);
    expect(el.commune!.name).to.equal('Bến Thành');
  });

  it('clears the commune when the province changes, and flags an incomplete address', async () => {
    const el = await mount<DvcAddressField>(html`<dvc-address-field label="Địa chỉ"></dvc-address-field>`);
    await el.unitsReady();
    el.value = sample;
    await elementUpdated(el);
    expect(el.validity.valid).to.equal(true);
    el.focus();
    (el.shadowRoot!.querySelector('#province') as HTMLInputElement).select();
    await sendKeys({ type: 'da nang' });
    await sendKeys({ press: 'Enter' });
    await elementUpdated(el);
    expect(el.value).to.deep.equal({ country: 'VN', province: '48', commune: '', street: '1 Phố Huế' });
    expect(el.validity.valid).to.equal(false);
  });

  it('uses units served by the back end instead of the bundled list', async () => {
    const units: AdminUnitsData = {
      provinces: [{ code: '99', name: 'Tỉnh Thử', communes: [{ code: '99999', name: 'Xã Mẫu' }] }],
    };
    const el = await mount<DvcAddressField>(html`<dvc-address-field label="Địa chỉ" .units=${units}></dvc-address-field>`);
    el.focus();
    await sendKeys({ type: 'thu' });
    await sendKeys({ press: 'Enter' });
    await elementUpdated(el);
    expect(el.value.province).to.equal('99');
    const loader = () => Promise.resolve(units);
    const el2 = await mount<DvcAddressField>(html`<dvc-address-field label="Địa chỉ" .loader=${loader}></dvc-address-field>`);
    await el2.unitsReady();
    el2.value = { country: 'VN', province: '99', commune: '99999', street: 'x' };
    await elementUpdated(el2);
    expect(el2.commune!.name).to.equal('Xã Mẫu');
  });

  it('rejects malformed units with an error naming the bad entry', async () => {
    const el = await mount<DvcAddressField>(html`<dvc-address-field name="a" label="Địa chỉ"></dvc-address-field>`);
    let error: unknown;
    const onError = (e: ErrorEvent) => {
      error = e.error;
      e.preventDefault();
    };
    window.addEventListener('error', onError);
    try {
      el.units = { provinces: [{ code: '01', name: 'A', communes: [{ code: 5 }] }] } as unknown as AdminUnitsData;
      await el.updateComplete.catch((e: unknown) => (error = e));
    } finally {
      window.removeEventListener('error', onError);
    }
    expect(String(error)).to.contain('provinces[0].communes[0]');
  });
});
