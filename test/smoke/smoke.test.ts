import { test, expect } from 'vitest';
test('the framework project runs', () => { expect(1 + 1).toBe(2); });
