// Keep the last lines of a stream in memory, for error messages.
export class LogTail {
  readonly #max: number;
  readonly #lines: string[] = [];
  #partial = '';
  constructor(max = 40) {
    this.#max = max;
  }
  push(chunk: string): void {
    const parts = (this.#partial + chunk).split(/\r?\n/);
    this.#partial = parts.pop() ?? '';
    for (const line of parts) this.#add(line);
  }
  lines(): string[] {
    return this.#partial ? [...this.#lines, this.#partial] : [...this.#lines];
  }
  #add(line: string): void {
    this.#lines.push(line);
    if (this.#lines.length > this.#max) this.#lines.shift();
  }
}
