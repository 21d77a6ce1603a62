import { css } from 'lit';

/**
 * @cssproperty --dvc-color-success - Background of the confirmation panel.
 * @cssproperty --dvc-color-on-success - Text on the confirmation panel.
 */
export const receiptStyles = css`
  :host {
    display: block;
    color: var(--dvc-color-text, #1b1b1b);
  }
  .panel {
    background: var(--dvc-color-success, #00703c);
    color: var(--dvc-color-on-success, #fff);
    padding: 1.5rem;
    text-align: center;
    border-radius: var(--dvc-radius, 4px);
  }
  h2 {
    margin: 0 0 0.75rem;
    font-size: 1.6rem;
  }
  .code {
    font-size: 1.4rem;
    font-weight: 700;
    letter-spacing: 0.02em;
    overflow-wrap: anywhere;
  }
  dl {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    gap: 0.5rem 1rem;
    margin: 1.5rem 0;
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
  }
  button {
    font: inherit;
    min-block-size: 44px;
    padding: 0.5rem 1.25rem;
    border: 2px solid var(--dvc-color-primary, #0b5cab);
    background: transparent;
    color: var(--dvc-color-primary, #0b5cab);
    border-radius: var(--dvc-radius, 4px);
    cursor: pointer;
  }
  button:focus-visible {
    outline: 3px solid var(--dvc-color-focus, #ffbf47);
    outline-offset: 2px;
  }
  @media (max-width: 480px) {
    dl {
      grid-template-columns: 1fr;
    }
  }
  @media print {
    button {
      display: none;
    }
    .panel {
      background: none;
      color: #000;
      border: 2px solid #000;
    }
  }
`;
