/** /cases/:id — a case (a couple, family or group) and its collective resources. */
export function casePath(caseId: string): string {
  return `/cases/${encodeURIComponent(caseId)}`;
}
