import type { z } from 'zod';

// What each field of a form's zod schema takes, found from the schema itself (zod 4's public `def`), so that a
// route names its schema once and never lists its fields again.

/** How a field's submitted text becomes its value. */
export type FieldKind = 'text' | 'number' | 'date' | 'choice' | 'list' | 'boolean';

export interface FieldPlan {
  kind: FieldKind;
  /** What an empty field becomes: undefined (optional or with a default), null (nullable), or left to the kind. */
  empty: 'undefined' | 'null' | 'required';
}

/** The parts of zod 4's `def` read here. */
interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  format?: string;
  values?: readonly unknown[];
  options?: readonly z.ZodType[];
  shape?: Record<string, z.ZodType>;
}

function defOf(schema: z.ZodType): Def {
  return schema.def as unknown as Def;
}

/** Wrappers that keep the inner schema's kind: what comes in is what the inner schema takes. */
const WRAPPERS = new Set(['catch', 'readonly', 'nonoptional', 'prefault']);

function kindOf(def: Def): FieldKind {
  switch (def.type) {
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array':
    case 'set':
      return 'list';
    case 'enum':
      return 'choice';
    case 'literal':
      return (def.values ?? []).every((value) => typeof value === 'boolean') ? 'boolean' : 'choice';
    case 'union':
      return (def.options ?? []).every((option) => defOf(option).type === 'literal') ? 'choice' : 'text';
    case 'string':
      return def.format === 'date' ? 'date' : 'text';
    default:
      return 'text';
  }
}

/** One field's plan: unwraps optional, nullable, default, pipes (a transform reads its input) and the like. */
export function planOf(schema: z.ZodType): FieldPlan {
  let empty: FieldPlan['empty'] = 'required';
  let def = defOf(schema);
  for (;;) {
    if ((def.type === 'optional' || def.type === 'default') && def.innerType) {
      if (empty === 'required') empty = 'undefined';
      def = defOf(def.innerType);
    } else if (def.type === 'nullable' && def.innerType) {
      if (empty === 'required') empty = 'null';
      def = defOf(def.innerType);
    } else if (def.type === 'pipe' && def.in) {
      def = defOf(def.in);
    } else if (WRAPPERS.has(def.type) && def.innerType) {
      def = defOf(def.innerType);
    } else {
      return { kind: kindOf(def), empty };
    }
  }
}

/**
 * Every field of a form's schema, in order, with its plan. The schema must be a zod object, perhaps refined or
 * transformed as a whole; anything else is a mistake in the route, reported at once.
 */
export function fieldPlans(schema: z.ZodType): Map<string, FieldPlan> {
  let def = defOf(schema);
  for (;;) {
    if (def.type === 'pipe' && def.in) def = defOf(def.in);
    else if (WRAPPERS.has(def.type) && def.innerType) def = defOf(def.innerType);
    else break;
  }
  if (def.type !== 'object' || def.shape === undefined)
    throw new TypeError(`A form's schema must be a zod object, not ${def.type}`);
  return new Map(Object.entries(def.shape).map(([name, field]) => [name, planOf(field)]));
}
