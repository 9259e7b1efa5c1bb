import type { z } from 'zod';
import { appRouter } from '../root.ts';
import type { Meta } from '../trpc.ts';

/**
 * The procedures of the router with their input schemas, for tests that reason about every input at once (every
 * string is typed text; the fuzzer). Read from tRPC's and zod's own definitions: `_def.inputs` holds the parsers
 * given to `.input()`, and `schema._zod.def` describes a zod 4 schema.
 */
export interface ProcedureInput {
  path: string;
  type: 'query' | 'mutation';
  audience: string;
  /** The input schema, or null for a procedure that takes none. */
  input: z.ZodType | null;
}

interface ProcedureDef {
  _def: { type: 'query' | 'mutation' | 'subscription'; inputs: unknown[]; meta?: Meta };
}

export function procedureInputs(): ProcedureInput[] {
  const procedures = appRouter._def.procedures as unknown as Record<string, ProcedureDef>;
  return Object.entries(procedures).map(([path, procedure]) => {
    const { type, inputs, meta } = procedure._def;
    if (type === 'subscription') throw new Error(`${path}: subscriptions are not expected`);
    if (inputs.length > 1) throw new Error(`${path}: one .input() per procedure`);
    return {
      path,
      type,
      audience: String(meta?.permission),
      input: (inputs[0] as z.ZodType | undefined) ?? null,
    };
  });
}

/** A zod schema's definition, as far as these tests need it. */
export interface SchemaDef {
  type: string;
  format?: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  values?: unknown[];
  entries?: Record<string, string | number>;
  checks?: { _zod: { def: CheckDef } }[];
}

export interface CheckDef {
  check: string;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
  format?: string;
  /** A regex check's pattern (`z.string().regex()`). */
  pattern?: RegExp;
}

export function defOf(schema: z.ZodType): SchemaDef {
  return (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
}

/**
 * Every string schema a value passes through on its way in (a pipe's first stage only: what arrives), with the
 * path of the field that holds it.
 */
export function stringsIn(schema: z.ZodType, path: string[] = []): { path: string; schema: z.ZodType }[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return [{ path: path.join('.') || '(input)', schema }];
    case 'object':
      return Object.entries(def.shape ?? {}).flatMap(([key, value]) => stringsIn(value, [...path, key]));
    case 'array':
      return def.element ? stringsIn(def.element, [...path, '[]']) : [];
    case 'union':
      return (def.options ?? []).flatMap((option) => stringsIn(option, path));
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      return def.innerType ? stringsIn(def.innerType, path) : [];
    case 'pipe':
      return stringsIn(def.in as z.ZodType, path);
    default:
      return [];
  }
}
