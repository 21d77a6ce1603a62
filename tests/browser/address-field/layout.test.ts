/**
 * Layout of <dvc-address-field> at desktop and phone widths: each hint sits under the box it belongs to,
 * aligned with it, and the field's paragraphs follow the field's spacing (no stray UA margins).
 *
 * Regression: on a wide screen the "choose a province first" hint of the commune box was laid out as a
 * third grid column beside the two boxes, and the search hint carried 1em paragraph margins.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../../src/define/dvc-address-field.js';
import type { DvcAddressField } from '../../../src/components/address-field/address-field.js';
import type { AdminUnitsData } from '../../../src/internal/admin-units.js';

const units: AdminUnitsData = {
  provinces: [
    { code: '01', name: 'Hà Nội', nameEn: 'Hanoi', kind: 1, communes: [{ code: '00004', name: 'Ba Đình', nameEn: 'Ba Dinh', kind: 3 }] },
  ],
};

async function mount(width: number): Promise<{ el: DvcAddressField; box: (sel: string) => DOMRect }> {
  await setViewport({ width, height: 800 });
  const wrap = await fixture<HTMLDivElement>(
    html`<div style="inline-size: ${Math.min(width - 32, 960)}px">
      <dvc-address-field
        name="a"
        label="Nơi cư trú"
        hint="Tỉnh/thành phố, xã/phường và số nhà."
        required
        .units=${units}
      ></dvc-address-field>
    </div>`,
  );
  const el = wrap.querySelector('dvc-address-field') as DvcAddressField;
  await el.updateComplete;
  const box = (sel: string): DOMRect => {
    const node = el.shadowRoot!.querySelector(sel);
    if (!node) throw new Error(`no ${sel} in <dvc-address-field>`);
    return node.getBoundingClientRect();
  };
  return { el, box };
}

/** Pixels of tolerance for sub-pixel layout. */
const EPS = 1;

for (const [label, width] of [
  ['desktop', 1280],
  ['phone', 360],
] as const) {
  describe(`<dvc-address-field> layout (${label}, ${width}px)`, () => {
    it('the commune hint sits under the commune box, left edges aligned', async () => {
      const { box } = await mount(width);
      const commune = box('input#commune');
      const hint = box('#commune-needs-province');
      expect(hint.height).to.be.greaterThan(0);
      expect(Math.abs(hint.left - commune.left), `hint left ${hint.left}, box left ${commune.left}`).to.be.at.most(EPS);
      expect(hint.top, `hint top ${hint.top}, box bottom ${commune.bottom}`).to.be.at.least(commune.bottom - EPS);
      expect(hint.right).to.be.at.most(commune.right + EPS);
    });

    it('hints line up with the legend, and the search hint has the field spacing (no 1em margins)', async () => {
      const { el, box } = await mount(width);
      const legend = box('legend');
      const fieldHint = box('#hint');
      const searchHint = box('#search-hint');
      expect(Math.abs(fieldHint.left - legend.left)).to.be.at.most(EPS);
      expect(Math.abs(searchHint.left - legend.left)).to.be.at.most(EPS);
      // The field's flex gap is 0.25rem (4px); a paragraph margin would make it 16px or more.
      expect(searchHint.top - fieldHint.bottom, 'space between the two hints').to.be.at.most(8);
      const margins = getComputedStyle(el.shadowRoot!.querySelector('#search-hint')!);
      expect(margins.marginBlockStart).to.equal('0px');
      expect(margins.marginBlockEnd).to.equal('0px');
    });

    it('the street box spans the width of both boxes above it', async () => {
      const { box } = await mount(width);
      const province = box('input#province');
      const commune = box('input#commune');
      const street = box('input#street');
      expect(Math.abs(street.left - province.left)).to.be.at.most(EPS);
      expect(Math.abs(street.right - commune.right)).to.be.at.most(EPS);
      if (label === 'desktop') {
        // Side by side on a wide screen, at the same height.
        expect(Math.abs(province.top - commune.top)).to.be.at.most(EPS);
        expect(commune.left).to.be.greaterThan(province.right);
      } else {
        expect(commune.top).to.be.greaterThan(province.bottom);
      }
    });
  });
}

after(async () => {
  await setViewport({ width: 800, height: 600 });
});
