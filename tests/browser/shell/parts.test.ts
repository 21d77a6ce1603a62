import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { definePaymentPart, defineShellParts } from '../../../src/components/procedure-form/parts.js';
import type { DvcErrorSummary } from '../../../src/components/error-summary/error-summary.js';
import type { DvcStepProgress } from '../../../src/components/step-progress/step-progress.js';
import type { DvcReviewList } from '../../../src/components/review-list/review-list.js';
import type { DvcReceipt } from '../../../src/components/receipt/receipt.js';
import type { DvcChangeRequestEvent, DvcErrorLinkEvent } from '../../../src/components/procedure-form/events.js';

defineShellParts();

describe('<dvc-error-summary>', () => {
  it('renders nothing without errors, a focusable alert with links otherwise', async () => {
    const el = await fixture<DvcErrorSummary>(html`<dvc-error-summary heading="Có lỗi"></dvc-error-summary>`);
    expect(el.shadowRoot!.querySelector('[role=alert]')).to.equal(null);
    el.errors = [
      { pointer: '/a', message: 'Nhập A' },
      { pointer: '/b', message: 'Nhập B' },
    ];
    await el.updateComplete;
    const links = [...el.shadowRoot!.querySelectorAll('a')];
    expect(links.map((a) => a.textContent)).to.deep.equal(['Nhập A', 'Nhập B']);
    el.focus();
    expect(el.shadowRoot!.activeElement === el.shadowRoot!.querySelector('[part~=base]')).to.equal(true);
    const ev = oneEvent(el, 'dvc-error-link');
    links[1]!.click();
    expect(((await ev) as unknown as DvcErrorLinkEvent).pointer).to.equal('/b');
    await expect(el).to.be.accessible();
  });
});

describe('<dvc-step-progress>', () => {
  it('marks the current step and shows the count', async () => {
    const el = await fixture<DvcStepProgress>(
      html`<dvc-step-progress
        .steps=${['Một', 'Hai', 'Ba']}
        current="1"
        label="Tiến trình"
        count-text="Bước 2 trên 3"
      ></dvc-step-progress>`,
    );
    const items = [...el.shadowRoot!.querySelectorAll('li')];
    expect(items.map((li) => li.getAttribute('aria-current'))).to.deep.equal(['false', 'step', 'false']);
    expect(el.shadowRoot!.textContent).to.contain('Bước 2 trên 3');
    expect(el.shadowRoot!.querySelector('nav')!.getAttribute('aria-label')).to.equal('Tiến trình');
    await expect(el).to.be.accessible();
  });

  it('fills the bar in proportion to the step, without a style attribute (strict CSP)', async () => {
    const el = await fixture<DvcStepProgress>(
      html`<div style="inline-size: 400px"><dvc-step-progress .steps=${['Một', 'Hai', 'Ba', 'Bốn']} current="0"></dvc-step-progress></div>`,
    ).then((wrap) => wrap.querySelector('dvc-step-progress') as DvcStepProgress);
    const bar = el.shadowRoot!.querySelector('.bar') as HTMLElement;
    const fill = el.shadowRoot!.querySelector('.fill') as HTMLElement;
    expect(fill.hasAttribute('style')).to.equal(false);
    const ratio = () => fill.getBoundingClientRect().width / bar.getBoundingClientRect().width;
    expect(ratio()).to.be.closeTo(0.25, 0.02);
    el.current = 2;
    await el.updateComplete;
    fill.getAnimations().forEach((a) => a.finish());
    expect(ratio()).to.be.closeTo(0.75, 0.02);
  });
});

describe('<dvc-review-list>', () => {
  it('lists answers with change links that name the question', async () => {
    const el = await fixture<DvcReviewList>(
      html`<dvc-review-list
        .sections=${[
          {
            stepId: 's1',
            title: 'Người yêu cầu',
            rows: [
              { pointer: '/name', label: 'Họ và tên', value: 'Lê An' },
              { pointer: '/email', label: 'Thư điện tử', value: '' },
            ],
          },
        ]}
      ></dvc-review-list>`,
    );
    const text = el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
    expect(text).to.contain('Lê An');
    expect(text).to.contain('Chưa nhập');
    const links = [...el.shadowRoot!.querySelectorAll('a')];
    expect(links[0]!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Thay đổi Họ và tên');
    const ev = oneEvent(el, 'dvc-change-request');
    links[1]!.click();
    const got = (await ev) as unknown as DvcChangeRequestEvent;
    expect([got.stepId, got.pointer]).to.deep.equal(['s1', '/email']);
    await expect(el).to.be.accessible();
  });
});

describe('<dvc-receipt>', () => {
  it('shows the dossier code, appointment date and amount due', async () => {
    const el = await fixture<DvcReceipt>(html`<dvc-receipt></dvc-receipt>`);
    el.receipt = {
      code: '000.00.00.H30-250712-0001',
      appointmentDate: '2025-07-21',
      status: 'submitted',
      fee: { currency: 'VND', total: 200000, lines: [] },
      submittedAt: '2025-07-12T02:00:00Z',
    };
    await el.updateComplete;
    const text = el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
    expect(text).to.contain('000.00.00.H30-250712-0001');
    expect(text).to.contain('21/07/2025');
    expect(text).to.match(/Lệ phí phải nộp 200\.000\s₫/);
    expect(el.shadowRoot!.querySelector('[part~=print-button]')).to.exist;
    await expect(el).to.be.accessible();
  });
});

describe('defineShellParts()', () => {
  it('registers the attachment part with the others; the payment part loads on demand', async () => {
    for (const tag of ['dvc-error-summary', 'dvc-step-progress', 'dvc-review-list', 'dvc-receipt', 'dvc-attachment']) {
      expect(customElements.get(tag), tag).to.be.a('function');
    }
    await definePaymentPart();
    expect(customElements.get('dvc-payment')).to.be.a('function');
    await definePaymentPart(); // a second call is harmless
  });
});
