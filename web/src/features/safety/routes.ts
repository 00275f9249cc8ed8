/** Addresses of the safety plan, kept apart from the pages so cards can link without importing them. */
export const PORTAL_SAFETY_PLAN = '/portal/safety-plan';

export function safetyPlanPath(clientId: string): string {
  return `/clients/${encodeURIComponent(clientId)}/safety-plan`;
}
