import path from 'node:path';

// The simulator's own modules (plain .mjs, product code), loaded untyped for unit tests of their logic.

const LIB = path.resolve(import.meta.dirname, '../../../src/simulator/lib');

/** One tool call as the simulated parser returns it. */
export interface SimCall {
  name: string;
  arguments: string;
}

/** One streamed tool-call delta. */
export interface SimToolDelta {
  index: number;
  id?: string;
  type?: 'function';
  function: { name?: string; arguments?: string };
}

export interface PyJsonModule {
  loadsPy(text: string): unknown;
  dumpsPy(value: unknown): string;
  formatPyFloat(value: number): string;
}

export interface HermesModule {
  extractHermes(text: string): { called: boolean; calls: SimCall[]; content: string | null };
  HermesStream: new (
    makeId: () => string,
  ) => { update(text: string): { content: string; deltas: SimToolDelta[] }; readonly sawToolCall: boolean };
  renderHermes(calls: { name: string; arguments?: unknown }[]): string;
}

export interface JsonSchemaModule {
  matchesSchema(value: unknown, schema: unknown): boolean;
  buildStandIn(schema: unknown): unknown;
}

/** Load one module of `src/simulator/lib` by its path there. */
export async function loadSimModule<T>(relative: string): Promise<T> {
  const file: string = path.join(LIB, relative);
  return (await import(file)) as T;
}
