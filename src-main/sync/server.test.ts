import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNCED_COLLECTIONS } from '../../src-shared/contract/sync.js';
import { createAdmin, createUser, freePort, startCouchServer, type CouchServer } from '../../tests/support/couch-server.js';
import { DESIGN_DOC_ID, designDocFor } from './refusal.js';
import { authHeader, createDatabases, databaseNames, databaseUrl, fetchWithAuth, testConnection, type CouchConfig } from './server.js';

type Login = { name: string; password: string };
const admin: Login = { name: 'admin', password: 'Admin-Geheimnis-41' };
const anna: Login = { name: 'anna', password: 'Anna-Geheimnis-17' };
const bert: Login = { name: 'bert', password: 'Bert-Geheimnis-23' };

let server: CouchServer;

beforeAll(async () => {
  server = await startCouchServer({ fullCouchDB: true });
  await createAdmin(server, admin);
  await createUser(server, admin, anna);
  await createUser(server, admin, bert);
});

afterAll(async () => {
  await server?.stop();
});

function config(login: Login, prefix: string, url = server.url): CouchConfig {
  return { url, prefix, username: login.name, password: login.password };
}

async function call(login: Login, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${server.url}/${path}`, {
    method,
    headers: { authorization: authHeader({ username: login.name, password: login.password }), 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
}

async function listen(server: http.Server | net.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
}

describe('naming the remote databases', () => {
  it('gives each synced collection its own database under the prefix, in lower case', () => {
    const names = databaseNames('firma');
    expect(Object.keys(names)).toEqual([...SYNCED_COLLECTIONS]);
    expect(names.paymentRequests).toBe('firma-paymentrequests');
    expect(names.facts).toBe('firma-facts');
    expect(databaseUrl({ url: 'https://example.de/couchdb', prefix: 'firma' }, 'invoices')).toBe('https://example.de/couchdb/firma-invoices/');
  });
});

describe('testing the connection', () => {
  it('says a server nobody listens on is unreachable, and why', async () => {
    const port = await freePort();
    const answer = await testConnection(config(anna, 'firma', `http://127.0.0.1:${port}`));
    expect(answer).toEqual({ outcome: 'unreachable', missing: [], server: '', detail: 'ECONNREFUSED' });
  });

  it('says a server that never answers is unreachable once the time is up', async () => {
    const silent = net.createServer(() => {
      // accepts the connection and never answers
    });
    const url = await listen(silent);
    try {
      const answer = await testConnection({ ...config(anna, 'firma', url), timeoutMs: 300 });
      expect(answer.outcome).toBe('unreachable');
      expect(answer.detail).toBe('no answer within 300 ms');
    } finally {
      silent.close();
    }
  });

  it('says a web server that is no CouchDB is not one', async () => {
    const hello = http.createServer((_req, res) => res.end('hello'));
    const url = await listen(hello);
    try {
      expect(await testConnection(config(anna, 'firma', url))).toEqual({ outcome: 'notCouchDb', missing: [], server: '', detail: 'GET /: HTTP 200, not JSON' });
    } finally {
      hello.close();
    }
  });

  it('says a wrong password is wrong, without repeating it', async () => {
    const wrong = 'Falsches-Passwort-99';
    const answer = await testConnection({ ...config(anna, 'firma'), password: wrong });
    expect(answer.outcome).toBe('unauthorized');
    expect(answer.detail).toBe('GET /: HTTP 401 unauthorized: Name or password is incorrect.');
    expect(JSON.stringify(answer)).not.toContain(wrong);
  });

  it('names the server and lists the databases that are missing', async () => {
    const answer = await testConnection(config(anna, 'firma-a'));
    expect(answer.outcome).toBe('missingDatabases');
    expect(answer.server).toBe('PouchDB Server 4.2.0');
    expect(answer.missing).toEqual(Object.values(databaseNames('firma-a')));
    expect(answer.detail).toBe('8 of 8 databases missing');
  });
});

describe('creating the databases', () => {
  /** The server administrator's login, typed in once for the setup. */
  const adminLogin = { username: admin.name, password: admin.password };

  it('tells a login that is no server admin that setting up needs one, and creates nothing', async () => {
    const answer = await createDatabases(config(anna, 'firma-b'), { username: anna.name, password: anna.password });
    expect(answer).toMatchObject({ outcome: 'notAdmin', detail: 'setting up the databases needs a server admin; anna is none' });
    expect(answer.missing).toHaveLength(8);
    expect((await testConnection(config(admin, 'firma-b'))).missing).toHaveLength(8);
  });

  it("says that the administrator's login was refused, without the password it was given", async () => {
    const answer = await createDatabases(config(anna, 'firma-h'), { username: admin.name, password: 'Falsches-Admin-Passwort' });
    expect(answer.outcome).toBe('adminUnauthorized');
    expect(JSON.stringify(answer)).not.toContain('Falsches-Admin-Passwort');
    expect((await testConnection(config(admin, 'firma-h'))).missing).toHaveLength(8);
  });

  it("creates every database with the admin's login, the person who syncs as its member and the refusal rule, then tests that person's login", async () => {
    const answer = await createDatabases(config(anna, 'firma-c'), adminLogin);
    expect(answer).toEqual({ outcome: 'ok', missing: [], server: 'PouchDB Server 4.2.0', detail: '8 databases' });
    expect(JSON.stringify(answer)).not.toContain(admin.password);
    const revs: string[] = [];
    for (const [collection, db] of Object.entries(databaseNames('firma-c')) as [(typeof SYNCED_COLLECTIONS)[number], string][]) {
      expect((await call(admin, 'GET', `${db}/_security`)).body.members.names).toEqual(['anna']);
      const design = (await call(admin, 'GET', `${db}/${DESIGN_DOC_ID}`)).body;
      expect(design.validate_doc_update).toBe(designDocFor(collection).validate_doc_update);
      revs.push(design._rev);
    }
    // Anna syncs with her own login; Bert, no member, is refused.
    expect((await testConnection(config(anna, 'firma-c'))).outcome).toBe('ok');
    expect((await testConnection(config(bert, 'firma-c'))).outcome).toBe('forbidden');
    // A second run finds everything in place and writes nothing.
    expect((await createDatabases(config(anna, 'firma-c'), adminLogin)).outcome).toBe('ok');
    for (const [i, db] of Object.values(databaseNames('firma-c')).entries()) {
      expect((await call(admin, 'GET', `${db}/${DESIGN_DOC_ID}`)).body._rev).toBe(revs[i]);
    }
  });

  it("answers with the person's own login: a wrong password of theirs is named after the setup", async () => {
    const answer = await createDatabases(config({ name: 'anna', password: 'Annas-Tippfehler' }, 'firma-i'), adminLogin);
    expect(answer.outcome).toBe('unauthorized');
    expect(JSON.stringify(answer)).not.toContain(admin.password);
    expect((await call(admin, 'GET', `${databaseNames('firma-i').invoices}/_security`)).body.members.names).toEqual(['anna']);
    expect((await testConnection(config(anna, 'firma-i'))).outcome).toBe('ok');
  });

  it('keeps the members and admins a database has, and replaces an outdated rule but keeps the rest', async () => {
    const db = databaseNames('firma-d').invoices;
    expect((await call(admin, 'PUT', db)).status).toBe(201);
    const security = { members: { names: ['anna'], roles: ['buchhaltung'] }, admins: { names: ['bert'], roles: [] } };
    expect((await call(admin, 'PUT', `${db}/_security`, security)).status).toBe(200);
    const old = { validate_doc_update: 'function (newDoc) {}', views: { all: { map: 'function (doc) { emit(doc._id); }' } } };
    expect((await call(admin, 'PUT', `${db}/${DESIGN_DOC_ID}`, old)).status).toBe(201);

    const answer = await createDatabases(config(bert, 'firma-d'), adminLogin);
    expect(answer.outcome).toBe('ok');
    expect((await call(admin, 'GET', `${db}/_security`)).body).toEqual({
      members: { names: ['anna', 'bert'], roles: ['buchhaltung'] },
      admins: { names: ['bert'], roles: [] },
    });
    const design = (await call(admin, 'GET', `${db}/${DESIGN_DOC_ID}`)).body;
    expect(design._rev).toMatch(/^2-/);
    expect(design.validate_doc_update).toBe(designDocFor('invoices').validate_doc_update);
    expect(design.views).toEqual(old.views);
  });

  it('refuses a user who is no member, in words', async () => {
    await createDatabases(config(anna, 'firma-e'), adminLogin);
    // pouchdb-server answers an authenticated non-member 401 "You are not authorized to access
    // this db." (Apache CouchDB 3: 403); the login itself was accepted, so it is no permission.
    const answer = await testConnection(config(bert, 'firma-e'));
    expect(answer.outcome).toBe('forbidden');
    expect(answer.detail).toBe(`GET /${databaseNames('firma-e').settings}: HTTP 401 unauthorized: You are not authorized to access this db.`);
  });
});

describe('the rule on the server', () => {
  const invoice = {
    _id: '01JF8M3Q0000000000000000AA',
    documentType: 'invoice',
    status: 'issued',
    number: 'RE-2026-A-000001',
    customerId: '01JF8M3Q0000000000000000CU',
    dueDate: '2026-12-15',
    currency: 'EUR',
    lines: [],
    grossAmount: 11900,
    createdAt: '2026-12-01T09:00:00.000Z',
    updatedAt: '2026-12-01T09:00:00.000Z',
    _deleted: false,
  };
  const fact = { _id: '01JF8M3Q0000000000000000FA', kind: 'payment', subjectId: 'C1', occurredAt: '2026-12-02T09:00:00.000Z', deviceId: 'devA', seq: 1, _deleted: false };

  it('refuses to change or delete an issued invoice, replicated writes too, and keeps it as it was', async () => {
    await createDatabases(config(anna, 'firma-f'), { username: admin.name, password: admin.password });
    const db = databaseNames('firma-f').invoices;
    const created = await call(anna, 'POST', `${db}/_bulk_docs`, { docs: [invoice] });
    expect(created.body[0].ok).toBe(true);
    const rev: string = created.body[0].rev;

    const changed = await call(anna, 'POST', `${db}/_bulk_docs`, { docs: [{ ...invoice, _rev: rev, grossAmount: 1 }] });
    expect(changed.body).toEqual([{ id: invoice._id, error: 'forbidden', reason: 'issuedChanged: invoice RE-2026-A-000001 may not change (field grossAmount)' }]);

    const replicated = await call(anna, 'POST', `${db}/_bulk_docs`, {
      new_edits: false,
      docs: [{ ...invoice, number: 'RE-2026-B-000001', _rev: '2-0123456789abcdef', _revisions: { start: 2, ids: ['0123456789abcdef', rev.slice(2)] } }],
    });
    expect(replicated.body).toEqual([{ id: invoice._id, error: 'forbidden', reason: 'issuedChanged: invoice RE-2026-A-000001 may not change (field number)' }]);

    const deleted = await call(anna, 'DELETE', `${db}/${invoice._id}?rev=${rev}`);
    expect(deleted).toEqual({ status: 403, body: { error: 'forbidden', reason: 'issuedDeleted: invoice RE-2026-A-000001 may not be deleted' } });

    const kept = await call(anna, 'GET', `${db}/${invoice._id}?conflicts=true`);
    expect(kept.body).toMatchObject({ _rev: rev, number: 'RE-2026-A-000001', grossAmount: 11900 });
    expect(kept.body._conflicts).toBeUndefined();

    const sent = await call(anna, 'POST', `${db}/_bulk_docs`, { docs: [{ ...invoice, _rev: rev, status: 'sent', updatedAt: '2026-12-02T09:00:00.000Z' }] });
    expect(sent.body[0].ok).toBe(true);
  });

  it('lets drafts change and be deleted', async () => {
    const db = databaseNames('firma-f').invoices;
    const draft = { ...invoice, _id: '01JF8M3Q0000000000000000DR', status: 'draft', number: '' };
    const created = await call(anna, 'POST', `${db}/_bulk_docs`, { docs: [draft] });
    const changed = await call(anna, 'POST', `${db}/_bulk_docs`, { docs: [{ ...draft, _rev: created.body[0].rev, grossAmount: 1 }] });
    expect(changed.body[0].ok).toBe(true);
    expect((await call(anna, 'DELETE', `${db}/${draft._id}?rev=${changed.body[0].rev}`)).status).toBe(200);
  });

  it('takes a new fact and its replay, and refuses to change one', async () => {
    const db = databaseNames('firma-f').facts;
    const created = await call(anna, 'POST', `${db}/_bulk_docs`, { docs: [fact] });
    expect(created.body[0].ok).toBe(true);
    const rev: string = created.body[0].rev;
    const replay = await call(anna, 'POST', `${db}/_bulk_docs`, { docs: [{ ...fact, _rev: rev }] });
    expect(replay.body[0].ok).toBe(true);
    const changed = await call(anna, 'POST', `${db}/_bulk_docs`, { docs: [{ ...fact, _rev: replay.body[0].rev, seq: 2 }] });
    expect(changed.body).toEqual([{ id: fact._id, error: 'forbidden', reason: `factChanged: fact ${fact._id} (payment) may not change (field seq)` }]);
  });
});

describe('the authorised fetch for the replication', () => {
  it('logs in as the configured user and keeps the headers it is given', async () => {
    const authorised = fetchWithAuth({ username: anna.name, password: anna.password });
    const response = await authorised(`${server.url}/_session`, { headers: { accept: 'application/json' } });
    expect((await response.json()).userCtx.name).toBe('anna');
    const wrong = fetchWithAuth({ username: anna.name, password: 'nope' });
    expect((await wrong(`${server.url}/_session`)).status).toBe(401);
  });
});
