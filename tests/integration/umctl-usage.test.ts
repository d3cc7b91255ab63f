// umctl's command line itself: usage errors, help and offline commands. Nothing here needs a server.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseSingleJson, runCli } from './umctl-harness';

const DOCUMENTED_CALL_ID =
  'MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=';
// Nothing listens here, and nothing must be sent: every test below fails before connecting.
const URL = 'http://127.0.0.1:9/EWS/UM2007Legacy.asmx';

describe('umctl usage errors exit 2 with a message that says what to fix', { concurrency: 4 }, () => {
  test('no command at all lists the commands', async () => {
    const run = await runCli([]);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /Name a command: disconnect, call-info, play-on-phone/);
    assert.match(run.stderr, /umctl help/);
  });

  test('an unknown command is named in the error', async () => {
    const run = await runCli(['hangup', DOCUMENTED_CALL_ID]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^umctl: Unknown command "hangup"\./);
  });

  test('a missing call ID is asked for', async () => {
    const run = await runCli(['call-info', '--url', URL]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /call-info needs a call ID/);
    assert.match(run.stderr, /umctl call-info --help/);
  });

  test('play-on-phone without --dial-string says which flag is missing', async () => {
    const run = await runCli(['play-on-phone', '--entry-id', 'QUJD', '--url', URL]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /play-on-phone needs --dial-string D\./);
  });

  test('a non-numeric --timeout-ms is quoted back', async () => {
    const run = await runCli(['call-info', DOCUMENTED_CALL_ID, '--url', URL, '--timeout-ms', 'abc']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^umctl: --timeout-ms must be a whole number of milliseconds, got "abc"\.$/m);
  });

  test('a non-numeric UM_TIMEOUT_MS names the variable', async () => {
    const run = await runCli(['call-info', DOCUMENTED_CALL_ID, '--url', URL], { UM_TIMEOUT_MS: 'soon' });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /UM_TIMEOUT_MS must be a whole number of milliseconds, got "soon"/);
  });

  test('an unknown option is named, without Node internals', async () => {
    const run = await runCli(['call-info', DOCUMENTED_CALL_ID, '--frobnicate']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^umctl: Unknown option "--frobnicate"\.$/m);
    assert.doesNotMatch(run.stderr, /positional argument|at .*\.ts:\d+/);
  });

  test('an option of another command is refused', async () => {
    const run = await runCli(['call-info', DOCUMENTED_CALL_ID, '--dial-string', '12345', '--url', URL]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--dial-string is not an option of call-info/);
  });

  test('a flag without its value is reported', async () => {
    const run = await runCli(['call-info', DOCUMENTED_CALL_ID, '--url']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--url needs a value/);
  });

  test('without --url or UM_SERVICE_URL the command says where the URL comes from', async () => {
    const run = await runCli(['call-info', DOCUMENTED_CALL_ID]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /No UM service URL: pass --url or set UM_SERVICE_URL/);
  });

  test('--password-env naming an unset variable is an error, not an empty password', async () => {
    const run = await runCli(['is-um-enabled', '--url', URL, '--username', 'svc', '--password-env', 'NOT_SET_ANYWHERE']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--password-env names NOT_SET_ANYWHERE, but that variable is not set/);
  });

  test('a password typed where a variable name belongs, or after --password, is never repeated back', async () => {
    const [asVariable, asFlag, lowerCase] = await Promise.all([
      runCli(['is-um-enabled', '--url', URL, '--username', 'svc', '--password-env', 'hunter2!secret']),
      runCli(['is-um-enabled', '--url', URL, '--username', 'svc', '--password', 'hunter2secret']),
      runCli(['is-um-enabled', '--url', URL, '--username', 'svc', '--password-env', 'hunter2secret']),
    ]);
    for (const run of [asVariable, asFlag, lowerCase]) {
      assert.equal(run.code, 2);
      assert.doesNotMatch(run.stdout + run.stderr, /hunter2/);
    }
    assert.match(asVariable.stderr, /--password-env takes the name of an environment variable .*not the password itself/);
    assert.match(asFlag.stderr, /umctl takes no password on the command line/);
    assert.match(lowerCase.stderr, /--password-env names a variable, but that variable is not set/);
  });

  test('a greeting type outside NormalCustom|OofCustom is refused as invalid input', async () => {
    const run = await runCli(['play-on-phone-greeting', '--greeting-type', 'Oof', '--dial-string', '1', '--url', URL, '--json']);
    assert.equal(run.code, 2);
    const output = parseSingleJson(run.stdout);
    assert.deepEqual(output.error, { kind: 'input', message: '--greeting-type must be NormalCustom or OofCustom, got "Oof".' });
  });

  test('with --json a usage error is one JSON object on stdout and nothing on stderr', async () => {
    const run = await runCli(['disconnect', '--json']);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, '');
    const output = parseSingleJson(run.stdout);
    assert.equal(output.ok, false);
    assert.equal(output.command, 'disconnect');
    assert.equal(output.exitCode, 2);
    assert.equal((output.error as { kind: string }).kind, 'usage');
  });
});

describe('umctl help and offline commands', { concurrency: 4 }, () => {
  test('help, --help and <command> --help print usage and exit 0', async () => {
    const [help, dashHelp, commandHelp] = await Promise.all([
      runCli(['help']),
      runCli(['--help']),
      runCli(['disconnect', '--help']),
    ]);
    for (const run of [help, dashHelp]) {
      assert.equal(run.code, 0);
      assert.match(run.stdout, /Commands:/);
      assert.match(run.stdout, /--password-env VAR/);
      assert.match(run.stdout, /4 {2}network error, timeout, or an HTTP error status such as 401 or 503/);
    }
    assert.equal(commandHelp.code, 0);
    assert.match(commandHelp.stdout, /^umctl disconnect <callId>/);
    assert.match(commandHelp.stdout, /confirmed \| accepted \| already-ended/);
  });

  test('decode-call-id shows the GUID and server of the documented CallId without sending anything', async () => {
    const run = await runCli(['decode-call-id', DOCUMENTED_CALL_ID, '--json']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(parseSingleJson(run.stdout), {
      ok: true,
      command: 'decode-call-id',
      callId: DOCUMENTED_CALL_ID,
      decodable: true,
      guid: '09df9edc-4e23-4709-bdaf-7be20cb0ae56',
      server: 'df-eum-01.exchange.corp.microsoft.com',
    });
  });

  test('decode-call-id calls an undecodable but valid CallId opaque, and refuses markup with exit 2', async () => {
    const [opaque, markup] = await Promise.all([
      runCli(['decode-call-id', 'QUJD']),
      runCli(['decode-call-id', '</CallId><x/>']),
    ]);
    assert.equal(opaque.code, 0);
    assert.match(opaque.stdout, /valid but opaque/);
    assert.equal(markup.code, 2);
    assert.match(markup.stderr, /Invalid call ID: A call ID contains only letters, digits/);
  });
});
