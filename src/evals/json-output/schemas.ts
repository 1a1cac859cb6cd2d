import { z } from 'zod';

// The answer schemas of the JSON-output cases, in zod: the validator, and (through `z.toJSONSchema`) the JSON Schema
// sent as `response_format` and shown in the prompt, so the two can never disagree.

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Every answer schema, by the name the cases use. */
export const ANSWER_SCHEMAS = {
  contact: z.strictObject({
    name: z.string().min(1),
    email: z.string().regex(/^[^@\s]+@[^@\s]+\.[a-z]+$/),
    phone: z.string().nullable(),
    company: z.string(),
  }),
  event: z.strictObject({
    title: z.string().min(1),
    date,
    start_time: z.string().regex(/^\d{2}:\d{2}$/),
    location: z.string(),
    attendees: z.number().int().min(1),
  }),
  product: z.strictObject({
    sku: z.string().regex(/^[A-Z]{3}-\d{4}$/),
    name: z.string().min(1),
    price: z.number().min(0),
    currency: z.enum(['USD', 'EUR', 'GBP', 'JPY']),
    in_stock: z.boolean(),
  }),
  address: z.strictObject({
    street: z.string().min(1),
    city: z.string().min(1),
    postal_code: z.string(),
    country: z.string().regex(/^[A-Z]{2}$/),
  }),
  recipe: z.strictObject({
    name: z.string().min(1),
    servings: z.number().int().min(1),
    ingredients: z.array(z.strictObject({ item: z.string().min(1), quantity: z.number().min(0), unit: z.string() })).min(1),
  }),
  flight: z.strictObject({
    airline: z.string().min(1),
    flight_number: z.string().regex(/^[A-Z0-9]{2}\d{1,4}$/),
    from: z.string().regex(/^[A-Z]{3}$/),
    to: z.string().regex(/^[A-Z]{3}$/),
    departure: date,
  }),
  book: z.strictObject({
    title: z.string().min(1),
    author: z.string().min(1),
    year: z.number().int().min(1000).max(2100),
    genres: z.array(z.string()).min(1),
  }),
  review: z.strictObject({
    sentiment: z.enum(['positive', 'negative', 'neutral']),
    rating: z.number().int().min(1).max(5),
    topics: z.array(z.string()).min(1),
  }),
  invoice: z.strictObject({ invoice_id: z.string().min(1), total: z.number().min(0), due_date: date, line_items: z.number().int().min(1) }),
  weather: z.strictObject({
    city: z.string().min(1),
    temperature_c: z.number(),
    condition: z.enum(['sunny', 'cloudy', 'rain', 'snow', 'storm']),
    wind_kmh: z.number().min(0),
  }),
} as const;

/** A schema name the cases may use. */
export type AnswerSchemaName = keyof typeof ANSWER_SCHEMAS;

// Converted once per schema: every case builds its prompt (and its response_format) from it.
const JSON_SCHEMAS = new Map<AnswerSchemaName, Record<string, unknown>>();

/** The JSON Schema of an answer schema, as sent to the server and shown to the model. */
export function answerJsonSchema(name: AnswerSchemaName): Record<string, unknown> {
  let schema = JSON_SCHEMAS.get(name);
  if (!schema) {
    const { $schema: _drop, ...converted } = z.toJSONSchema(ANSWER_SCHEMAS[name]) as Record<string, unknown>;
    schema = converted;
    JSON_SCHEMAS.set(name, schema);
  }
  return schema;
}
