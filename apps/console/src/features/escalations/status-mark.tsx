import { EscalationStatus } from '@vaka/domain';

/**
 * A shape per escalation status, so it reads without colour: a ring while waiting, a triangle
 * with a bar when run out, a tick when taken, an arrow when redirected, a cross when called off.
 * Always beside the status in words.
 */
export function StatusMark({ status }: { readonly status: EscalationStatus }) {
  return (
    <svg
      className={`status-mark status-mark--${status}`}
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
    >
      {status === EscalationStatus.active && (
        <>
          <circle cx="8" cy="8" r="6" fill="none" strokeWidth="2" />
          <path d="M8 4.5V8l2.5 1.5" fill="none" strokeWidth="1.6" />
        </>
      )}
      {status === EscalationStatus.exhausted && (
        <>
          <path d="M8 1 15.5 14.5H.5z" />
          <path className="status-mark__cut" d="M7.1 5.5h1.8v5H7.1zM7.1 11.6h1.8v1.7H7.1z" />
        </>
      )}
      {status === EscalationStatus.accepted && (
        <path d="m2.5 8.5 3.5 3.5 7.5-8" fill="none" strokeWidth="2.4" />
      )}
      {status === EscalationStatus.redirected && (
        <path d="M2 8h10M8.5 4 12.5 8l-4 4" fill="none" strokeWidth="2.2" />
      )}
      {status === EscalationStatus.cancelled && (
        <path d="m3.5 3.5 9 9m0-9-9 9" fill="none" strokeWidth="2.4" />
      )}
    </svg>
  );
}
