/** Path of api/openapi.yaml. */
export const SPEC: string;
/** Path of src/client/openapi.d.ts. */
export const OUT: string;
/** Returns the text of src/client/openapi.d.ts for the current contract. */
export function generateClientTypes(): Promise<string>;
