import { css } from 'lit';

/**
 * @cssproperty --dvc-color-error - Border and link colour.
 * @cssproperty --dvc-color-focus - Focus ring colour.
 */
export const errorSummaryStyles = css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
  .base {
    border: 4px solid var(--dvc-color-error, #b3261e);
    padding: 1rem;
    margin-block-end: 1.5rem;
    background: var(--dvc-color-surface, #fff);
    color: var(--dvc-color-text, #1b1b1b);
  }
  .base:focus {
    outline: 3px solid var(--dvc-color-focus, #ffbf47);
    outline-offset: 0;
  }
  h2 {
    margin: 0 0 0.75rem;
    font-size: 1.25rem;
  }
  ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  li + li {
    margin-block-start: 0.5rem;
  }
  a {
    color: var(--dvc-color-error, #b3261e);
    font-weight: 600;
    text-decoration: underline;
    display: inline-block;
    min-block-size: 24px;
    overflow-wrap: anywhere;
  }
  a:focus-visible {
    outline: 3px solid var(--dvc-color-focus, #ffbf47);
    background: var(--dvc-color-focus, #ffbf47);
    color: #0b0c0c;
  }
`;
