/**
 * RFC 9457 problem details: every error the server sends is `application/problem+json` with `type`,
 * `title`, `status`, `detail` and, for validation, `errors: [{ pointer, keyword, message }]`.
 */
import type * as Contract from 'dvc-forms/runtime/contract.js';

/** One validation error, pointing into the request body (RFC 6901 pointer): the contract's `ProblemError`. */
export type ProblemFieldError = Contract.ProblemError;

/** A problem details document: the contract's `Problem`. */
export type Problem = Contract.Problem;

/** Base of the problem `type` URIs this server uses. */
export const PROBLEM_BASE = 'https://dvc-forms.dev/problems/';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** An error that becomes a problem response. Throw it from a route. */
export class HttpProblem extends Error {
  readonly problem: Problem;
  readonly headers: Record<string, string>;

  constructor(status: number, slug: string, detail: string, extra: Partial<Problem> = {}, headers: Record<string, string> = {}) {
    super(detail);
    this.name = 'HttpProblem';
    this.problem = { type: PROBLEM_BASE + slug, title: TITLES[status] ?? 'Error', status, detail, ...extra };
    this.headers = headers;
  }
}

/** Builds a problem document for a status without a specific slug. */
export function problemFor(status: number, detail: string, slug?: string): Problem {
  return {
    type: slug ? PROBLEM_BASE + slug : 'about:blank',
    title: TITLES[status] ?? (status >= 500 ? 'Internal Server Error' : 'Error'),
    status,
    detail,
  };
}
