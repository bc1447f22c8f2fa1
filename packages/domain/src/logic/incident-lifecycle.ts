import { IncidentStatus } from '../contracts/enums.ts';

/** What the duty officer does to an incident's status. */
export const IncidentTransition = {
  /** The duty officer has seen it. */
  acknowledge: 'acknowledge',
  /** A unit is handling it. */
  start: 'start',
  /** Handled, but watched in case it flares up again. */
  monitor: 'monitor',
  close: 'close',
  reopen: 'reopen',
} as const;
export type IncidentTransition = (typeof IncidentTransition)[keyof typeof IncidentTransition];
export const INCIDENT_TRANSITIONS = Object.values(IncidentTransition);

const LIFECYCLE: Record<
  IncidentTransition,
  { from: readonly IncidentStatus[]; to: IncidentStatus }
> = {
  acknowledge: { from: [IncidentStatus.new], to: IncidentStatus.acknowledged },
  start: {
    from: [IncidentStatus.new, IncidentStatus.acknowledged, IncidentStatus.monitoring],
    to: IncidentStatus.inProgress,
  },
  monitor: {
    from: [IncidentStatus.acknowledged, IncidentStatus.inProgress],
    to: IncidentStatus.monitoring,
  },
  close: {
    from: [
      IncidentStatus.new,
      IncidentStatus.acknowledged,
      IncidentStatus.inProgress,
      IncidentStatus.monitoring,
    ],
    to: IncidentStatus.closed,
  },
  reopen: { from: [IncidentStatus.closed], to: IncidentStatus.acknowledged },
};

/** The transitions an incident in this status allows, in the order the console offers them. */
export function allowedTransitions(status: IncidentStatus): IncidentTransition[] {
  return INCIDENT_TRANSITIONS.filter((transition) => LIFECYCLE[transition].from.includes(status));
}

/** The status after the transition, or undefined when the status does not allow it. */
export function transitionStatus(
  status: IncidentStatus,
  transition: IncidentTransition,
): IncidentStatus | undefined {
  const step = LIFECYCLE[transition];
  return step.from.includes(status) ? step.to : undefined;
}
