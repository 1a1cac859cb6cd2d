// The lookup tool's tables: small, fixed, invented where real figures would go stale (prices, stock, staff).

/** Every table: rows by key. */
export const LOOKUP_TABLES: Record<string, Record<string, Record<string, string | number>>> = {
  countries: {
    France: { capital: 'Paris', population_millions: 68.2, currency: 'EUR' },
    Japan: { capital: 'Tokyo', population_millions: 124.5, currency: 'JPY' },
    Brazil: { capital: 'Brasilia', population_millions: 203.1, currency: 'BRL' },
    Kenya: { capital: 'Nairobi', population_millions: 55.1, currency: 'KES' },
    Canada: { capital: 'Ottawa', population_millions: 40.1, currency: 'CAD' },
    Norway: { capital: 'Oslo', population_millions: 5.5, currency: 'NOK' },
    India: { capital: 'New Delhi', population_millions: 1428.6, currency: 'INR' },
    Egypt: { capital: 'Cairo', population_millions: 112.7, currency: 'EGP' },
  },
  products: {
    'P-101': { name: 'desk lamp', price: 24.5, stock: 130 },
    'P-102': { name: 'office chair', price: 149, stock: 12 },
    'P-103': { name: 'notebook', price: 3.25, stock: 940 },
    'P-104': { name: 'monitor stand', price: 39.9, stock: 48 },
    'P-105': { name: 'keyboard', price: 59, stock: 75 },
    'P-106': { name: 'webcam', price: 72.4, stock: 0 },
  },
  employees: {
    'E-17': { name: 'Rita Okafor', department: 'Finance', office: 'B-204', manager: 'E-03' },
    'E-03': { name: 'Tom Becker', department: 'Finance', office: 'B-210', manager: 'E-01' },
    'E-01': { name: 'Lin Zhao', department: 'Executive', office: 'A-100', manager: '' },
    'E-22': { name: 'Omar Haddad', department: 'Engineering', office: 'C-311', manager: 'E-09' },
    'E-09': { name: 'Sofia Rossi', department: 'Engineering', office: 'C-301', manager: 'E-01' },
    'E-31': { name: 'Ana Lima', department: 'Support', office: 'D-012', manager: 'E-09' },
  },
};

/** A row of a table, or an error naming the table or key that does not exist. */
export function lookupRow(table: string, key: string): Record<string, unknown> {
  const rows = LOOKUP_TABLES[table];
  if (!rows) return { error: `unknown table ${JSON.stringify(table)}; tables: ${Object.keys(LOOKUP_TABLES).join(', ')}` };
  const found = Object.keys(rows).find((k) => k.toLowerCase() === key.trim().toLowerCase());
  if (!found) return { error: `no row ${JSON.stringify(key)} in ${table}` };
  return { table, key: found, ...rows[found] };
}
