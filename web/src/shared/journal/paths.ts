/** /clients/:id/journal — a client's between-sessions page (exercises, adherence, mood, shared entries). */
export function betweenSessionsPath(clientId: string): string {
  return `/clients/${encodeURIComponent(clientId)}/journal`;
}
