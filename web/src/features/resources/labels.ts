import type { GoalStatus, ProblemStatus, ResourceCategory, ResourceSource, ResourceStatus } from '../../api/types';

/** Sector names a person understands, in the map's order (clockwise from the top). */
const CATEGORY_LABELS: Record<ResourceCategory, string> = {
  strength: 'Strengths',
  skill: 'Skills',
  social: 'People',
  body: 'Body & health',
  material: 'Places & means',
  meaning: 'Meaning & values',
  interest: 'Interests',
  success: 'Successes',
};

/** The same, for one item ("a strength", used in sentences and selects). */
const CATEGORY_SINGULAR: Record<ResourceCategory, string> = {
  strength: 'Strength',
  skill: 'Skill',
  social: 'Person or relationship',
  body: 'Body & health',
  material: 'Place or means',
  meaning: 'Meaning & values',
  interest: 'Interest',
  success: 'Success',
};

export function categoryLabel(category: string): string {
  return (CATEGORY_LABELS as Record<string, string>)[category] ?? category;
}

export function categorySingular(category: string): string {
  return (CATEGORY_SINGULAR as Record<string, string>)[category] ?? category;
}

const SOURCE_LABELS: Record<ResourceSource, string> = {
  client: 'The client named it',
  therapist: 'The therapist noticed it',
  assessment: 'From an assessment',
};

export function sourceLabel(source: string): string {
  return (SOURCE_LABELS as Record<string, string>)[source] ?? source;
}

const RESOURCE_STATUS_LABELS: Record<ResourceStatus, string> = {
  proposed: 'Proposed by the client',
  active: 'Active',
  archived: 'Archived',
};

export function resourceStatusLabel(status: string): string {
  return (RESOURCE_STATUS_LABELS as Record<string, string>)[status] ?? status;
}

const GOAL_STATUS_LABELS: Record<GoalStatus, string> = {
  active: 'Working on it',
  achieved: 'Achieved',
  paused: 'Paused',
  dropped: 'Dropped',
};

export function goalStatusLabel(status: string): string {
  return (GOAL_STATUS_LABELS as Record<string, string>)[status] ?? status;
}

const PROBLEM_STATUS_LABELS: Record<ProblemStatus, string> = {
  active: 'Current',
  resolved: 'Resolved',
};

export function problemStatusLabel(status: string): string {
  return (PROBLEM_STATUS_LABELS as Record<string, string>)[status] ?? status;
}

export function raterLabel(role: string): string {
  if (role === 'client') return 'the client';
  if (role === 'therapist') return 'the therapist';
  return role;
}

/** "7 of 10" — ratings are always read out with their scale. */
export function outOfTen(value: number | null | undefined): string {
  return value === null || value === undefined ? 'not rated' : `${value} of 10`;
}
