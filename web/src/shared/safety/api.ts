import type { TroveApi } from '../../api/trove';
import type { SafetyPlan, SafetyPlanInput } from './types';

const enc = encodeURIComponent;
const path = (clientId: string) => `/api/v1/clients/${enc(clientId)}/safety-plan`;

/** The safety plan routes, on the app's one HTTP client (cookies + CSRF). */
export function getSafetyPlan(api: TroveApi, clientId: string): Promise<SafetyPlan> {
  return api.http.request('GET', path(clientId));
}

export function saveSafetyPlan(api: TroveApi, clientId: string, input: SafetyPlanInput): Promise<SafetyPlan> {
  return api.http.request('PUT', path(clientId), { body: input });
}
