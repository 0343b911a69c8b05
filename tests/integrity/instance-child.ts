/**
 * Child process of the second-instance test: the app's services on a data folder, as another
 * running instance of the app. Prints `ready` (or `refused <code>`) and runs until killed, at
 * most `seconds` long.
 */
import { startServices } from '../../src-main/services.js';

const [dataDir, seconds = '60'] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: instance-child <dataDir> [seconds]');
try {
  const services = await startServices({ dataDir, logger: { error: () => undefined }, documents: { freezeOnIssue: false }, mail: { autoStart: false }, reminders: { autoStart: false } });
  process.stdout.write('ready\n');
  setTimeout(() => void services.close().then(() => process.exit(0)), Number(seconds) * 1000);
} catch (error) {
  process.stdout.write(`refused ${(error as { code?: string }).code ?? String(error)}\n`);
  process.exit(2);
}
