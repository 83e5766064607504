/**
 * A tiny JSON Schema (draft 2020-12) validator for exactly the subset
 * schema/report.schema.json uses. An unknown keyword throws, so the schema
 * cannot silently use something this validator ignores.
 */
type Schema = Record<string, unknown>;

const KNOWN = new Set([
  '$schema',
  '$id',
  'title',
  'description',
  '$defs',
  '$ref',
  'type',
  'const',
  'enum',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'prefixItems',
  'minItems',
  'maxItems',
  'minimum',
  'maximum',
  'anyOf',
]);

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

export function validate(root: Schema, value: unknown): string[] {
  const errors: string[] = [];
  const resolve = (ref: string): Schema => {
    const m = /^#\/\$defs\/(.+)$/.exec(ref);
    const target = m ? (root.$defs as Record<string, Schema> | undefined)?.[m[1]!] : undefined;
    if (!target) throw new Error(`unresolvable $ref ${ref}`);
    return target;
  };
  const walk = (s: Schema, v: unknown, path: string): void => {
    for (const k of Object.keys(s)) if (!KNOWN.has(k)) throw new Error(`schema keyword ${k} at ${path} is not supported by this validator`);
    if (typeof s.$ref === 'string') return walk(resolve(s.$ref), v, path);
    if (s.anyOf) {
      const ok = (s.anyOf as Schema[]).some((alt) => validate({ ...root, ...alt, $defs: root.$defs }, v).length === 0);
      if (!ok) errors.push(`${path}: matches no alternative of anyOf`);
      return;
    }
    const t = typeOf(v);
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
      if (!types.some((x) => x === t || (x === 'number' && t === 'integer'))) {
        errors.push(`${path}: expected ${types.join('|')}, got ${t}`);
        return;
      }
    }
    if ('const' in s && v !== s.const) errors.push(`${path}: expected ${JSON.stringify(s.const)}`);
    if (s.enum && !(s.enum as unknown[]).includes(v)) errors.push(`${path}: ${JSON.stringify(v)} not in enum`);
    if (typeof v === 'number') {
      if (typeof s.minimum === 'number' && v < s.minimum) errors.push(`${path}: below minimum ${s.minimum}`);
      if (typeof s.maximum === 'number' && v > s.maximum) errors.push(`${path}: above maximum ${s.maximum}`);
    }
    if (t === 'object') {
      const o = v as Record<string, unknown>;
      const props = (s.properties ?? {}) as Record<string, Schema>;
      for (const r of (s.required ?? []) as string[]) if (!(r in o)) errors.push(`${path}: missing required ${r}`);
      for (const [k, x] of Object.entries(o)) {
        if (props[k]) walk(props[k]!, x, `${path}.${k}`);
        else if (s.additionalProperties === false) errors.push(`${path}: unexpected property ${k}`);
        else if (typeof s.additionalProperties === 'object') walk(s.additionalProperties as Schema, x, `${path}.${k}`);
      }
    }
    if (t === 'array') {
      const a = v as unknown[];
      if (typeof s.minItems === 'number' && a.length < s.minItems) errors.push(`${path}: fewer than ${s.minItems} items`);
      if (typeof s.maxItems === 'number' && a.length > s.maxItems) errors.push(`${path}: more than ${s.maxItems} items`);
      const prefix = (s.prefixItems ?? []) as Schema[];
      a.forEach((x, i) => {
        if (i < prefix.length) walk(prefix[i]!, x, `${path}[${i}]`);
        else if (s.items) walk(s.items as Schema, x, `${path}[${i}]`);
      });
    }
  };
  walk(root, value, '$');
  return errors;
}
