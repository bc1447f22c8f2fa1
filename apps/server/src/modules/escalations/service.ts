import { randomUUID } from 'node:crypto';
import {
  AcknowledgementAction,
  AcknowledgementVia,
  EscalationStatus,
  IncidentStatus,
  JournalKind,
  NotificationChannel,
  NotificationResponse,
  StepReason,
  currentStepDeclined,
  currentStepUndeliverable,
  isAwaitingAcknowledgement,
  nextStepPosition,
  resolveStepTargets,
  stepTaken,
  type CancelEscalation,
  type CitySettings,
  type ConsoleRequest,
  type EscalateNow,
  type Escalation,
  type EscalationNotification,
  type EscalationPolicy,
  type Incident,
  type JournalEntry,
  type NewJournalEntry,
  type RecordAcknowledgement,
  type StartEscalation,
  type StepPosition,
  type Unit,
} from '@vaka/domain';
import {
  appendJournal,
  findEscalation,
  findEscalationOfNotification,
  findEscalationPolicy,
  findIncident,
  findUnit,
  insertEscalation,
  insertNotifications,
  listAwaitingEscalations,
  listIncidentEscalations,
  listUnitEscalationPolicies,
  listUnitSchedules,
  listUnits,
  lockJournal,
  saveEscalation,
  saveNotificationResponse,
  withdrawQueuedMessages,
  type Database,
  type Executor,
  type NewNotification,
} from '@vaka/db';
import type { NotificationConfig } from '../../config.ts';
import { BadRequestError, ConflictError, NotFoundError } from '../../errors.ts';
import type { AckLinks, LinkProblem } from './links.ts';
import { notificationText } from './messages.ts';

const MINUTE = 60_000;

/** What a change did to an escalation, and what to journal about it. */
interface Outcome {
  result: Escalation;
  entries: NewJournalEntry[];
}
const SYSTEM = 'system';

/** What the escalation service needs from the rest of the server. */
export interface EscalationDeps {
  database: Database;
  links: AckLinks;
  notifications: NotificationConfig;
  city: CitySettings;
  /** Called after every commit with the entries it wrote. */
  committed: (entries: JournalEntry[]) => void;
  /** Called when messages were queued, so they go out without waiting for the next poll. */
  queued: () => void;
}

/** What an acknowledgement link opens, judged at one moment. */
export type LinkView =
  | { kind: 'invalid'; problem: Exclude<LinkProblem, 'expired'> | 'unknown' }
  | { kind: 'expired' }
  | { kind: 'answered'; notification: EscalationNotification; escalation: Escalation }
  | { kind: 'over'; notification: EscalationNotification; escalation: Escalation }
  | {
      kind: 'open';
      notification: EscalationNotification;
      escalation: Escalation;
      incident: Incident;
      /** The units the case can be redirected to. */
      units: Array<{ id: string; name: string }>;
    };

/** What a person answered through their link, with what the page needs to thank them. */
export type LinkAnswer =
  | LinkView
  | {
      kind: 'done';
      action: AcknowledgementAction;
      escalation: Escalation;
      notification: EscalationNotification;
    };

/** An answer given on the acknowledgement page. */
export interface LinkResponse {
  action: AcknowledgementAction;
  reason?: string;
  unitId?: string;
}

/**
 * Escalations: starting one, the duty officer's actions on it, the answers that come through
 * acknowledgement links, and the engine's timed steps. Each change is one transaction under the
 * journal lock that re-reads the escalation, so two instances (or a timer and a person) never
 * act on the same state twice.
 */
export class EscalationService {
  readonly #deps: EscalationDeps;

  constructor(deps: EscalationDeps) {
    this.#deps = deps;
  }

  /** An incident and its escalations, newest first; 404 when there is no such incident. */
  async forIncident(
    incidentId: string,
  ): Promise<{ incident: Incident; escalations: Escalation[] }> {
    const { db } = this.#deps.database;
    const incident = await findIncident(db, incidentId);
    if (!incident) throw new NotFoundError(`There is no incident ${incidentId}`);
    return { incident, escalations: await listIncidentEscalations(db, incidentId) };
  }

  /**
   * Starts escalating an incident to a unit and notifies the policy's first step at once.
   * Refused for an incident that is closed or merged, an archived unit or policy, a policy of
   * another unit, and while the incident is already escalated to the unit.
   */
  async start(
    incidentId: string,
    request: StartEscalation,
    actor: string,
    now: Date,
  ): Promise<Escalation> {
    const brief = request.brief.trim();
    if (brief === '')
      throw new BadRequestError('brief: say in a few words what the unit should take');
    return this.#write(now, async (tx) => {
      const incident = await findIncident(tx, incidentId);
      if (!incident) throw new NotFoundError(`There is no incident ${incidentId}`);
      if (incident.mergedInto !== undefined) {
        throw new ConflictError(
          `The incident ${incident.title} was merged into ${incident.mergedInto}; escalate that one`,
        );
      }
      if (incident.status === IncidentStatus.closed) {
        throw new ConflictError(
          `The incident ${incident.title} is closed; reopen it to escalate it`,
        );
      }
      const unit = await findUnit(tx, request.unitId);
      if (!unit) throw new BadRequestError(`unitId: there is no unit ${request.unitId}`);
      if (unit.archivedAt !== undefined) {
        throw new ConflictError(`The unit ${unit.name} was archived; choose a unit in use`);
      }
      const policy = await findEscalationPolicy(tx, request.policyId);
      if (!policy || policy.unitId !== unit.id) {
        throw new BadRequestError(
          `policyId: ${request.policyId} is not an escalation policy of ${unit.name}`,
        );
      }
      if (policy.archivedAt !== undefined) {
        throw new ConflictError(
          `The escalation policy ${policy.name} was archived; choose one in use`,
        );
      }
      const running = await this.#running(tx, incidentId, unit.id);
      if (running) {
        throw new ConflictError(
          `The incident is already being escalated to ${unit.name} since ${running.startedAt}; escalate now or cancel that one`,
        );
      }
      return this.#begin(tx, incident, unit, policy, brief, actor, now);
    });
  }

  /**
   * The duty officer heard that the unit took the case (by phone, say): the escalation is over
   * and nothing more goes out.
   */
  async recordAcknowledgement(
    escalationId: string,
    request: RecordAcknowledgement,
    actor: string,
    now: Date,
  ): Promise<Escalation> {
    const note = request.note.trim();
    if (note === '') throw new BadRequestError('note: say who took the case and how you heard');
    return this.#write(now, async (tx) => {
      const escalation = await this.#awaiting(tx, escalationId, request.expectedUpdatedAt);
      const unit = await findUnit(tx, escalation.unitId);
      let by = `${escalation.unitName} (by phone)`;
      if (request.contactId !== undefined) {
        const contact = unit?.contacts.find((candidate) => candidate.id === request.contactId);
        if (!contact) {
          throw new BadRequestError(
            `contactId: ${request.contactId} is not a contact of ${escalation.unitName}`,
          );
        }
        by = contact.name;
      }
      const ended = await this.#end(tx, escalation, EscalationStatus.accepted, by, now);
      return {
        result: ended,
        entries: [
          {
            kind: JournalKind.escalationAccepted,
            actor,
            incidentId: escalation.incidentId,
            data: {
              escalation: ended,
              by,
              via: AcknowledgementVia.phone,
              note: request.note.trim(),
            },
          },
        ],
      };
    });
  }

  /** Notifies the next step now instead of waiting for the current one's time to run out. */
  async escalateNow(
    escalationId: string,
    request: EscalateNow,
    actor: string,
    now: Date,
  ): Promise<Escalation> {
    return this.#write(now, async (tx) => {
      const escalation = await this.#awaiting(tx, escalationId, request.expectedUpdatedAt);
      if (escalation.status !== EscalationStatus.active) {
        throw new ConflictError(
          `The escalation to ${escalation.unitName} has run out; start a new one or record an acknowledgement`,
        );
      }
      return this.#advance(tx, escalation, StepReason.escalatedNow, actor, now);
    });
  }

  /** Calls an escalation off; what has not gone out yet is withdrawn. */
  async cancel(
    escalationId: string,
    request: CancelEscalation,
    actor: string,
    now: Date,
  ): Promise<Escalation> {
    const reason = request.reason.trim();
    if (reason === '') throw new BadRequestError('reason: say why the escalation is called off');
    return this.#write(now, async (tx) => {
      const escalation = await this.#awaiting(tx, escalationId, request.expectedUpdatedAt);
      const ended = await this.#end(tx, escalation, EscalationStatus.cancelled, actor, now, reason);
      return {
        result: ended,
        entries: [
          {
            kind: JournalKind.escalationCancelled,
            actor,
            incidentId: escalation.incidentId,
            data: { escalation: ended, reason },
          },
        ],
      };
    });
  }

  /**
   * Runs an escalation's next step if it is due at `now`. The escalation is re-read under the
   * journal lock, so a step runs once however many instances look. Returns whether it moved on.
   */
  async runDueStep(escalationId: string, now: Date): Promise<boolean> {
    return this.#write(now, async (tx) => {
      const escalation = await findEscalation(tx, escalationId, { lock: true });
      if (
        escalation?.status !== EscalationStatus.active ||
        escalation.nextStepAt === undefined ||
        Date.parse(escalation.nextStepAt) > now.getTime()
      ) {
        // Another instance, or an answer, got there first.
        return { result: false, entries: [] };
      }
      const reason = currentStepUndeliverable(escalation)
        ? StepReason.undeliverable
        : StepReason.timeout;
      const advanced = await this.#advance(tx, escalation, reason, SYSTEM, now);
      return { result: true, entries: advanced.entries };
    });
  }

  /**
   * The requests waiting in a person's own console: notifications to their account, by the
   * console channel, of escalations still awaiting an answer that they have not answered, each
   * with its link (the same page an SMS opens), oldest first.
   */
  async consoleRequests(username: string, now: Date): Promise<ConsoleRequest[]> {
    const { db } = this.#deps.database;
    const requests: ConsoleRequest[] = [];
    for (const escalation of await listAwaitingEscalations(db)) {
      for (const notification of escalation.notifications) {
        if (
          notification.channel !== NotificationChannel.console ||
          notification.address !== username ||
          notification.response !== undefined
        ) {
          continue;
        }
        const expiresAt = this.#linkExpiry(new Date(notification.queuedAt));
        if (expiresAt.getTime() <= now.getTime()) continue;
        const incident = await findIncident(db, escalation.incidentId);
        requests.push({
          notificationId: notification.id,
          escalationId: escalation.id,
          incidentId: escalation.incidentId,
          incidentTitle: incident?.title ?? '',
          unitName: escalation.unitName,
          contactName: notification.contactName,
          brief: escalation.brief,
          queuedAt: notification.queuedAt,
          link: `/ack/${this.#deps.links.sign({ notificationId: notification.id, expiresAt })}`,
        });
      }
    }
    return requests.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
  }

  #linkExpiry(queuedAt: Date): Date {
    return new Date(queuedAt.getTime() + this.#deps.notifications.linkTtlMinutes * MINUTE);
  }

  /** What a link opens at `now`, without changing anything. */
  async viewLink(token: string, now: Date): Promise<LinkView> {
    return this.#viewLink(this.#deps.database.db, token, now);
  }

  /**
   * Acts on a person's answer through their link: accept, decline with a reason, or redirect
   * to another unit. A link that is not valid, has expired, was used, or whose escalation is
   * over changes nothing and says so.
   */
  async respond(token: string, response: LinkResponse, now: Date): Promise<LinkAnswer> {
    const reason = response.reason?.trim() ?? '';
    if (response.action !== AcknowledgementAction.accept && reason === '') {
      throw new BadRequestError('reason: say in a few words why');
    }
    let answer: LinkAnswer | undefined;
    await this.#write(now, async (tx) => {
      const view = await this.#viewLink(tx, token, now, { lock: true });
      if (view.kind !== 'open') {
        answer = view;
        return { result: undefined, entries: [] };
      }
      const result = await this.#answer(tx, view, response, reason, now);
      answer = {
        kind: 'done',
        action: response.action,
        escalation: result.result,
        notification: view.notification,
      };
      return result;
    });
    if (answer === undefined) throw new Error('the answer was lost');
    return answer;
  }

  async #answer(
    tx: Executor,
    view: Extract<LinkView, { kind: 'open' }>,
    response: LinkResponse,
    reason: string,
    now: Date,
  ): Promise<Outcome> {
    const { notification } = view;
    const by = notification.contactName;
    const actor = `contact:${by}`;
    const respondedAt = now.toISOString();
    const answered = {
      id: notification.id,
      respondedAt,
      ...(reason !== '' && { responseReason: reason }),
    };
    const incidentId = view.escalation.incidentId;

    if (response.action === AcknowledgementAction.accept) {
      await saveNotificationResponse(tx, { ...answered, response: NotificationResponse.accepted });
      let escalation = await this.#reload(tx, view.escalation.id);
      escalation = stepTaken(escalation, notification)
        ? await this.#end(tx, escalation, EscalationStatus.accepted, by, now)
        : await this.#touch(tx, escalation, now);
      return {
        result: escalation,
        entries: [
          {
            kind: JournalKind.escalationAccepted,
            actor,
            incidentId,
            data: { escalation, notificationId: notification.id, by, via: AcknowledgementVia.link },
          },
        ],
      };
    }

    if (response.action === AcknowledgementAction.decline) {
      await saveNotificationResponse(tx, { ...answered, response: NotificationResponse.declined });
      const escalation = await this.#touch(tx, await this.#reload(tx, view.escalation.id), now);
      const entries: NewJournalEntry[] = [
        {
          kind: JournalKind.escalationDeclined,
          actor,
          incidentId,
          data: { escalation, notificationId: notification.id, by, reason },
        },
      ];
      // Everyone in the current step said no: waiting out its time would only lose time.
      if (escalation.status === EscalationStatus.active && currentStepDeclined(escalation)) {
        const advanced = await this.#advance(tx, escalation, StepReason.declined, SYSTEM, now);
        return { result: advanced.result, entries: [...entries, ...advanced.entries] };
      }
      return { result: escalation, entries };
    }

    const target = response.unitId === undefined ? undefined : await findUnit(tx, response.unitId);
    if (!target || target.archivedAt !== undefined || target.id === view.escalation.unitId) {
      throw new BadRequestError('unitId: choose the unit that should take the case instead');
    }
    await saveNotificationResponse(tx, { ...answered, response: NotificationResponse.redirected });
    const current = await this.#reload(tx, view.escalation.id);
    // A unit already being asked about the incident is not asked twice: the redirect points at it.
    const running = await this.#running(tx, current.incidentId, target.id);
    const [policy] = running ? [] : await listUnitEscalationPolicies(tx, target.id);
    const followUp =
      policy === undefined
        ? undefined
        : await this.#begin(tx, view.incident, target, policy, current.brief, actor, now);
    const followedBy = running?.id ?? followUp?.result.id;
    const redirected = await this.#end(tx, current, EscalationStatus.redirected, by, now, reason, {
      unitId: target.id,
      unitName: target.name,
      ...(followedBy !== undefined && { escalationId: followedBy }),
    });
    return {
      result: redirected,
      entries: [
        {
          kind: JournalKind.escalationRedirected,
          actor,
          incidentId,
          data: { escalation: redirected, notificationId: notification.id, by, reason },
        },
        ...(followUp?.entries ?? []),
      ],
    };
  }

  async #viewLink(
    db: Executor,
    token: string,
    now: Date,
    options: { lock?: boolean } = {},
  ): Promise<LinkView> {
    const claim = this.#deps.links.verify(token, now);
    if (claim === 'expired') return { kind: 'expired' };
    if (typeof claim === 'string') return { kind: 'invalid', problem: claim };
    const escalationId = await findEscalationOfNotification(db, claim.notificationId);
    const escalation =
      escalationId === undefined ? undefined : await findEscalation(db, escalationId, options);
    const notification = escalation?.notifications.find((n) => n.id === claim.notificationId);
    if (!escalation || !notification) return { kind: 'invalid', problem: 'unknown' };
    if (notification.response !== undefined) return { kind: 'answered', notification, escalation };
    if (!isAwaitingAcknowledgement(escalation.status)) {
      return { kind: 'over', notification, escalation };
    }
    const incident = await findIncident(db, escalation.incidentId);
    if (!incident) return { kind: 'invalid', problem: 'unknown' };
    const units = (await listUnits(db, { includeArchived: false }))
      .filter((unit) => unit.id !== escalation.unitId)
      .map((unit) => ({ id: unit.id, name: unit.name }));
    return { kind: 'open', notification, escalation, incident, units };
  }

  /** A new escalation, its first step notified. */
  async #begin(
    tx: Executor,
    incident: Incident,
    unit: Unit,
    policy: EscalationPolicy,
    brief: string,
    actor: string,
    now: Date,
  ): Promise<Outcome> {
    const at = now.toISOString();
    const escalation: Escalation = {
      id: randomUUID(),
      incidentId: incident.id,
      unitId: unit.id,
      unitName: unit.name,
      policyId: policy.id,
      policyName: policy.name,
      steps: policy.steps,
      repeat: policy.repeat,
      brief,
      status: EscalationStatus.active,
      round: 0,
      step: 0,
      notifications: [],
      skipped: [],
      startedAt: at,
      startedBy: actor,
      updatedAt: at,
    };
    await insertEscalation(tx, escalation);
    const started: NewJournalEntry = {
      kind: JournalKind.escalationStarted,
      actor,
      incidentId: incident.id,
      data: { escalation },
    };
    const notified = await this.#notify(
      tx,
      escalation,
      { round: 0, step: 0 },
      StepReason.start,
      actor,
      now,
    );
    return { result: notified.result, entries: [started, ...notified.entries] };
  }

  /** Moves on from the current step: the next one is notified, or the escalation runs out. */
  async #advance(
    tx: Executor,
    escalation: Escalation,
    reason: StepReason,
    actor: string,
    now: Date,
  ): Promise<Outcome> {
    const next = nextStepPosition(escalation);
    if (next === undefined) {
      const exhausted: Escalation = {
        ...escalation,
        status: EscalationStatus.exhausted,
        nextStepAt: undefined,
        updatedAt: now.toISOString(),
      };
      delete exhausted.nextStepAt;
      await saveEscalation(tx, exhausted);
      return {
        result: exhausted,
        entries: [
          {
            kind: JournalKind.escalationExhausted,
            actor,
            incidentId: escalation.incidentId,
            data: { escalation: exhausted },
          },
        ],
      };
    }
    return this.#notify(tx, escalation, next, reason, actor, now);
  }

  /**
   * Queues a step's messages and sets the timer for the one after it. A step that reaches nobody
   * (nobody on call, contacts gone) is journalled with why, and the next one follows at once.
   */
  async #notify(
    tx: Executor,
    escalation: Escalation,
    position: StepPosition,
    reason: StepReason,
    actor: string,
    now: Date,
  ): Promise<Outcome> {
    const step = escalation.steps[position.step];
    const unit = await findUnit(tx, escalation.unitId);
    const incident = await findIncident(tx, escalation.incidentId);
    if (!step || !unit || !incident) throw new Error(`escalation ${escalation.id} lost its policy`);
    const schedules = new Map((await listUnitSchedules(tx, unit.id)).map((s) => [s.id, s]));
    const { targets, skipped } = resolveStepTargets(step, unit, schedules, now);
    const expiresAt = this.#linkExpiry(now);
    const notifications: NewNotification[] = targets.map(({ contact, scheduleId }) => {
      const id = randomUUID();
      const channel = contact.preferredChannel;
      const address =
        channel === 'sms' ? contact.phone : channel === 'email' ? contact.email : contact.username;
      const token = this.#deps.links.sign({ notificationId: id, expiresAt });
      const text = notificationText(channel, contact.language, {
        cityName: this.#deps.city.name,
        unitName: unit.name,
        incidentTitle: incident.title,
        address: incident.location?.address,
        brief: escalation.brief,
        link: new URL(`/ack/${token}`, this.#deps.notifications.publicUrl).href,
        linkExpires: cityTime(expiresAt, contact.language, this.#deps.city.timeZone),
      });
      return {
        id,
        escalationId: escalation.id,
        round: position.round,
        step: position.step,
        contactId: contact.id,
        contactName: contact.name,
        ...(scheduleId !== undefined && { scheduleId }),
        message: {
          id: randomUUID(),
          channel,
          // NOTE: the unit service requires the preferred channel's address, so this is set.
          // For the console it is the account, whose console shows the request (consoleRequests).
          recipient: address ?? '',
          subject: text.subject,
          body: text.body,
          language: contact.language,
          maxAttempts: this.#deps.notifications.maxAttempts,
        },
      };
    });
    await insertNotifications(tx, notifications, now);
    const moved: Escalation = {
      ...escalation,
      round: position.round,
      step: position.step,
      nextStepAt: new Date(now.getTime() + step.waitMinutes * MINUTE).toISOString(),
      skipped: [...escalation.skipped, ...skipped.map((s) => ({ ...position, ...s }))],
      updatedAt: now.toISOString(),
    };
    await saveEscalation(tx, moved);
    const notified = await this.#reload(tx, escalation.id);
    const entry: NewJournalEntry = {
      kind: JournalKind.escalationStepNotified,
      actor,
      incidentId: escalation.incidentId,
      data: { escalation: notified, ...position, reason },
    };
    if (notifications.length > 0) return { result: notified, entries: [entry] };
    const after = await this.#advance(tx, notified, reason, actor, now);
    return { result: after.result, entries: [entry, ...after.entries] };
  }

  /** Ends an escalation, withdrawing what has not gone out yet. */
  async #end(
    tx: Executor,
    escalation: Escalation,
    status: EscalationStatus,
    by: string,
    now: Date,
    reason?: string,
    redirectedTo?: Escalation['redirectedTo'],
  ): Promise<Escalation> {
    const ended: Escalation = {
      ...escalation,
      status,
      updatedAt: now.toISOString(),
      endedAt: now.toISOString(),
      endedBy: by,
      ...(reason !== undefined && { endReason: reason }),
      ...(redirectedTo !== undefined && { redirectedTo }),
    };
    delete ended.nextStepAt;
    await saveEscalation(tx, ended);
    await withdrawQueuedMessages(tx, escalation.id);
    return this.#reload(tx, escalation.id);
  }

  /** The escalation, locked, if it still awaits an answer and is the version the console showed. */
  async #awaiting(
    tx: Executor,
    escalationId: string,
    expectedUpdatedAt: string,
  ): Promise<Escalation> {
    const escalation = await findEscalation(tx, escalationId, { lock: true });
    if (!escalation) throw new NotFoundError(`There is no escalation ${escalationId}`);
    if (!isAwaitingAcknowledgement(escalation.status)) {
      throw new ConflictError(
        `The escalation to ${escalation.unitName} is already ${escalation.status}${escalation.endedBy === undefined ? '' : ` (${escalation.endedBy}, ${escalation.endedAt})`}; nothing more to do`,
      );
    }
    if (Date.parse(escalation.updatedAt) !== Date.parse(expectedUpdatedAt)) {
      throw new ConflictError(
        `The escalation to ${escalation.unitName} moved on at ${escalation.updatedAt}, after you loaded it: look at it again and retry`,
      );
    }
    return escalation;
  }

  /**
   * Marks an escalation as changed at `now` (an answer that does not end it), so that a console
   * acting on the version before is told it moved on.
   */
  async #touch(tx: Executor, escalation: Escalation, now: Date): Promise<Escalation> {
    const touched = { ...escalation, updatedAt: now.toISOString() };
    await saveEscalation(tx, touched);
    return touched;
  }

  /** The incident's escalation to the unit that still awaits an answer, if any. */
  async #running(
    tx: Executor,
    incidentId: string,
    unitId: string,
  ): Promise<Escalation | undefined> {
    return (await listIncidentEscalations(tx, incidentId)).find(
      (escalation) => escalation.unitId === unitId && isAwaitingAcknowledgement(escalation.status),
    );
  }

  async #reload(tx: Executor, escalationId: string): Promise<Escalation> {
    const escalation = await findEscalation(tx, escalationId);
    if (!escalation) throw new Error(`escalation ${escalationId} vanished`);
    return escalation;
  }

  /**
   * One transaction under the journal lock: `work` changes state and says what to journal, with
   * the journal's time being the engine's. After commit the entries go live, and queued messages
   * are sent without waiting for the next poll.
   */
  async #write<T>(
    now: Date,
    work: (tx: Executor) => Promise<{ result: T; entries: NewJournalEntry[] }>,
  ): Promise<T> {
    let written: JournalEntry[] = [];
    const result = await this.#deps.database.db.transaction(async (tx) => {
      await lockJournal(tx);
      const outcome = await work(tx);
      written = await appendJournal(tx, outcome.entries, now);
      return outcome.result;
    });
    if (written.length > 0) {
      this.#deps.committed(written);
      this.#deps.queued();
    }
    return result;
  }
}

function cityTime(at: Date, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(language, {
    timeZone,
    day: 'numeric',
    month: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
}
