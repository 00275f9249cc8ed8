import type { GoalStatus, ProblemStatus, ResourceCategory, ResourceSource, ResourceStatus } from '../../api/types';
import { t, type MessageKey } from '../i18n';

// Every label is read from the catalogue when it is asked for, so it follows the reader's language.

/** Sector names a person understands, in the map's order (clockwise from the top). */
const CATEGORY_LABELS: Record<ResourceCategory, MessageKey> = {
  strength: 'resources.category.strength',
  skill: 'resources.category.skill',
  social: 'resources.category.social',
  body: 'resources.category.body',
  material: 'resources.category.material',
  meaning: 'resources.category.meaning',
  interest: 'resources.category.interest',
  success: 'resources.category.success',
};

/** The same, for one item ("a strength", used in sentences and selects). */
const CATEGORY_SINGULAR: Record<ResourceCategory, MessageKey> = {
  strength: 'resources.categoryOne.strength',
  skill: 'resources.categoryOne.skill',
  social: 'resources.categoryOne.social',
  body: 'resources.categoryOne.body',
  material: 'resources.categoryOne.material',
  meaning: 'resources.categoryOne.meaning',
  interest: 'resources.categoryOne.interest',
  success: 'resources.categoryOne.success',
};

function label(keys: Record<string, MessageKey>, value: string): string {
  const key = keys[value];
  return key ? t(key) : value;
}

export function categoryLabel(category: string): string {
  return label(CATEGORY_LABELS, category);
}

export function categorySingular(category: string): string {
  return label(CATEGORY_SINGULAR, category);
}

const SOURCE_LABELS: Record<ResourceSource, MessageKey> = {
  client: 'resources.source.client',
  therapist: 'resources.source.therapist',
  assessment: 'resources.source.assessment',
};

export function sourceLabel(source: string): string {
  return label(SOURCE_LABELS, source);
}

const RESOURCE_STATUS_LABELS: Record<ResourceStatus, MessageKey> = {
  proposed: 'resources.status.proposed',
  active: 'resources.status.active',
  archived: 'resources.status.archived',
};

export function resourceStatusLabel(status: string): string {
  return label(RESOURCE_STATUS_LABELS, status);
}

const GOAL_STATUS_LABELS: Record<GoalStatus, MessageKey> = {
  active: 'resources.goalStatus.active',
  achieved: 'resources.goalStatus.achieved',
  paused: 'resources.goalStatus.paused',
  dropped: 'resources.goalStatus.dropped',
};

export function goalStatusLabel(status: string): string {
  return label(GOAL_STATUS_LABELS, status);
}

const PROBLEM_STATUS_LABELS: Record<ProblemStatus, MessageKey> = {
  active: 'resources.problemStatus.active',
  resolved: 'resources.problemStatus.resolved',
};

export function problemStatusLabel(status: string): string {
  return label(PROBLEM_STATUS_LABELS, status);
}

/** Who rated: "the client", "the therapist" (used inside sentences such as "Last rated … by …"). */
export function raterLabel(role: string): string {
  if (role === 'client') return t('resources.rater.client');
  if (role === 'therapist') return t('resources.rater.therapist');
  return role;
}

/** "7 of 10" — ratings are always read out with their scale. */
export function outOfTen(value: number | null | undefined): string {
  return value === null || value === undefined ? t('resources.notRated') : t('resources.outOfTen', { value });
}
