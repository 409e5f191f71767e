import type { App } from '../../src/server/types.js';

const BOUNDARY = 'aims-discovery-seed';

export interface DiscoveryFixtures {
  discoveryRun: string;
}

/** A Squid log line that finds DeepSeek Chat (the finding the walk decides on, links and adds to the inventory). */
export const DISCOVERY_WALK_LOG =
  '1732700000.123 245 10.20.1.15 TCP_TUNNEL/200 5120 CONNECT chat.deepseek.com:443 alice HIER_DIRECT/203.0.113.10 -\n';

/** Through the API, as `headers`' caller: one finished discovery run, so the organisation has a deepseek-chat finding. */
export async function seedDiscoveryFixtures(app: App, slug: string, headers: Record<string, string>): Promise<DiscoveryFixtures> {
  const head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="seed.log"\r\nContent-Type: text/plain\r\n\r\n`;
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${slug}/discovery/runs?format=squid&wait=true`,
    headers: { ...headers, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    payload: Buffer.concat([Buffer.from(head), Buffer.from(DISCOVERY_WALK_LOG), Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]),
  });
  const run = res.json<{ id: string; status: string }>();
  if (res.statusCode !== 200 || run.status !== 'done') throw new Error(`seed discovery run: ${res.statusCode} ${res.body}`);
  return { discoveryRun: run.id };
}
