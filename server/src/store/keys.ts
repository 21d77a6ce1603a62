/** Keys the store modules share. */

/**
 * The database id of a dossier (`dossiers.id`, a bigint), as a decimal string: the drivers return int8
 * as a string (pg) or a number (PGlite); it only goes back into queries and the officer list's cursor.
 */
export type DossierId = string;
