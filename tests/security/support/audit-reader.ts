// Reads the console's audit log the way an auditor does: GET /api/v1/audit with an auditor's
// session. Tests compare what was put on record before and after an attack.

export interface AuditItem {
  readonly seq: number;
  readonly action: string;
  readonly outcome: string | null;
  readonly actorEmail: string | null;
  readonly authMethod: string;
  readonly targetCallId: string | null;
  readonly reason: string | null;
}

export interface AuditQuery {
  readonly actor?: string;
  readonly action?: string;
  readonly outcome?: string;
  readonly callId?: string;
}

/** The newest 200 events matching `query`, newest first. */
export async function readAuditEvents(baseUrl: string, auditorCookie: string, query: AuditQuery = {}): Promise<AuditItem[]> {
  const params = new URLSearchParams({ tab: 'events', limit: '200' });
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, value);
  const response = await fetch(`${baseUrl}/api/v1/audit?${params.toString()}`, { headers: { cookie: auditorCookie } });
  if (response.status !== 200) throw new Error(`Reading the audit log answered HTTP ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { items: AuditItem[] }).items;
}

/** The seq of the newest audit event (0 when the log is empty). */
export async function newestAuditSeq(baseUrl: string, auditorCookie: string): Promise<number> {
  const [newest] = await readAuditEvents(baseUrl, auditorCookie);
  return newest?.seq ?? 0;
}
