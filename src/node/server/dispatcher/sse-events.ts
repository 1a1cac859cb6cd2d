// Relay a server-sent-event stream in whole events only, so that an error event the dispatcher appends after a
// cut never lands inside a half-received one (the SDK would then fail on broken JSON instead of reading it).

const LF_LF = Buffer.from('\n\n');
const LF_CRLF = Buffer.from('\n\r\n');

/** Splits incoming bytes at the last event boundary; holds the unfinished tail. */
export class SseEventSplitter {
  #pending: Buffer | null = null;
  /** Complete events passed on so far. */
  events = 0;

  // The complete events among what arrived so far, or null when none is complete yet.
  push(chunk: Buffer): Buffer | null {
    const data = this.#pending ? Buffer.concat([this.#pending, chunk]) : chunk;
    const end = Math.max(boundaryEnd(data, LF_LF), boundaryEnd(data, LF_CRLF));
    if (end <= 0) {
      this.#pending = data;
      return null;
    }
    this.#pending = end < data.length ? data.subarray(end) : null;
    const complete = end < data.length ? data.subarray(0, end) : data;
    this.events += countBoundaries(complete);
    return complete;
  }

  // What is left when the stream ended normally (a server may omit the final blank line).
  flush(): Buffer | null {
    const rest = this.#pending;
    this.#pending = null;
    return rest;
  }
}

function boundaryEnd(data: Buffer, boundary: Buffer): number {
  const at = data.lastIndexOf(boundary);
  return at < 0 ? -1 : at + boundary.length;
}

function countBoundaries(data: Buffer): number {
  let count = 0;
  for (let at = data.indexOf(LF_LF); at >= 0; at = data.indexOf(LF_LF, at + 2)) count += 1;
  for (let at = data.indexOf(LF_CRLF); at >= 0; at = data.indexOf(LF_CRLF, at + 3)) count += 1;
  return count;
}
