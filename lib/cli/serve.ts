// `npm start`: check the configuration, build when no current build exists, then run the console.
import { buildChildEnvironment, ConfigError, getConfig, type AppConfig } from '../config';
import { BuildFailedError, buildIfStale, runNext } from './build-if-stale';

async function serve(): Promise<number> {
  const config = readConfig();
  if (!config) return 2;
  const root = process.cwd();
  try {
    await buildIfStale({ root });
  } catch (error) {
    if (error instanceof BuildFailedError) {
      console.error(`The console was not started: ${error.message}`);
      return 1;
    }
    throw error;
  }
  return runNext(root, ['start', '-p', String(config.port)], buildChildEnvironment());
}

function readConfig(): AppConfig | undefined {
  try {
    return getConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // Checked before any build: a typo in the environment should not cost a minute of building.
    console.error(error.message);
    console.error('See .env.example for every setting and its default.');
    return undefined;
  }
}

serve().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('The console could not be started:', error);
    process.exit(1);
  },
);
