import {
  DeliveryStatus,
  EscalationStatus,
  NotificationResponse,
  type Escalation,
  type EscalationNotification,
} from '../contracts/escalation.ts';
import { EscalationTargetKind, type EscalationStep } from '../contracts/escalation-policy.ts';
import type { UnitSchedule } from '../contracts/on-call-schedule.ts';
import type { Contact, Unit } from '../contracts/unit.ts';
import { onCallAt } from './on-call.ts';

/** A place in an escalation's run: which repeat of the policy, which step of it. */
export interface StepPosition {
  round: number;
  step: number;
}

/**
 * The step after the current one: the next in the policy, or the first again while repeats are
 * left; undefined when the policy has run out.
 */
export function nextStepPosition(
  escalation: Pick<Escalation, 'round' | 'step' | 'steps' | 'repeat'>,
): StepPosition | undefined {
  if (escalation.step + 1 < escalation.steps.length) {
    return { round: escalation.round, step: escalation.step + 1 };
  }
  if (escalation.round < escalation.repeat) return { round: escalation.round + 1, step: 0 };
  return undefined;
}

/** A contact a step reaches, and the schedule through which, when it was one. */
export interface ResolvedTarget {
  contact: Contact;
  scheduleId?: string;
}

/** The contacts a step reaches at `at`, each once, and the targets that reach nobody, with why. */
export function resolveStepTargets(
  step: EscalationStep,
  unit: Unit,
  schedules: ReadonlyMap<string, UnitSchedule>,
  at: Date,
): { targets: ResolvedTarget[]; skipped: Array<{ target: string; reason: string }> } {
  const targets: ResolvedTarget[] = [];
  const skipped: Array<{ target: string; reason: string }> = [];
  const contacts = new Map(unit.contacts.map((contact) => [contact.id, contact]));
  const add = (contact: Contact, scheduleId?: string) => {
    if (targets.some((target) => target.contact.id === contact.id)) return;
    targets.push({ contact, ...(scheduleId !== undefined && { scheduleId }) });
  };
  for (const target of step.targets) {
    if (target.kind === EscalationTargetKind.contact) {
      const contact = contacts.get(target.contactId);
      if (contact) add(contact);
      else {
        skipped.push({
          target: target.contactId,
          reason: `no longer a contact of ${unit.name}`,
        });
      }
      continue;
    }
    const schedule = schedules.get(target.scheduleId);
    if (schedule === undefined || schedule.archivedAt !== undefined) {
      skipped.push({
        target: schedule?.name ?? target.scheduleId,
        reason: 'the schedule is no longer in use',
      });
      continue;
    }
    const shift = onCallAt(schedule.schedule, at);
    if (shift === undefined) {
      skipped.push({ target: schedule.name, reason: 'nobody is on call in it now' });
      continue;
    }
    const contact = contacts.get(shift.contactId);
    if (contact) add(contact, schedule.id);
    else {
      skipped.push({
        target: schedule.name,
        reason: `the person on call (${shift.contactId}) is no longer a contact of ${unit.name}`,
      });
    }
  }
  return { targets, skipped };
}

/** The notifications of one step of one round. */
export function notificationsOfStep(
  escalation: Pick<Escalation, 'notifications'>,
  position: StepPosition,
): EscalationNotification[] {
  return escalation.notifications.filter(
    (n) => n.round === position.round && n.step === position.step,
  );
}

/**
 * Whether the step a notification belongs to has been taken: by anyone in it, or, when the step
 * requires all, by everyone it reached.
 */
export function stepTaken(escalation: Escalation, position: StepPosition): boolean {
  const notified = notificationsOfStep(escalation, position);
  const accepted = notified.filter((n) => n.response === NotificationResponse.accepted);
  if (accepted.length === 0) return false;
  const requireAll = escalation.steps[position.step]?.requireAll ?? false;
  return !requireAll || accepted.length === notified.length;
}

/** Whether everyone the current step reached has declined, so waiting is pointless. */
export function currentStepDeclined(escalation: Escalation): boolean {
  const notified = notificationsOfStep(escalation, escalation);
  return notified.length > 0 && notified.every((n) => n.response === NotificationResponse.declined);
}

/** Whether every message of the current step failed for good, so nobody can answer it. */
export function currentStepUndeliverable(escalation: Escalation): boolean {
  const notified = notificationsOfStep(escalation, escalation);
  return notified.length > 0 && notified.every((n) => n.delivery === DeliveryStatus.failed);
}

/** An escalation is under way: the engine still notifies step by step. */
export function isRunning(escalation: Pick<Escalation, 'status'>): boolean {
  return escalation.status === EscalationStatus.active;
}
