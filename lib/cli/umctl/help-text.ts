import type { CommandName } from './command-spec';

const CONNECTION_HELP = `Connection options (each falls back to an environment variable):
  --url U                  UM endpoint, e.g. https://cas.contoso.com/EWS/UM2007Legacy.asmx   [UM_SERVICE_URL]
  --username N             service account for Basic authentication                          [UM_USERNAME]
  --password-env VAR       name of the variable that holds the password (default UM_PASSWORD);
                           the password itself is never taken on the command line
  --timeout-ms N           whole-exchange timeout per request, default 10000                  [UM_TIMEOUT_MS]
  --ca-file F              extra CA certificate(s), PEM, for the endpoint's TLS              [UM_CA_FILE]
  --max-response-bytes N   largest response read, default 65536                         [UM_MAX_RESPONSE_BYTES]
  --json                   print exactly one JSON object on stdout, for success and failure`;

const EXIT_HELP = `Exit codes:
  0  success
  2  usage error or invalid input (nothing was sent)
  3  the UM service answered with a SOAP fault (e.g. InvalidCallIdException)
  4  network error, timeout, or an HTTP error status such as 401 or 503
  5  the UM service's response could not be used
  1  umctl itself failed unexpectedly`;

const COMMAND_HELP: Record<CommandName, string> = {
  disconnect: `umctl disconnect <callId> [--verify [--verify-timeout-ms N]] [connection options]

Asks the UM service to hang up a call. The service answers before the call is torn down, so
success means "accepted"; use call-info, or --verify, to see it end. A Disconnect is never re-sent.

  --verify                 check the call first, then poll call-info until it is Disconnected or
                           unknown to the service, and report one outcome:
                           confirmed | accepted | already-ended (exit 0) · failed | unknown (exit 3-5)
  --verify-timeout-ms N    how long to poll after the hang-up was accepted, default 10000`,
  'call-info': `umctl call-info <callId> [connection options]

Shows a call's state (Connecting, Connected, Disconnected, …) and event cause (None, Busy, No answer, …).`,
  'play-on-phone': `umctl play-on-phone --entry-id E --dial-string D [connection options]

Places a call that plays the voice mail item E to the number D and prints the new call ID.`,
  'play-on-phone-greeting': `umctl play-on-phone-greeting --greeting-type NormalCustom|OofCustom --dial-string D [connection options]

Places a call that plays (and lets the user record) a custom greeting; prints the new call ID.`,
  'is-um-enabled': `umctl is-um-enabled [connection options]

Says whether the service account's mailbox is enabled for Unified Messaging.`,
  'um-properties': `umctl um-properties [connection options]

Shows the service account's UM properties (out of office, missed-call notification, dial strings).`,
  'decode-call-id': `umctl decode-call-id <callId> [--json]

Checks a call ID and shows the GUID and UM server it names, when it has a documented shape.
Works offline: nothing is sent.`,
  help: `umctl help [command]

Shows this help, or the help of one command.`,
};

export function helpText(topic: CommandName | undefined): string {
  if (topic !== undefined && topic !== 'help') {
    const offline = topic === 'decode-call-id';
    return `${COMMAND_HELP[topic]}\n\n${offline ? EXIT_HELP : `${CONNECTION_HELP}\n\n${EXIT_HELP}`}\n`;
  }
  return `umctl — talk to the Exchange Unified Messaging web service from the command line.

Usage: npm run --silent umctl -- <command> [options]

Commands:
  disconnect <callId>                   ask the service to hang up a call (--verify to confirm)
  call-info <callId>                    show a call's state and event cause
  play-on-phone --entry-id E --dial-string D
                                        place a call that plays a voice mail item
  play-on-phone-greeting --greeting-type NormalCustom|OofCustom --dial-string D
                                        place a call that plays a custom greeting
  is-um-enabled                         is the service account enabled for UM?
  um-properties                         show the service account's UM properties
  decode-call-id <callId>               show what a call ID names (offline)
  help [command]                        this help; also <command> --help

${CONNECTION_HELP}

${EXIT_HELP}
`;
}
