import { createUmClient, type UmClient } from '../../um';
import { resolveConnection } from './connection-settings';
import { reportDecodedCallId } from './decode-command';
import { describeFailure } from './describe-failure';
import { helpText } from './help-text';
import { parseInvocation, type Invocation } from './parse-args';
import { printReport, type Output, type Report } from './report';
import { runOnlineCommand } from './run-command';
import { UsageError } from './usage-error';

/** Runs umctl with the given arguments; returns the exit code. Never throws. */
export async function runUmctl(argv: readonly string[], output: Output): Promise<number> {
  // Looked for before parsing, so that even an unreadable command line is answered in JSON.
  const json = argv.includes('--json');
  let invocation: Invocation;
  try {
    invocation = parseInvocation(argv);
  } catch (error) {
    const command = error instanceof UsageError ? error.command : undefined;
    return printReport({ ok: false, command, failure: describeFailure(error), data: {} }, json, output);
  }
  return printReport(await produceReport(invocation), invocation.json, output);
}

async function produceReport(invocation: Invocation): Promise<Report> {
  const { command } = invocation;
  if (command.name === 'help') {
    const text = helpText(command.topic);
    return { ok: true, command: 'help', data: { topic: command.topic ?? null, text }, lines: [text.trimEnd()] };
  }
  if (command.name === 'decode-call-id') return reportDecodedCallId(command.callId);

  let client: UmClient | undefined;
  try {
    client = createUmClient(resolveConnection(invocation.connection));
    return await runOnlineCommand(command, client);
  } catch (error) {
    return { ok: false, command: command.name, failure: describeFailure(error), data: 'callId' in command ? { callId: command.callId } : {} };
  } finally {
    // Closing the keep-alive pool lets the process exit as soon as the answer is printed.
    await client?.close().catch(() => undefined);
  }
}
