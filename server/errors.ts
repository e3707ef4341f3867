// Refusals as values with an HTTP status and a stable code; the app turns them into `Error` bodies of the contract.
export class HttpError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 429 | 500 | 503,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** What the audit log should record about a signed-in person's refusal (the app writes it, summarised: security-events.ts). */
export interface AuditedRefusal {
  actor: string;
  action: 'parent.child-refused' | 'access.refused';
  accountId: string;
  /** The detail that varies between refusals and is counted in a summary (the child id, the operation). */
  reason: string;
  details: Record<string, unknown>;
}

/** `error` carrying the audit entry of a person's refusal, for the app to record (never part of the answer). */
export function withRefusalAudit(error: HttpError, refusal: AuditedRefusal): HttpError & { refusal: AuditedRefusal } {
  return Object.assign(error, { refusal });
}

export function refusalAuditOf(error: unknown): AuditedRefusal | null {
  const refusal = (error as { refusal?: AuditedRefusal } | null)?.refusal;
  return refusal === undefined ? null : refusal;
}
