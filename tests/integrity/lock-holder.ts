/**
 * Child process of the locked-books tests: another program that holds the write lock on the
 * books (`BEGIN EXCLUSIVE`) until it reads a line on stdin, at most `seconds` long.
 */
import Database from 'better-sqlite3';

const [filename, seconds = '30'] = process.argv.slice(2);
if (!filename) throw new Error('usage: lock-holder <books.sqlite> [seconds]');
const db = new Database(filename, { fileMustExist: true });
db.exec('BEGIN EXCLUSIVE');
process.stdout.write('locked\n');
const release = () => {
  if (db.inTransaction) db.exec('ROLLBACK');
  db.close();
  process.exit(0);
};
process.stdin.once('data', release);
setTimeout(release, Number(seconds) * 1000);
