/**
 * A strict reader of OTLP/JSON against the official protobuf definitions
 * (opentelemetry-proto v1.11.0, vendored in test/fixtures/otlp/, parsed by
 * protobufjs). No OpenTelemetry Collector can be installed here (neither
 * Debian nor npm ships one), so this stands in for its file receiver's
 * unmarshalling, and is stricter: the Collector silently drops an unknown
 * field (the OTLP spec tells receivers to), which would lose data without
 * a word, so this rejects it.
 *
 * The proto3 JSON mapping with OTLP's deviations (docs/specification.md of
 * opentelemetry-proto, "JSON Protobuf Encoding"): keys are lowerCamelCase
 * (original snake_case names are invalid), enums are integers only,
 * traceId/spanId are hex, not base64. Stricter than the mapping where it
 * allows two spellings: 64-bit integers only as decimal strings, 32-bit
 * ones only as numbers, no nulls, no "NaN".
 */
import { join } from 'node:path';
import protobuf from 'protobufjs';
import { REPO_ROOT } from '../helpers/capture.js';

const PROTO_DIR = join(REPO_ROOT, 'test', 'fixtures', 'otlp');

/** `opentelemetry.proto.logs.v1.LogsData` from the vendored .proto files, every type resolved. */
export function logsDataType(): protobuf.Type {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => join(PROTO_DIR, target);
  root.loadSync('opentelemetry/proto/logs/v1/logs.proto', { keepCase: true });
  root.resolveAll();
  return root.lookupType('opentelemetry.proto.logs.v1.LogsData');
}

/** The proto3 JSON name of a field: lowerCamelCase of its snake_case name. */
export function jsonName(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

const INT64 = new Set(['int64', 'sint64', 'sfixed64']);
const UINT64 = new Set(['uint64', 'fixed64']);
const INT32 = new Set(['int32', 'sint32', 'sfixed32']);
const UINT32 = new Set(['uint32', 'fixed32']);
const HEX_BYTES: Record<string, number> = { trace_id: 16, span_id: 8 };

type Errors = string[];

function inRange(s: string, lo: bigint, hi: bigint): boolean {
  const n = BigInt(s);
  return n >= lo && n <= hi;
}

/** A scalar's JSON value checked, and turned into what protobufjs's fromObject takes (hex and base64 into bytes). */
function scalar(field: protobuf.Field, v: unknown, path: string, errors: Errors): unknown {
  const t = field.type;
  const bad = (want: string): undefined => void errors.push(`${path}: ${t} must be ${want}, got ${JSON.stringify(v)}`);
  if (t === 'string') return typeof v === 'string' ? v : bad('a string');
  if (t === 'bool') return typeof v === 'boolean' ? v : bad('true or false');
  if (t === 'double' || t === 'float') return typeof v === 'number' && Number.isFinite(v) ? v : bad('a finite number');
  if (INT64.has(t)) return typeof v === 'string' && /^-?\d+$/.test(v) && inRange(v, -(2n ** 63n), 2n ** 63n - 1n) ? v : bad('a decimal string');
  if (UINT64.has(t)) return typeof v === 'string' && /^\d+$/.test(v) && inRange(v, 0n, 2n ** 64n - 1n) ? v : bad('an unsigned decimal string');
  if (INT32.has(t)) return Number.isInteger(v) && (v as number) >= -(2 ** 31) && (v as number) < 2 ** 31 ? v : bad('an integer');
  if (UINT32.has(t)) return Number.isInteger(v) && (v as number) >= 0 && (v as number) < 2 ** 32 ? v : bad('an unsigned integer');
  if (t === 'bytes') {
    const hex = HEX_BYTES[field.name];
    if (hex !== undefined) return typeof v === 'string' && new RegExp(`^[0-9a-fA-F]{${hex * 2}}$`).test(v) ? Buffer.from(v, 'hex') : bad(`${hex} bytes in hex`);
    return typeof v === 'string' && /^[A-Za-z0-9+/_-]*={0,2}$/.test(v) ? Buffer.from(v, 'base64') : bad('base64');
  }
  errors.push(`${path}: unsupported type ${t}`);
  return undefined;
}

function value(field: protobuf.Field, v: unknown, path: string, errors: Errors): unknown {
  const rt = field.resolvedType;
  if (rt instanceof protobuf.Enum) {
    if (Number.isInteger(v) && rt.valuesById[v as number] !== undefined) return v;
    errors.push(`${path}: ${rt.name} must be one of its integer values, got ${JSON.stringify(v)}`);
    return undefined;
  }
  if (rt instanceof protobuf.Type) return message(rt, v, path, errors);
  return scalar(field, v, path, errors);
}

/** Checks `obj` as a JSON `type`; returns it with protobufjs's (original) field names, for fromObject. */
export function message(type: protobuf.Type, obj: unknown, path: string, errors: Errors): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    errors.push(`${path}: ${type.name} must be an object, got ${JSON.stringify(obj)}`);
    return out;
  }
  const byJson = new Map(type.fieldsArray.map((f) => [jsonName(f.name), f]));
  const oneofs = new Map<string, string[]>();
  for (const [key, v] of Object.entries(obj)) {
    const field = byJson.get(key);
    const at = `${path}.${key}`;
    if (!field) {
      errors.push(`${at}: no field ${key} in ${type.fullName.slice(1)}`);
      continue;
    }
    if (field.partOf) oneofs.set(field.partOf.name, [...(oneofs.get(field.partOf.name) ?? []), key]);
    if (!field.repeated) out[field.name] = value(field, v, at, errors);
    else if (Array.isArray(v)) out[field.name] = v.map((x, i) => value(field, x, `${at}[${i}]`, errors));
    else errors.push(`${at}: repeated field must be an array`);
  }
  for (const [name, keys] of oneofs) if (keys.length > 1) errors.push(`${path}: oneof ${name} holds ${keys.join(' and ')}`);
  return out;
}

/**
 * One line of an OTLP JSON Lines file: parsed, checked against LogsData, then
 * encoded to protobuf binary and decoded again. Returns the errors (none when
 * valid) and the decoded message as a plain object (64-bit integers as strings).
 */
export function readLogsDataLine(type: protobuf.Type, line: string): { errors: string[]; decoded: Record<string, unknown> | null } {
  let obj: unknown;
  try {
    obj = JSON.parse(line);
  } catch (e) {
    return { errors: [`not JSON: ${(e as Error).message}`], decoded: null };
  }
  const errors: string[] = [];
  const plain = message(type, obj, '$', errors);
  if (errors.length > 0) return { errors, decoded: null };
  const msg = type.fromObject(plain);
  const invalid = type.verify(msg);
  if (invalid) return { errors: [`protobufjs: ${invalid}`], decoded: null };
  const decoded = type.decode(type.encode(msg).finish());
  return { errors, decoded: type.toObject(decoded, { longs: String, enums: Number, bytes: String, defaults: false }) };
}
