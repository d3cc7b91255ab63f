import type { UmClient, UmProperties } from '../../um';
import { callInfoFields, describeCallInfo, describeServer, serverOf } from './call-fields';
import type { Command } from './command-spec';
import { reportDisconnect } from './report-disconnect';
import type { Report } from './report';
import { timed } from './timed';

type OnlineCommand = Exclude<Command, { name: 'help' } | { name: 'decode-call-id' }>;

/** Sends the command's request(s) through the client; UM errors propagate to the caller. */
export async function runOnlineCommand(command: OnlineCommand, client: UmClient): Promise<Report> {
  switch (command.name) {
    case 'disconnect':
      return reportDisconnect(client, command.callId, command.verifyTimeoutMs);
    case 'call-info': {
      const { value: info, latencyMs } = await timed(() => client.getCallInfo(command.callId));
      return {
        ok: true,
        command: command.name,
        data: { callId: command.callId, ...callInfoFields(info), server: serverOf(command.callId), latencyMs },
        lines: [describeCallInfo(info), `Call ID:     ${command.callId}`, describeServer(command.callId), answered(latencyMs)],
      };
    }
    case 'play-on-phone':
    case 'play-on-phone-greeting': {
      const { value: callId, latencyMs } = await timed(() =>
        command.name === 'play-on-phone'
          ? client.playOnPhone(command.entryId, command.dialString)
          : client.playOnPhoneGreeting(command.greetingType, command.dialString),
      );
      return {
        ok: true,
        command: command.name,
        data: { callId, server: serverOf(callId), latencyMs },
        lines: [
          `The UM service is placing the call to ${command.dialString}.`,
          `Call ID:     ${callId}`,
          describeServer(callId),
          answered(latencyMs),
          `Follow it with: umctl call-info ${callId}`,
        ],
      };
    }
    case 'is-um-enabled': {
      const { value: enabled, latencyMs } = await timed(() => client.isUmEnabled());
      return {
        ok: true,
        command: command.name,
        data: { enabled, latencyMs },
        lines: [
          `IsUMEnabled: ${enabled}. The service account's mailbox is ${enabled ? '' : 'not '}enabled for Unified Messaging.`,
          answered(latencyMs),
        ],
      };
    }
    case 'um-properties': {
      const { value: properties, latencyMs } = await timed(() => client.getUmProperties());
      return {
        ok: true,
        command: command.name,
        data: { properties: { ...properties, ...nullsForMissing(properties) }, latencyMs },
        lines: [...describeProperties(properties), answered(latencyMs)],
      };
    }
  }
}

function answered(latencyMs: number): string {
  return `Answered in ${latencyMs} ms.`;
}

// JSON.stringify drops undefined; a consumer should see the field with null instead.
function nullsForMissing(properties: UmProperties) {
  return {
    playOnPhoneDialString: properties.playOnPhoneDialString ?? null,
    telephoneAccessNumbers: properties.telephoneAccessNumbers ?? null,
    telephoneAccessFolderEmail: properties.telephoneAccessFolderEmail ?? null,
  };
}

function describeProperties(properties: UmProperties): string[] {
  const or = (value: string | undefined) => value ?? '(not set)';
  return [
    `Out of office:                  ${properties.oofStatus ? 'on' : 'off'}`,
    `Missed-call notification:       ${properties.missedCallNotificationEnabled ? 'on' : 'off'}`,
    `Play-on-phone dial string:      ${or(properties.playOnPhoneDialString)}`,
    `Telephone access numbers:       ${or(properties.telephoneAccessNumbers)}`,
    `Telephone access folder (mail): ${or(properties.telephoneAccessFolderEmail)}`,
  ];
}
