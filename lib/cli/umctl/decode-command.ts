import { decodeCallId } from '../../um';
import type { Report } from './report';

/** Offline: shows the GUID and server a documented-shape CallId carries. */
export function reportDecodedCallId(callId: string): Report {
  const decoded = decodeCallId(callId);
  if (!decoded) {
    return {
      ok: true,
      command: 'decode-call-id',
      data: { callId, decodable: false, guid: null, server: null },
      lines: ['The call ID is valid but opaque: it does not have a documented <guid>@<server> or <guid>|<server> shape.'],
    };
  }
  return {
    ok: true,
    command: 'decode-call-id',
    data: { callId, decodable: true, guid: decoded.guid, server: decoded.server },
    lines: [`GUID:        ${decoded.guid}`, `UM server:   ${decoded.server}`, '(Decoded for display; the service treats the call ID as opaque.)'],
  };
}
