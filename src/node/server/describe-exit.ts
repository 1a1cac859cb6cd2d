/** How a launched process ended, for messages: `exit code 1`, `killed by SIGKILL`, `still running`. */
export function describeExit(info: { code: number | null; signal: string | null } | null): string {
  if (!info) return 'still running';
  return info.signal ? `killed by ${info.signal}` : `exit code ${info.code}`;
}
