import type { SandboxProgram } from './types.ts';

// Encode the spec for judge.py: b"QEV1\n" then "<byte length>\n<bytes>" per field (nonce, setup, code, tests…).
export function encodeSpec(nonce: string, program: SandboxProgram): Buffer {
  const fields = [nonce, program.setup ?? '', program.code, ...program.tests];
  const parts: Buffer[] = [Buffer.from('QEV1\n')];
  for (const field of fields) {
    const bytes = Buffer.from(field, 'utf8');
    parts.push(Buffer.from(`${bytes.length}\n`), bytes);
  }
  return Buffer.concat(parts);
}
