// The unit conversion tool: length, mass, volume and temperature, with fixed factors.

const FACTORS: Record<string, { dimension: string; toBase: number }> = {
  m: { dimension: 'length', toBase: 1 },
  km: { dimension: 'length', toBase: 1000 },
  cm: { dimension: 'length', toBase: 0.01 },
  mm: { dimension: 'length', toBase: 0.001 },
  mi: { dimension: 'length', toBase: 1609.344 },
  ft: { dimension: 'length', toBase: 0.3048 },
  in: { dimension: 'length', toBase: 0.0254 },
  kg: { dimension: 'mass', toBase: 1 },
  g: { dimension: 'mass', toBase: 0.001 },
  lb: { dimension: 'mass', toBase: 0.45359237 },
  oz: { dimension: 'mass', toBase: 0.028349523125 },
  l: { dimension: 'volume', toBase: 1 },
  ml: { dimension: 'volume', toBase: 0.001 },
  gal: { dimension: 'volume', toBase: 3.785411784 },
};

const TEMPERATURES = ['C', 'F', 'K'];

/** The units the tool knows, for its description. */
export const UNIT_NAMES = [...Object.keys(FACTORS), ...TEMPERATURES];

/** A converted value, or an error naming the unit that was not understood. */
export type Conversion = { value: number; unit: string } | { error: string };

/**
 * Convert a value between units of one dimension; the result is rounded to 4 decimals.
 * @example convertUnits(10, 'km', 'mi') // { value: 6.2137, unit: 'mi' }
 */
export function convertUnits(value: number, from: string, to: string): Conversion {
  if (!Number.isFinite(value)) return { error: '`value` must be a number' };
  const f = normaliseUnit(from);
  const t = normaliseUnit(to);
  if (TEMPERATURES.includes(f) && TEMPERATURES.includes(t)) return { value: round(fromKelvin(toKelvin(value, f), t)), unit: t };
  const a = FACTORS[f];
  const b = FACTORS[t];
  if (!a || !b) return { error: `unknown unit ${JSON.stringify(a ? to : from)}; known: ${UNIT_NAMES.join(', ')}` };
  if (a.dimension !== b.dimension) return { error: `cannot convert ${a.dimension} (${f}) to ${b.dimension} (${t})` };
  return { value: round((value * a.toBase) / b.toBase), unit: t };
}

function normaliseUnit(unit: string): string {
  const u = unit.trim();
  const upper = u.replace(/^°/, '').toUpperCase();
  if (['C', 'CELSIUS'].includes(upper)) return 'C';
  if (['F', 'FAHRENHEIT'].includes(upper)) return 'F';
  if (['K', 'KELVIN'].includes(upper)) return 'K';
  const lower = u.toLowerCase();
  const aliases: Record<string, string> = {
    meters: 'm',
    metres: 'm',
    kilometers: 'km',
    miles: 'mi',
    feet: 'ft',
    inches: 'in',
    kilograms: 'kg',
    grams: 'g',
    pounds: 'lb',
    lbs: 'lb',
    ounces: 'oz',
    liters: 'l',
    litres: 'l',
    gallons: 'gal',
  };
  return aliases[lower] ?? lower;
}

function toKelvin(value: number, unit: string): number {
  return unit === 'C' ? value + 273.15 : unit === 'F' ? ((value - 32) * 5) / 9 + 273.15 : value;
}

function fromKelvin(value: number, unit: string): number {
  return unit === 'C' ? value - 273.15 : unit === 'F' ? ((value - 273.15) * 9) / 5 + 32 : value;
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
