import type { Logger } from 'pino';
import type { ApprovalPolicy } from '../core/approval-policy';
import type { Card } from '../core/card';
import type { NetworkId } from '../core/networks';
import type { ReminderPolicy } from '../core/reminders';
import type { Clock, Locale, Role, UserId } from '../core/types';
import type { PlaybookRegistry } from '../playbook/registry';
import type { AlertStore } from '../ports/alert-store';
import type { ChatPort, Form } from '../ports/chat';
import type { IncidentStore } from '../ports/incident-store';
import type { Outbox } from '../ports/outbox';
import type { Scheduler } from '../ports/scheduler';
import type { LinkPlatform } from './approval-link';

/** What every handler may use: ports, not implementations. */
export interface Deps {
  store: IncidentStore;
  chat: ChatPort;
  playbooks: PlaybookRegistry;
  clock: Clock;
  log: Logger;
  /** Default language when neither the incident nor the caller has one. */
  locale: Locale;
  /** calma.yaml `timezone` (IANA): every time shown in chat and in postmortems is local to it. */
  timeZone: string;
  /** How long one playbook minute lasts (CALMA_MINUTE_MS). */
  minuteMs: number;
  channelPrefix: string;
  /** Invited to every incident room. */
  responders: UserId[];
  /** Room where new incidents are announced with a Join button, if any. */
  announcements: string | null;
  /** Where a playbook can be read, `{id}` replaced by its id; bookmarked in the room. */
  playbooksUrl: string | null;
  /** Queues reminders after every change; null where nothing is timed (some tests). */
  scheduler: Scheduler | null;
  policy: ReminderPolicy;
  /** calma.yaml `approvers`: who may approve public statements, by approval role. */
  approvers: Partial<Record<Role, UserId[]>>;
  /** calma.yaml `statements`: facts filled into statement templates; absent or null ones are asked. */
  statements?: {
    contact: string | null;
    signature: string | null;
    channel?: string | null;
    /** The brand's own handles (`own_accounts`), which the checklist never calls a named person. */
    ownAccounts?: readonly string[];
  };
  /** calma.yaml `statements.approvals`: whose approvals a statement needs, by severity (absent: defaults). */
  approvalPolicy?: ApprovalPolicy;
  /** Names of the configured outbound targets (their URLs and secrets stay with the outbox). */
  outboundTargets: string[];
  /** calma.yaml `networks`, as variants: one field each in the drafting and editing forms (absent: none). */
  networks?: readonly NetworkId[];
  /** Delivers published statements; null where nothing is delivered (some tests). */
  outbox: Outbox | null;
  /**
   * Approval links (CALMA_LINK_SECRET and calma.yaml `public_url`), with the platform these deps serve
   * (a link binds an approver's identity on it); absent: links are off.
   */
  approvalLinks?: { secret: string; publicUrl: string; platform: LinkPlatform };
  /**
   * calma.yaml `approval_requests`: the outbound target sent an `approval.requested` event with each
   * link calma sends an approver, and approvers' email addresses by user id; absent: none sent.
   */
  approvalRequests?: { target: string; emails: Readonly<Record<UserId, string>> };
  /** Alert routing state (triage cards, links of alert groups); absent where alerts are not processed. */
  alerts?: AlertStore;
}

/** Who is asking, from where. */
export interface Caller {
  workspace: string;
  user: UserId;
  room: string;
  /** The caller's own language when the platform tells it (Slack / Discord user locale). */
  locale?: Locale;
  /**
   * The caller's own IANA time zone when the platform tells it (Slack's profile `tz`; Discord tells
   * none), for what only they see. Shared cards use the team's (`Deps.timeZone`).
   */
  timeZone?: string;
  /**
   * The platform's id of this request, when it may run again after its process died (a handed-off
   * Slack request, a guarded Discord interaction): opening the same incident twice is then resuming it.
   */
  request?: string;
}

/** What the caller alone sees. Public record goes to the incident room through `ChatPort`. */
export interface Reply {
  cards: Card[];
  form?: Form;
  /** Set when a room was just created for the caller (the console moves into it). */
  openedRoom?: string;
  /** Answers to a form that were refused, by field id: the form stays open with these shown. */
  fieldErrors?: Record<string, string>;
}

export const noReply: Reply = { cards: [] };
