/** Stories of <dvc-dossier-status> (tra cứu hồ sơ): one per state; the back end is simulated in the page. */
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../src/define/dvc-dossier-status.js';
import type { DossierStatusClient } from '../src/components/dossier-status/dossier-status.js';
import { OfflineError, ProblemError, ServerError, type DossierStatus, type DossierStatusValue } from '../src/runtime/backend.js';

const CODE = '000.00.00.H30-260302-0007';

const history: DossierStatus['history'] = [
  { status: 'submitted', at: '2026-03-02T02:05:00.000Z' },
  { status: 'received', at: '2026-03-02T03:00:00.000Z', note: { vi: 'Hồ sơ đầy đủ, đã tiếp nhận.', en: 'Complete; received.' } },
  {
    status: 'supplement-requested',
    at: '2026-03-03T08:30:00.000Z',
    note: {
      vi: 'Đề nghị bổ sung bản sao giấy chứng nhận kết hôn của cha mẹ và xác nhận nơi cư trú từ năm 2010 đến năm 2014.',
      en: 'Please add a copy of the parents’ marriage certificate and proof of residence from 2010 to 2014.',
    },
  },
  { status: 'processing', at: '2026-03-05T01:15:00.000Z' },
  {
    status: 'result-ready',
    at: '2026-03-12T09:40:00.000Z',
    note: { vi: 'Mời nhận kết quả tại Bộ phận một cửa.', en: 'Collect the result at the one-stop counter.' },
  },
  { status: 'completed', at: '2026-03-13T02:00:00.000Z' },
];

function dossier(status: DossierStatusValue, paid = true): DossierStatus {
  const upTo = history.findIndex((h) => h.status === status);
  return {
    code: CODE,
    procedure: 'criminal-record-certificate',
    status,
    submittedAt: history[0].at,
    appointmentDate: '2026-03-16',
    fee: { currency: 'VND', total: 200000, lines: [] },
    history:
      status === 'rejected'
        ? [
            history[0],
            {
              status: 'rejected',
              at: '2026-03-02T04:00:00.000Z',
              note: {
                vi: 'Hồ sơ không thuộc thẩm quyền giải quyết của UBND phường; đề nghị nộp tại Công an tỉnh.',
                en: 'Not within the ward’s competence; file it with the provincial police.',
              },
            },
          ]
        : history.slice(0, upTo + 1),
    ...(paid ? { payment: { id: 'pay-1', status: 'paid' as const, amount: 200000, method: 'vietqr' as const } } : {}),
  };
}

const procedures = async () => [
  { slug: 'criminal-record-certificate', title: { vi: 'Cấp Phiếu lý lịch tư pháp', en: 'Criminal record certificate' } },
];

const answering = (d: DossierStatus): DossierStatusClient => ({ getDossier: async () => d, listProcedures: procedures });
const failing = (error: () => Error): DossierStatusClient => ({
  getDossier: async () => {
    throw error();
  },
  listProcedures: procedures,
});
const never: DossierStatusClient = { getDossier: () => new Promise<DossierStatus>(() => {}) };

const show = (client: DossierStatusClient, code = CODE, lang = 'vi') =>
  html`<dvc-dossier-status lang=${lang} code=${code} .client=${client}></dvc-dossier-status>`;

/** Types `text` in the box and presses "Tra cứu" (shows the malformed-code message). */
const typeAndSearch = (text: string) => (el?: Element) => {
  if (!el) return;
  void customElements.whenDefined('dvc-dossier-status').then(async () => {
    const s = el as HTMLElement & { updateComplete: Promise<unknown> };
    await s.updateComplete;
    const input = s.shadowRoot!.querySelector('input')!;
    input.value = text;
    input.dispatchEvent(new Event('input'));
    s.shadowRoot!.querySelector<HTMLButtonElement>('[part~="search-button"]')!.click();
  });
};

const meta: Meta = { title: 'Components/Dossier status', component: 'dvc-dossier-status' };
export default meta;

export const Empty: StoryObj = {
  render: () => html`<dvc-dossier-status lang="vi" .client=${answering(dossier('received'))}></dvc-dossier-status>`,
};

export const MalformedCode: StoryObj = {
  render: () =>
    html`<dvc-dossier-status lang="vi" .client=${answering(dossier('received'))} ${ref(typeAndSearch('H30-2603-7'))}></dvc-dossier-status>`,
};

export const ImpossibleDate: StoryObj = {
  render: () =>
    html`<dvc-dossier-status
      lang="vi"
      .client=${answering(dossier('received'))}
      ${ref(typeAndSearch('000.00.00.H30-261340-0001'))}
    ></dvc-dossier-status>`,
};

export const Loading: StoryObj = { render: () => show(never) };

export const Submitted: StoryObj = { render: () => show(answering(dossier('submitted', false))) };

export const SupplementRequested: StoryObj = { render: () => show(answering(dossier('supplement-requested'))) };

export const Processing: StoryObj = { render: () => show(answering(dossier('processing'))) };

export const ResultReady: StoryObj = { render: () => show(answering(dossier('result-ready'))) };

export const Completed: StoryObj = { render: () => show(answering(dossier('completed'))) };

export const Rejected: StoryObj = { render: () => show(answering(dossier('rejected', false))) };

export const FreeProcedure: StoryObj = {
  render: () =>
    show(answering({ ...dossier('received', false), procedure: 'birth-registration', fee: { currency: 'VND', total: 0, lines: [] } })),
};

export const NotFound: StoryObj = {
  render: () =>
    show(
      failing(() => new ProblemError(404, 'Not Found', 'No dossier has this code.')),
      '000.00.00.H30-260302-0099',
    ),
};

export const Offline: StoryObj = { render: () => show(failing(() => new OfflineError())) };

export const ServerFailure: StoryObj = { render: () => show(failing(() => new ServerError(503, 'Service Unavailable'))) };

export const CodeFromHostIsNotACode: StoryObj = { render: () => show(answering(dossier('received')), 'HS-123') };

export const English: StoryObj = { render: () => show(answering(dossier('supplement-requested')), CODE, 'en') };

export const HostPageWithoutForm: StoryObj = {
  render: () =>
    html`<dvc-dossier-status
      lang="vi"
      hide-form
      heading-level="3"
      code=${CODE}
      .client=${answering(dossier('processing'))}
    ></dvc-dossier-status>`,
};

export const NarrowPhone: StoryObj = {
  render: () => html`<div style="max-inline-size: 320px">${show(answering(dossier('supplement-requested')))}</div>`,
};

/** A payment that came when nothing was due any more: "Sẽ được hoàn tiền". */
export const PaymentRefundDue: StoryObj = {
  render: () =>
    show(
      answering({
        ...dossier('rejected', false),
        payment: { id: 'pay-1', status: 'refund-due', amount: 200000, method: 'vnpay' },
      }),
    ),
};

/**
 * An officer's note holding bidi override characters and markup: shown as text, isolated, the controls
 * removed ("tệp \u202Efdp.exe" reads "tệp fdp.exe", not "tệp exe.pdf").
 */
export const HostileOfficerNote: StoryObj = {
  render: () =>
    show(
      answering({
        ...dossier('supplement-requested'),
        history: [
          ...dossier('supplement-requested').history,
          {
            status: 'supplement-requested',
            at: '2026-03-04T08:30:00.000Z',
            note: { vi: 'Xem tệp \u202Efdp.exe và <img src=x onerror="alert(1)"> \u2067عربي\u2069 rồi bổ sung.' },
          },
        ],
      }),
    ),
};
