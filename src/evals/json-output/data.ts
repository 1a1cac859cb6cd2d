import { shippedJsonl } from '../shipped-data.ts';
import { JsonCaseSchema } from './reader.ts';

/** The shipped JSON-output cases, read from this folder. */
export const jsonCasesSource = shippedJsonl(new URL('./cases.jsonl', import.meta.url), JsonCaseSchema, 'JSON-output cases (shipped)');
