/*
 * A protobufjs JSON descriptor of the parts of the OpenTelemetry protocol (OTLP) that the receiver reads: the trace
 * and metrics export requests and responses, and google.rpc.Status for error bodies. Field names, numbers and types
 * are copied from the official message definitions at https://github.com/open-telemetry/opentelemetry-proto
 * (opentelemetry/proto/{common,resource,trace,metrics}/v1 and collector/{trace,metrics}/v1, release v1.5.0); fields
 * the receiver does not read (events, links, exemplars …) are left out, which protobuf decoding skips safely.
 *
 * Copyright The OpenTelemetry Authors. Licensed under the Apache License, Version 2.0 (the "License"); you may not
 * use this file except in compliance with the License. You may obtain a copy of the License at
 * http://www.apache.org/licenses/LICENSE-2.0 — see LICENSE-opentelemetry-proto.txt next to this file. Unless
 * required by applicable law or agreed to in writing, software distributed under the License is distributed on an
 * "AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 */
import type { INamespace } from 'protobufjs';

const keyValues = (id: number) => ({ rule: 'repeated', type: 'KeyValue', id });

export const otlpDescriptor: INamespace = {
  nested: {
    otlp: {
      nested: {
        // common/v1
        AnyValue: {
          oneofs: { value: { oneof: ['stringValue', 'boolValue', 'intValue', 'doubleValue', 'arrayValue', 'kvlistValue', 'bytesValue'] } },
          fields: {
            stringValue: { type: 'string', id: 1 },
            boolValue: { type: 'bool', id: 2 },
            intValue: { type: 'int64', id: 3 },
            doubleValue: { type: 'double', id: 4 },
            arrayValue: { type: 'ArrayValue', id: 5 },
            kvlistValue: { type: 'KeyValueList', id: 6 },
            bytesValue: { type: 'bytes', id: 7 },
          },
        },
        ArrayValue: { fields: { values: { rule: 'repeated', type: 'AnyValue', id: 1 } } },
        KeyValueList: { fields: { values: keyValues(1) } },
        KeyValue: { fields: { key: { type: 'string', id: 1 }, value: { type: 'AnyValue', id: 2 } } },
        InstrumentationScope: {
          fields: { name: { type: 'string', id: 1 }, version: { type: 'string', id: 2 }, attributes: keyValues(3) },
        },
        // resource/v1
        Resource: { fields: { attributes: keyValues(1), droppedAttributesCount: { type: 'uint32', id: 2 } } },
        // trace/v1
        ResourceSpans: {
          fields: {
            resource: { type: 'Resource', id: 1 },
            scopeSpans: { rule: 'repeated', type: 'ScopeSpans', id: 2 },
            schemaUrl: { type: 'string', id: 3 },
          },
        },
        ScopeSpans: {
          fields: {
            scope: { type: 'InstrumentationScope', id: 1 },
            spans: { rule: 'repeated', type: 'Span', id: 2 },
            schemaUrl: { type: 'string', id: 3 },
          },
        },
        Span: {
          fields: {
            traceId: { type: 'bytes', id: 1 },
            spanId: { type: 'bytes', id: 2 },
            traceState: { type: 'string', id: 3 },
            parentSpanId: { type: 'bytes', id: 4 },
            flags: { type: 'fixed32', id: 16 },
            name: { type: 'string', id: 5 },
            kind: { type: 'int32', id: 6 },
            startTimeUnixNano: { type: 'fixed64', id: 7 },
            endTimeUnixNano: { type: 'fixed64', id: 8 },
            attributes: keyValues(9),
            droppedAttributesCount: { type: 'uint32', id: 10 },
            status: { type: 'Status', id: 15 },
          },
        },
        Status: { fields: { message: { type: 'string', id: 2 }, code: { type: 'int32', id: 3 } } },
        ExportTraceServiceRequest: { fields: { resourceSpans: { rule: 'repeated', type: 'ResourceSpans', id: 1 } } },
        ExportTraceServiceResponse: { fields: { partialSuccess: { type: 'ExportTracePartialSuccess', id: 1 } } },
        ExportTracePartialSuccess: { fields: { rejectedSpans: { type: 'int64', id: 1 }, errorMessage: { type: 'string', id: 2 } } },
        // metrics/v1
        ResourceMetrics: {
          fields: {
            resource: { type: 'Resource', id: 1 },
            scopeMetrics: { rule: 'repeated', type: 'ScopeMetrics', id: 2 },
            schemaUrl: { type: 'string', id: 3 },
          },
        },
        ScopeMetrics: {
          fields: {
            scope: { type: 'InstrumentationScope', id: 1 },
            metrics: { rule: 'repeated', type: 'Metric', id: 2 },
            schemaUrl: { type: 'string', id: 3 },
          },
        },
        Metric: {
          oneofs: { data: { oneof: ['gauge', 'sum', 'histogram', 'exponentialHistogram', 'summary'] } },
          fields: {
            name: { type: 'string', id: 1 },
            description: { type: 'string', id: 2 },
            unit: { type: 'string', id: 3 },
            gauge: { type: 'Gauge', id: 5 },
            sum: { type: 'Sum', id: 7 },
            histogram: { type: 'Histogram', id: 9 },
            exponentialHistogram: { type: 'ExponentialHistogram', id: 10 },
            summary: { type: 'Summary', id: 11 },
          },
        },
        Gauge: { fields: { dataPoints: { rule: 'repeated', type: 'NumberDataPoint', id: 1 } } },
        Sum: {
          fields: {
            dataPoints: { rule: 'repeated', type: 'NumberDataPoint', id: 1 },
            aggregationTemporality: { type: 'int32', id: 2 },
            isMonotonic: { type: 'bool', id: 3 },
          },
        },
        Histogram: {
          fields: {
            dataPoints: { rule: 'repeated', type: 'HistogramDataPoint', id: 1 },
            aggregationTemporality: { type: 'int32', id: 2 },
          },
        },
        ExponentialHistogram: {
          fields: {
            dataPoints: { rule: 'repeated', type: 'ExponentialHistogramDataPoint', id: 1 },
            aggregationTemporality: { type: 'int32', id: 2 },
          },
        },
        Summary: { fields: { dataPoints: { rule: 'repeated', type: 'SummaryDataPoint', id: 1 } } },
        NumberDataPoint: {
          oneofs: { value: { oneof: ['asDouble', 'asInt'] } },
          fields: {
            attributes: keyValues(7),
            startTimeUnixNano: { type: 'fixed64', id: 2 },
            timeUnixNano: { type: 'fixed64', id: 3 },
            asDouble: { type: 'double', id: 4 },
            asInt: { type: 'sfixed64', id: 6 },
            flags: { type: 'uint32', id: 8 },
          },
        },
        HistogramDataPoint: {
          fields: {
            attributes: keyValues(9),
            startTimeUnixNano: { type: 'fixed64', id: 2 },
            timeUnixNano: { type: 'fixed64', id: 3 },
            count: { type: 'fixed64', id: 4 },
            sum: { type: 'double', id: 5 },
          },
        },
        ExponentialHistogramDataPoint: {
          fields: {
            attributes: keyValues(1),
            startTimeUnixNano: { type: 'fixed64', id: 2 },
            timeUnixNano: { type: 'fixed64', id: 3 },
            count: { type: 'fixed64', id: 4 },
            sum: { type: 'double', id: 5 },
          },
        },
        SummaryDataPoint: {
          fields: {
            attributes: keyValues(7),
            startTimeUnixNano: { type: 'fixed64', id: 2 },
            timeUnixNano: { type: 'fixed64', id: 3 },
            count: { type: 'fixed64', id: 4 },
            sum: { type: 'double', id: 5 },
          },
        },
        ExportMetricsServiceRequest: { fields: { resourceMetrics: { rule: 'repeated', type: 'ResourceMetrics', id: 1 } } },
        ExportMetricsServiceResponse: { fields: { partialSuccess: { type: 'ExportMetricsPartialSuccess', id: 1 } } },
        ExportMetricsPartialSuccess: {
          fields: { rejectedDataPoints: { type: 'int64', id: 1 }, errorMessage: { type: 'string', id: 2 } },
        },
        // google/rpc/status.proto: the body of an OTLP/HTTP error answer in protobuf
        RpcStatus: { fields: { code: { type: 'int32', id: 1 }, message: { type: 'string', id: 2 } } },
      },
    },
  },
};
