/**
 * Named types of the back-end contract, taken from the generated `openapi.d.ts` (never written by hand):
 * the one set of wire types the shell, the HTTP client and the reference server share.
 */
import type { components } from './openapi.js';

type Schemas = components['schemas'];

export type Health = Schemas['Health'];
export type ProcedureSummary = Schemas['ProcedureSummary'];
export type FeeQuote = Schemas['FeeQuote'];
export type FeeQuoteLine = Schemas['FeeQuoteLine'];
export type Prefill = Schemas['Prefill'];
export type Address = Schemas['Address'];
export type CitizenDocument = Schemas['CitizenDocument'];
export type DossierSubmission = Schemas['DossierSubmission'];
export type AttachmentRef = Schemas['AttachmentRef'];
export type DossierReceipt = Schemas['DossierReceipt'];
export type DossierStatus = Schemas['DossierStatus'];
export type DossierStatusValue = Schemas['DossierStatusValue'];
export type HistoryEntry = Schemas['HistoryEntry'];
export type PaymentMethod = Schemas['PaymentMethod'];
export type PaymentRequest = Schemas['PaymentRequest'];
export type Payment = Schemas['Payment'];
export type PaymentStatusValue = Schemas['PaymentStatusValue'];
export type VietqrInstructions = Schemas['VietqrInstructions'];
export type Draft = Schemas['Draft'];
export type DraftInput = Schemas['DraftInput'];
export type AdminUnits = Schemas['AdminUnits'];
export type Province = Schemas['Province'];
export type Commune = Schemas['Commune'];
export type Problem = Schemas['Problem'];
export type ProblemError = Schemas['ProblemError'];
export type Text = Schemas['Text'];
export type PaymentSummary = Schemas['PaymentSummary'];
export type OfficerHistoryEntry = Schemas['OfficerHistoryEntry'];
export type OfficerDossier = Schemas['OfficerDossier'];
export type OfficerDossierPage = Schemas['OfficerDossierPage'];
export type DevCitizen = Schemas['DevCitizen'];
export type DevToken = Schemas['DevToken'];
export type DossierData = Schemas['DossierData'];
