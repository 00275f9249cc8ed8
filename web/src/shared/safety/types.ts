import type { Crisis, Resource } from '../../api/types';

/** Someone the client can ask, or a professional: a name and a number to call. */
export interface PlanContact {
  name: string;
  phone: string;
  note?: string;
}

/** A reason in the client's own words, or a resource from their map. */
export type PlanReason = string | { resource_id: string; title: string };

/** What PUT takes for a reason: the words, or the resource it links. */
export type PlanReasonInput = string | { resource_id: string };

/** The lists of a Stanley & Brown safety plan, in the order they are shown. */
export interface SafetyPlanLists {
  warning_signs: string[];
  calming_steps: string[];
  places_and_people_for_distraction: string[];
  people_to_ask: PlanContact[];
  professionals: PlanContact[];
  making_safe: string[];
}

/** GET /api/v1/clients/{id}/safety-plan. */
export interface SafetyPlan extends SafetyPlanLists {
  reasons: PlanReason[];
  /** Resources marked "stabilising" on the map (only id and title are needed here). */
  stabilising_resources: (Pick<Resource, 'id' | 'title'> & Partial<Resource>)[];
  crisis: Crisis;
  updated_at: string | null;
}

/** PUT /api/v1/clients/{id}/safety-plan: the seven lists. */
export interface SafetyPlanInput extends SafetyPlanLists {
  reasons: PlanReasonInput[];
}
