// umctl: the UM web service from the command line. See `umctl help` and design.md.
import { runUmctl } from './umctl/run';

runUmctl(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then(
  (exitCode) => {
    process.exitCode = exitCode;
  },
  () => {
    // runUmctl reports its own failures; this is the last guard against a stack trace on screen.
    process.stderr.write('umctl: failed unexpectedly; nothing more is known.\n');
    process.exitCode = 1;
  },
);
