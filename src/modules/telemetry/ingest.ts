import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/connect.js';
import type { Identity } from '../auth/service.js';
import { can } from '../auth/permissions.js';
import { AppError } from '../../server/errors.js';
import { CumulativeDeltas } from './cumulative.js';
import { modelDeclared, subjectOf, SystemDirectory } from './directory.js';
import { extractMetrics } from './otlp/metric-points.js';
import { extractSpans } from './otlp/genai-spans.js';
import type { Message } from './otlp/values.js';
import { IngestQueue, queueLimitsFromEnv, type IngestBatch, type Offer, type QueueLimits } from './queue.js';
import type { MetricRollupInsert, UnregisteredInsert } from './repo.js';
import { minuteOf } from './rollup.js';
import { blockBytes, blocksOf, type DecodedTraces, type ModelSighting } from './span-block.js';

export interface IngestResult {
  accepted: number;
  rejected: number;
  /** spans without GenAI attributes, accepted and dropped */
  ignored: number;
  errorMessage: string;
}

/** Bytes a queued span or point holds besides its strings (object headers, numbers, Date). */
const ROW_OVERHEAD = 400;
const strBytes = (...s: (string | null | undefined)[]): number => s.reduce((n, x) => n + (x ? x.length * 2 : 0), 0);

/** The identity of an OTLP request: an API token of an organisation with telemetry.ingest. */
export function ingestOrgOf(identity: Identity | null): string {
  if (!identity || identity.kind !== 'token') throw new AppError('unauthenticated', 'Send an API token: Authorization: Bearer <token>');
  if (!can(identity.role, 'telemetry.ingest')) throw new AppError('forbidden', 'This API token may not send telemetry (telemetry.ingest)');
  return identity.org.id;
}

function refuse(offer: Offer): void {
  if (offer.accepted) return;
  throw new AppError(offer.status === 429 ? 'rate_limited' : 'unavailable', offer.message, { retryAfterSeconds: offer.retryAfterSeconds });
}

/** The receiver's state for one app: the system directory, the queue and its writer, cumulative metric series. */
export class TelemetryIngest {
  readonly directory: SystemDirectory;
  readonly queue: IngestQueue;
  private readonly deltas = new CumulativeDeltas();

  constructor(db: Db, limits: QueueLimits = queueLimitsFromEnv(), log?: FastifyBaseLogger) {
    this.directory = new SystemDirectory(db);
    this.queue = new IngestQueue(db, limits, log);
  }

  private admit(batch: IngestBatch): void {
    refuse(this.queue.offer(batch));
  }

  /** Refuses at once (before the body is read) when the queue could not take even a small request of this organisation. */
  checkRoom(orgId: string): void {
    const refusal = this.queue.refusalNow(orgId);
    if (refusal) refuse(refusal);
  }

  /** An export request decoded in this thread (tests, the demo, small requests). */
  async traces(orgId: string, request: Message): Promise<IngestResult> {
    return this.tracesDecoded(orgId, blocksOf(extractSpans(request)));
  }

  /** Queues a request's span blocks (decoded here or by a decoding thread), mapped to this organisation's systems. */
  async tracesDecoded(orgId: string, decoded: DecodedTraces): Promise<IngestResult> {
    const dir = await this.directory.of(orgId);
    const batch: IngestBatch = { orgId, blocks: [], metrics: [], sightings: [], bytes: 0 };
    const sightings = new Map<string, UnregisteredInsert>();
    const sight = (serviceName: string, m: ModelSighting, systemId: string | null, reason: string) => {
      const key = `${serviceName}|${m.model}`;
      const firstSeen = new Date(m.firstSeen);
      const lastSeen = new Date(m.lastSeen);
      const s = sightings.get(key);
      if (s) {
        s.spans += m.spans;
        if (firstSeen < s.firstSeen) s.firstSeen = firstSeen;
        if (lastSeen > s.lastSeen) s.lastSeen = lastSeen;
        s.genAiSystem ??= m.genAiSystem;
      } else
        sightings.set(key, {
          orgId,
          serviceName,
          model: m.model,
          systemId,
          reason,
          genAiSystem: m.genAiSystem,
          firstSeen,
          lastSeen,
          spans: m.spans,
        });
    };
    let accepted = 0;
    for (const block of decoded.blocks) {
      const subject = subjectOf(dir, block.serviceName, block.aimsSystemId);
      const systemId = subject.kind === 'system' ? subject.system.id : null;
      batch.blocks.push({ block, systemId, subject: subject.subject });
      batch.bytes += blockBytes(block);
      accepted += block.count;
      for (const m of block.models) {
        if (subject.kind === 'service') sight(block.serviceName, m, null, 'unknown_service');
        else if (m.model && !modelDeclared(subject.system.models, m.model)) sight(block.serviceName, m, subject.system.id, 'unknown_model');
      }
    }
    batch.sightings = [...sightings.values()];
    this.admit(batch);
    return {
      accepted,
      rejected: decoded.rejected,
      ignored: decoded.ignored,
      errorMessage: decoded.rejected > 0 ? `${decoded.rejected} span(s) had missing or malformed ids or times` : '',
    };
  }

  async metrics(orgId: string, request: Message): Promise<IngestResult> {
    const extracted = extractMetrics(request);
    const dir = await this.directory.of(orgId);
    const batch: IngestBatch = { orgId, blocks: [], metrics: [], sightings: [], bytes: 0 };
    let ignored = 0;
    const totals: [string, number, number][] = [];
    for (const group of extracted.groups) {
      const subject = subjectOf(dir, group.serviceName, group.aimsSystemId);
      for (const p of group.points) {
        // Unknown services report their GenAI metrics only; other metrics are kept for registered systems.
        if (subject.kind === 'service' && !p.metric.startsWith('gen_ai.')) {
          ignored++;
          continue;
        }
        const seriesKey = `${orgId}|${group.serviceName}|${group.aimsSystemId ?? ''}|${p.metric}|${p.seriesKey}`;
        if (p.cumulative) totals.push([seriesKey, p.count, p.sum]);
        const { count, sum } = p.cumulative ? this.deltas.delta(seriesKey, p.count, p.sum) : p;
        if (count === 0 && sum === 0) continue;
        const row: MetricRollupInsert = {
          orgId,
          subject: subject.subject,
          systemId: subject.kind === 'system' ? subject.system.id : null,
          serviceName: group.serviceName,
          metric: p.metric,
          series: p.series,
          minute: minuteOf(p.time),
          count,
          sum,
        };
        batch.metrics.push(row);
        batch.bytes += ROW_OVERHEAD + strBytes(group.serviceName, p.metric, p.series, subject.subject);
      }
    }
    this.admit(batch);
    for (const [key, count, sum] of totals) this.deltas.remember(key, count, sum);
    return {
      accepted: batch.metrics.length,
      rejected: extracted.rejected,
      ignored,
      errorMessage: extracted.rejected > 0 ? `${extracted.rejected} data point(s) had no time or value` : '',
    };
  }
}

const instances = new WeakMap<Db, TelemetryIngest>();

/** The app's receiver for this database (one per app); tests reach it to flush or shrink the queue. */
export function telemetryIngestFor(db: Db, log?: FastifyBaseLogger): TelemetryIngest {
  let ingest = instances.get(db);
  if (!ingest) {
    ingest = new TelemetryIngest(db, queueLimitsFromEnv(), log);
    instances.set(db, ingest);
  }
  return ingest;
}

export function forgetTelemetryIngest(db: Db): void {
  instances.delete(db);
}

/** A binding changed: the receiver must not map this organisation's services from its cached directory. */
export function telemetryDirectoryChanged(db: Db, orgId: string): void {
  instances.get(db)?.directory.invalidate(orgId);
}
