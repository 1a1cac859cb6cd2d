import { describe, expect, test } from 'vitest';
import { formatRoute, parseRoute, type Route } from '../../../src/shared/viewer/route.ts';

describe('routes in the URL hash', () => {
  test.each<Route>([
    { view: 'runs' },
    { view: 'run', runId: 'a/b c', dataset: 'gsm8k/0shot', verdict: 'wrong', search: 'boxed 12', page: 3 },
    { view: 'run', runId: 'r1', dataset: '', verdict: 'all', search: '', page: 0 },
    { view: 'compare', runA: 'r1', runB: 'r2', dataset: '', flippedOnly: true, search: '', page: 1 },
  ])('a route survives formatting and parsing: %o', (route) => {
    expect(parseRoute(formatRoute(route))).toEqual(route);
  });

  test('an unknown hash or verdict falls back to the runs list and to every verdict', () => {
    expect(parseRoute('#/nowhere')).toEqual({ view: 'runs' });
    expect(parseRoute('#/run/r1?verdict=bogus&page=-4')).toMatchObject({ verdict: 'all', page: 0 });
  });
});
