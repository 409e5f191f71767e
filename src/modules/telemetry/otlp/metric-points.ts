import { attributesOf, cleanText, isMessage, listOf, numberOf, scalarOf, type Message } from './values.js';

/** One data point, reduced to a count and a sum. */
export interface MetricPoint {
  metric: string;
  /** gen_ai.token.type for token usage, else '' */
  series: string;
  time: Date;
  count: number;
  sum: number;
  /** a cumulative point carries totals since `startNs`; the receiver turns it into a delta */
  cumulative: boolean;
  /** identifies the point's time series for the delta: its attributes and start time */
  seriesKey: string;
}

export interface MetricGroup {
  serviceName: string;
  aimsSystemId: string | null;
  points: MetricPoint[];
}

export interface ExtractedMetrics {
  groups: MetricGroup[];
  rejected: number;
}

const CUMULATIVE = 2;
const wantedResource = (k: string): boolean => k === 'service.name' || k === 'aims.system.id';

function attributeKey(point: Message): string {
  const parts: string[] = [];
  for (const kv of listOf(point, 'attributes')) {
    if (isMessage(kv) && typeof kv.key === 'string') parts.push(`${kv.key}=${String(scalarOf(kv.value))}`);
  }
  return parts.sort().join('&');
}

/** The data of a metric: which kind and its points (only one of the oneof members is set). */
function dataOf(metric: Message): { kind: 'gauge' | 'sum' | 'histogram'; data: Message } | undefined {
  for (const kind of ['sum', 'gauge', 'histogram', 'exponentialHistogram', 'summary'] as const) {
    const data = metric[kind];
    if (isMessage(data)) return { kind: kind === 'exponentialHistogram' || kind === 'summary' ? 'histogram' : kind, data };
  }
  return undefined;
}

function readPoint(name: string, kind: 'gauge' | 'sum' | 'histogram', cumulative: boolean, point: Message): MetricPoint | undefined {
  const timeNs = numberOf(point.timeUnixNano);
  if (timeNs === undefined || timeNs <= 0) return undefined;
  let count: number | undefined;
  let sum: number | undefined;
  if (kind === 'histogram') {
    count = numberOf(point.count);
    sum = numberOf(point.sum) ?? 0;
  } else {
    count = 1;
    sum = Object.prototype.hasOwnProperty.call(point, 'asInt') ? numberOf(point.asInt) : numberOf(point.asDouble);
  }
  if (count === undefined || sum === undefined || count < 0) return undefined;
  const tokenType =
    name === 'gen_ai.client.token.usage'
      ? attributesOf(point, 'attributes', (k) => k === 'gen_ai.token.type').get('gen_ai.token.type')
      : undefined;
  return {
    metric: name,
    series: cleanText(tokenType, 50) ?? '',
    time: new Date(Math.floor(timeNs / 1e6)),
    count,
    sum,
    cumulative,
    seriesKey: `${attributeKey(point)}|${String(numberOf(point.startTimeUnixNano) ?? 0)}`,
  };
}

/** The data points of an ExportMetricsServiceRequest, grouped by resource; TypeError on a malformed structure. */
export function extractMetrics(request: Message): ExtractedMetrics {
  const out: ExtractedMetrics = { groups: [], rejected: 0 };
  for (const rm of listOf(request, 'resourceMetrics')) {
    if (!isMessage(rm)) throw new TypeError('resourceMetrics must hold objects');
    const resource = isMessage(rm.resource) ? attributesOf(rm.resource, 'attributes', wantedResource) : new Map();
    const group: MetricGroup = {
      serviceName: cleanText(resource.get('service.name'), 200) || 'unknown_service',
      aimsSystemId: cleanText(resource.get('aims.system.id'), 100) || null,
      points: [],
    };
    for (const sm of listOf(rm, 'scopeMetrics')) {
      if (!isMessage(sm)) throw new TypeError('scopeMetrics must hold objects');
      for (const metric of listOf(sm, 'metrics')) {
        if (!isMessage(metric)) throw new TypeError('metrics must hold objects');
        const name = cleanText(metric.name, 200);
        const data = dataOf(metric);
        if (!name || !data) continue;
        const cumulative = data.kind !== 'gauge' && numberOf(data.data.aggregationTemporality) === CUMULATIVE;
        for (const point of listOf(data.data, 'dataPoints')) {
          if (!isMessage(point)) throw new TypeError('dataPoints must hold objects');
          const read = readPoint(name, data.kind, cumulative, point);
          if (read) group.points.push(read);
          else out.rejected++;
        }
      }
    }
    if (group.points.length > 0) out.groups.push(group);
  }
  return out;
}
