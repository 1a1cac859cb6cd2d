import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { csv, loadData } from '../../src/runtime/data.ts';

const context = { datasetBaseUrl: null };

// A CSV file in a fresh folder.
function csvFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'data-csv-')), 'cases.csv');
  writeFileSync(file, text);
  return file;
}

describe('csv()', () => {
  test('reads each row as a record keyed by the header, quoted fields and a byte-order mark included, pinned by its sha256', async () => {
    const file = csvFile('\uFEFFcountry,capital\nFrance,Paris\n"Korea, South",Seoul\n\n');
    const loaded = await loadData(csv(file), context);
    expect(loaded.items).toEqual([
      { country: 'France', capital: 'Paris' },
      { country: 'Korea, South', capital: 'Seoul' },
    ]);
    expect(loaded.pins).toHaveLength(1);
    expect(loaded.pins[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test("shapes rows with the eval's schema and names the row that does not match", async () => {
    const schema = z.object({ question: z.string(), answer: z.coerce.number() });
    const file = csvFile('question;answer\n1+1;2\n2+2;four\n');
    await expect(loadData(csv(csvFile('question,answer\n1+1,2\n'), { schema }), context)).resolves.toMatchObject({
      items: [{ question: '1+1', answer: 2 }],
    });
    await expect(loadData(csv(file, { schema, delimiter: ';' }), context)).rejects.toThrow(`${file}: row 3 does not match`);
  });

  test('names the file when it is not valid CSV', async () => {
    const file = csvFile('a,b\n1,2,3\n');
    await expect(loadData(csv(file), context)).rejects.toThrow(`${file}: not valid CSV`);
  });
});
