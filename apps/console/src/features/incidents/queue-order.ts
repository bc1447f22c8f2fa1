import { IncidentStatus, type Incident } from '@vaka/domain';

/** The parts of the queue, in the order they are shown. */
export const QueueSection = { triage: 'triage', inHand: 'inHand', closed: 'closed' } as const;
export type QueueSection = (typeof QueueSection)[keyof typeof QueueSection];

/** One part of the queue with its incidents, in the order the list gave them. */
export interface QueueGroup {
  readonly section: QueueSection;
  readonly incidents: readonly Incident[];
}

/**
 * The queue: new reports on top, to triage, then the incidents in hand, then (in a search) the
 * closed ones. Each part keeps the order it was given (newest first, or best match first); empty
 * parts are left out.
 */
export function queueGroups(incidents: readonly Incident[]): QueueGroup[] {
  const triage: Incident[] = [];
  const inHand: Incident[] = [];
  const closed: Incident[] = [];
  for (const incident of incidents) {
    if (incident.status === IncidentStatus.new) triage.push(incident);
    else if (incident.status === IncidentStatus.closed) closed.push(incident);
    else inHand.push(incident);
  }
  const groups: QueueGroup[] = [
    { section: QueueSection.triage, incidents: triage },
    { section: QueueSection.inHand, incidents: inHand },
    { section: QueueSection.closed, incidents: closed },
  ];
  return groups.filter((group) => group.incidents.length > 0);
}

/** The incident ids top to bottom, as j and k walk them. */
export function queueOrder(groups: readonly QueueGroup[]): string[] {
  return groups.flatMap((group) => group.incidents.map((incident) => incident.id));
}

/**
 * The incident a step away from `fromId` (1 down, -1 up), stopping at the ends. From nowhere (or
 * from an incident no longer in the queue) down starts at the top and up at the bottom.
 */
export function stepInQueue(
  order: readonly string[],
  fromId: string | null,
  step: 1 | -1,
): string | null {
  if (order.length === 0) return null;
  const index = fromId === null ? -1 : order.indexOf(fromId);
  if (index === -1) return (step === 1 ? order[0] : order.at(-1)) ?? null;
  return order[Math.min(order.length - 1, Math.max(0, index + step))] ?? null;
}
