/**
 * The CouchDB server as the app meets it over HTTP: the connection test in words (reachable,
 * login accepted, databases there, permission), the setup of the databases on first connect
 * (`_security` members and the design document with the server's refusal rule), and the
 * authorised `fetch` the replication uses. Plain Node: global `fetch`, Basic auth, timeouts.
 */
import { SYNCED_COLLECTIONS, type SyncedCollection, type SyncTestOutcome, type SyncTestResult } from '../../src-shared/contract/sync.js';
import { DESIGN_DOC_ID, designDocFor } from './refusal.js';

export type CouchConfig = {
  /** The server's base URL, e.g. `https://couch.example.de` or `https://example.de/couchdb/`. */
  url: string;
  /** Databases are named `<prefix>-<collection>`. */
  prefix: string;
  username: string;
  password: string;
  /** How long one request may take; 10 s unless a test says otherwise. */
  timeoutMs?: number;
};

const DEFAULT_TIMEOUT_MS = 10_000;

/** One remote database per synced collection, lower case as CouchDB wants it. */
export function databaseNames(prefix: string): Record<SyncedCollection, string> {
  return Object.fromEntries(SYNCED_COLLECTIONS.map((c) => [c, `${prefix}-${c.toLowerCase()}`])) as Record<SyncedCollection, string>;
}

function serverBase(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** The URL of one collection's database, with the trailing slash RxDB's CouchDB replication wants. */
export function databaseUrl(config: Pick<CouchConfig, 'url' | 'prefix'>, collection: SyncedCollection): string {
  return `${serverBase(config.url)}${databaseNames(config.prefix)[collection]}/`;
}

export function authHeader(config: Pick<CouchConfig, 'username' | 'password'>): string {
  return `Basic ${Buffer.from(`${config.username}:${config.password}`, 'utf8').toString('base64')}`;
}

/**
 * `fetch` that logs in as the configured user on every request; for RxDB's
 * `replicateCouchDB({ fetch })`. No timeout of its own: the replication's long polls wait for
 * the server's heartbeat, and the caller's `signal` stays in force.
 */
export function fetchWithAuth(config: Pick<CouchConfig, 'username' | 'password'>): typeof fetch {
  const authorization = authHeader(config);
  return (input, init) => {
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    headers.set('authorization', authorization);
    return fetch(input, { ...init, headers });
  };
}

type Answer = { status: number; body: Record<string, unknown> | null; text: string };

/** The request did not reach the server or got no answer in time. */
class NoAnswer extends Error {}

async function request(config: CouchConfig, method: string, path: string, body?: unknown): Promise<Answer> {
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let response: Response;
  let text: string;
  try {
    response = await fetch(new URL(path, serverBase(config.url)), {
      method,
      headers: { authorization: authHeader(config), accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    throw new NoAnswer(reasonOfFailure(error, timeoutMs));
  }
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: the caller decides what that means
  }
  const isObject = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed);
  return { status: response.status, body: isObject ? (parsed as Record<string, unknown>) : null, text };
}

function reasonOfFailure(error: unknown, timeoutMs: number): string {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return timeoutMs >= 1000 ? `no answer within ${Math.round(timeoutMs / 1000)} s` : `no answer within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

/** `401 unauthorized: Name or password is incorrect.`, from what the server said. */
function said(what: string, answer: Answer): string {
  const error = typeof answer.body?.error === 'string' ? answer.body.error : '';
  const reason = typeof answer.body?.reason === 'string' ? answer.body.reason : '';
  return `${what}: HTTP ${answer.status}${error ? ` ${error}` : ''}${reason ? `: ${reason}` : ''}`;
}

function result(config: CouchConfig, outcome: SyncTestOutcome, server: string, detail: string, missing: string[] = []): SyncTestResult {
  // Nothing here comes from the request, but a server could echo: the password never leaves.
  const safe = config.password ? detail.split(config.password).join('•••') : detail;
  return { outcome, missing, server, detail: safe.slice(0, 1000) };
}

/** "CouchDB 3.3.3", "PouchDB Server 4.2.0", or null when the welcome is no CouchDB's. */
function serverName(welcome: Record<string, unknown> | null): string | null {
  if (!welcome) return null;
  const version = typeof welcome.version === 'string' ? ` ${welcome.version}` : '';
  if ('couchdb' in welcome) return `CouchDB${version}`;
  if ('express-pouchdb' in welcome) return `PouchDB Server${version}`;
  return null;
}

type Probe = { result: SyncTestResult; roles: string[] };

async function probe(config: CouchConfig): Promise<Probe> {
  const fail = (outcome: SyncTestOutcome, server: string, detail: string): Probe => ({ result: result(config, outcome, server, detail), roles: [] });
  try {
    const root = await request(config, 'GET', '');
    if (root.status === 401) return fail('unauthorized', '', said('GET /', root));
    const server = serverName(root.status === 200 ? root.body : null);
    if (!server) return fail('notCouchDb', '', `GET /: HTTP ${root.status}, ${root.body ? 'JSON without a CouchDB welcome' : 'not JSON'}`);

    // Confirms the login on its own, so that a refused database means "no permission".
    const session = await request(config, 'GET', '_session');
    if (session.status === 401 || session.status === 403) return fail('unauthorized', server, said('GET /_session', session));
    const userCtx = (session.body?.userCtx ?? null) as { name?: unknown; roles?: unknown } | null;
    if (session.status === 200 && userCtx?.name !== config.username) {
      return fail('unauthorized', server, `GET /_session: the server took the login as ${typeof userCtx?.name === 'string' ? userCtx.name : 'anonymous'}`);
    }
    const loginConfirmed = session.status === 200;
    const roles = Array.isArray(userCtx?.roles) ? userCtx.roles.filter((r): r is string => typeof r === 'string') : [];

    const names = Object.values(databaseNames(config.prefix));
    const answers = await Promise.all(names.map((name) => request(config, 'GET', name)));
    const missing = names.filter((_, i) => answers[i]!.status === 404);
    const refused = answers.findIndex((a) => a.status === 401 || a.status === 403);
    if (refused >= 0) {
      const answer = answers[refused]!;
      const outcome = answer.status === 401 && !loginConfirmed ? 'unauthorized' : 'forbidden';
      return { result: result(config, outcome, server, said(`GET /${names[refused]}`, answer), missing), roles };
    }
    const odd = answers.findIndex((a) => a.status !== 200 && a.status !== 404);
    if (odd >= 0) return { result: result(config, 'unreachable', server, said(`GET /${names[odd]}`, answers[odd]!), missing), roles };
    if (missing.length) return { result: result(config, 'missingDatabases', server, `${missing.length} of ${names.length} databases missing`, missing), roles };
    return { result: result(config, 'ok', server, `${names.length} databases`), roles };
  } catch (error) {
    if (error instanceof NoAnswer) return fail('unreachable', '', error.message);
    throw error;
  }
}

/** The server's answer in words: reachable, login accepted, every database there and open to us. */
export async function testConnection(config: CouchConfig): Promise<SyncTestResult> {
  return (await probe(config)).result;
}

/** A setup step the server refused or could not do; ends the setup with its outcome. */
class SetupStopped extends Error {
  constructor(readonly outcome: SyncTestOutcome, detail: string) {
    super(detail);
  }
}

function accepted(answer: Answer, what: string, ok: readonly number[]): Answer {
  if (ok.includes(answer.status)) return answer;
  throw new SetupStopped(answer.status === 401 || answer.status === 403 ? 'forbidden' : 'unreachable', said(what, answer));
}

type Security = { members?: { names?: string[]; roles?: string[] }; admins?: { names?: string[]; roles?: string[] } };

/** `member` among the database's members (set with the admin's login); everyone already there (members and admins) stays. */
async function ensureMember(admin: CouchConfig, db: string, member: string): Promise<void> {
  const current = (accepted(await request(admin, 'GET', `${db}/_security`), `GET /${db}/_security`, [200]).body ?? {}) as Security;
  const names = current.members?.names ?? [];
  if (names.includes(member)) return;
  const next: Security = { ...current, members: { roles: [], ...current.members, names: [...names, member] } };
  accepted(await request(admin, 'PUT', `${db}/_security`, next), `PUT /${db}/_security`, [200, 201]);
}

/** The design document with the refusal rule for this collection, replaced when its source differs. */
async function ensureDesignDoc(config: CouchConfig, db: string, collection: SyncedCollection): Promise<void> {
  const wanted = designDocFor(collection);
  const path = `${db}/${DESIGN_DOC_ID}`;
  const current = accepted(await request(config, 'GET', path), `GET /${path}`, [200, 404]);
  if (current.status === 200 && current.body?.validate_doc_update === wanted.validate_doc_update) return;
  // Whatever else an administrator keeps in it (views, other functions) stays; `_rev` comes along.
  const kept = current.status === 200 ? current.body : {};
  accepted(await request(config, 'PUT', path, { ...kept, ...wanted }), `PUT /${path}`, [200, 201, 202]);
}

/** The CouchDB server administrator's login, given for one setup and kept nowhere. */
export type ServerAdminLogin = { username: string; password: string };

/** The admin's own test said it: their login refused, or no admin at all. */
function adminOutcome(outcome: SyncTestOutcome): SyncTestOutcome {
  return outcome === 'unauthorized' ? 'adminUnauthorized' : outcome === 'forbidden' ? 'notAdmin' : outcome;
}

/**
 * Sets the server up as an office does: with the server administrator's login it creates the
 * missing databases, makes the person who syncs (`config.username`) a member of each and installs
 * the refusal rule; then it tests the connection with that person's own login and answers with
 * that. Nothing is written for what is already in place. The admin's password is used for these
 * requests only and appears in no answer.
 */
export async function createDatabases(config: CouchConfig, adminLogin: ServerAdminLogin): Promise<SyncTestResult> {
  const admin: CouchConfig = { ...config, username: adminLogin.username, password: adminLogin.password };
  const hide = (answer: SyncTestResult): SyncTestResult => ({ ...answer, detail: withoutSecret(withoutSecret(answer.detail, admin.password), config.password) });
  const before = await probe(admin);
  const { server, missing, outcome } = before.result;
  if (outcome !== 'ok' && outcome !== 'missingDatabases') return hide({ ...before.result, outcome: adminOutcome(outcome) });
  if (!before.roles.includes('_admin')) {
    return hide(result(admin, 'notAdmin', server, `setting up the databases needs a server admin; ${admin.username} is none`, missing));
  }
  try {
    for (const [collection, db] of Object.entries(databaseNames(config.prefix)) as [SyncedCollection, string][]) {
      // 412: another device created it a moment ago.
      if (missing.includes(db)) accepted(await request(admin, 'PUT', db), `PUT /${db}`, [201, 202, 412]);
      await ensureMember(admin, db, config.username);
      await ensureDesignDoc(admin, db, collection);
    }
  } catch (error) {
    if (error instanceof SetupStopped) return hide(result(admin, error.outcome, server, error.message, missing));
    if (error instanceof NoAnswer) return hide(result(admin, 'unreachable', server, error.message, missing));
    throw error;
  }
  return hide(await testConnection(config));
}

function withoutSecret(text: string, secret: string): string {
  return secret ? text.split(secret).join('•••') : text;
}
