/**
 * What the engine asks the server about its databases themselves: whether they exist, and
 * whether they still hold this device's marker (`_local/…`: never replicated, gone with the
 * database), which tells databases set up anew from the ones this device synced with.
 */

/** How CouchDB 3 ("Database does not exist.") and CouchDB 1 / pouchdb-server ("no_db_file") say a database is missing. */
export const MISSING_DATABASE = /database does not exist|no_db_file/i;

const markerOf = (deviceId: string) => `_local/rechnungswerk-${deviceId}`;

/**
 * True when some existing database lacks this device's marker, false when none does, null when
 * the server could not be asked. A missing database counts for neither: the status tells that.
 */
export async function markerMissing(fetcher: typeof fetch, databaseUrls: readonly string[], deviceId: string): Promise<boolean | null> {
  let missing = false;
  for (const url of databaseUrls) {
    try {
      const response = await fetcher(`${url}/${markerOf(deviceId)}`);
      if (response.status === 404) {
        const body = (await response.json().catch(() => ({}))) as { reason?: string };
        if (!MISSING_DATABASE.test(body.reason ?? '')) missing = true;
      } else await response.body?.cancel();
    } catch {
      return null;
    }
  }
  return missing;
}

/** Leaves this device's marker with the epoch in every database (best effort: sync goes on without). */
export async function putMarkers(fetcher: typeof fetch, databaseUrls: readonly string[], deviceId: string, epoch: number): Promise<void> {
  const put = (url: string, body: object) => fetcher(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  for (const database of databaseUrls) {
    const url = `${database}/${markerOf(deviceId)}`;
    await put(url, { epoch })
      .then(async (response) => {
        if (response.status !== 409) return response.body?.cancel();
        const current = (await (await fetcher(url)).json()) as { _rev?: string };
        await put(url, { _rev: current._rev, epoch });
      })
      .catch(() => undefined);
  }
}

/** Whether every database answers. */
export async function allDatabasesExist(fetcher: typeof fetch, databaseUrls: readonly string[]): Promise<boolean> {
  let all = true;
  for (const url of databaseUrls) {
    const response = await fetcher(url).catch(() => null);
    await response?.body?.cancel().catch(() => undefined);
    if (!response?.ok) all = false;
  }
  return all;
}
