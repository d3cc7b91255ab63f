// The admin CLI: users, API tokens and audit checks, straight on the database (verify-export offline). See `admin help`.
import { runAdmin } from './admin/run-admin';

function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    process.stderr.write('Password (the input is shown; end with Enter, then Ctrl-D): ');
  }
  return new Promise((resolve, reject) => {
    let text = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => {
      text += chunk;
      // More than any password can be: stop reading.
      if (text.length > 4096) process.stdin.destroy();
    });
    process.stdin.once('end', () => resolve(text));
    process.stdin.once('close', () => resolve(text));
    process.stdin.once('error', reject);
  });
}

runAdmin(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  readStdin,
}).then(
  (exitCode) => {
    process.exitCode = exitCode;
  },
  () => {
    process.stderr.write('admin: failed unexpectedly; nothing more is known.\n');
    process.exitCode = 1;
  },
);
