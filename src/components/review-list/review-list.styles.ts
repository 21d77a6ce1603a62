import { css } from 'lit';
import { visuallyHiddenStyles } from '../../internal/a11y.styles.js';

/**
 * @cssproperty --dvc-color-border - Row separators.
 * @cssproperty --dvc-color-link - Link colour.
 */
export const reviewListStyles = [
  visuallyHiddenStyles,
  css`
    :host {
      display: block;
      color: var(--dvc-color-text, #1b1b1b);
    }
    section + section {
      margin-block-start: 2rem;
    }
    h3 {
      font-size: 1.15rem;
      margin: 0 0 0.5rem;
    }
    dl {
      margin: 0;
    }
    .row {
      display: grid;
      grid-template-columns: minmax(0, 2fr) minmax(0, 3fr) auto;
      gap: 0.5rem 1rem;
      padding: 0.6rem 0;
      border-block-end: 1px solid var(--dvc-color-border, #b1b4b6);
    }
    dt {
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
      white-space: pre-line;
    }
    .empty {
      color: var(--dvc-color-muted, #505a5f);
    }
    a {
      color: var(--dvc-color-link, #0b5cab);
      display: inline-block;
      min-block-size: 24px;
      min-inline-size: 24px;
    }
    a:focus-visible {
      outline: 3px solid var(--dvc-color-focus, #ffbf47);
      background: var(--dvc-color-focus, #ffbf47);
      color: #0b0c0c;
    }
    @media (max-width: 480px) {
      .row {
        grid-template-columns: minmax(0, 1fr) auto;
      }
      dd {
        grid-column: 1 / -1;
        grid-row: 2;
      }
    }
  `,
];
