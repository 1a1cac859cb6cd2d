/** The two ways of asking: the server constrains decoding to the schema, or the model alone follows the prompt. */
export const JSON_OUTPUT_VARIANTS = ['structured', 'prompted'] as const;
