import type { z } from 'zod';

// What each field of a form's zod schema takes, found from the schema itself (zod 4's public `def`), so that a
// route names its schema once and never lists its fields again.

/** How a field's submitted text becomes its value. */
export type FieldKind = 'text' | 'number' | 'date' | 'choice' | 'list' | 'boolean';

export interface FieldPlan {
  kind: FieldKind;
  /** A choice among numbers (a page size): the option chosen is read as a number. */
  numeric?: boolean;
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

/** A field whose values are fixed: booleans (one checkbox), or a choice among numbers or among codes. */
function literalPlan(values: readonly unknown[]): Pick<FieldPlan, 'kind' | 'numeric'> {
  if (values.every((value) => typeof value === 'boolean')) return { kind: 'boolean' };
  if (values.every((value) => typeof value === 'number')) return { kind: 'choice', numeric: true };
  return { kind: 'choice' };
}

function kindOf(def: Def): Pick<FieldPlan, 'kind' | 'numeric'> {
  switch (def.type) {
    case 'number':
      return { kind: 'number' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'array':
    case 'set':
      return { kind: 'list' };
    case 'enum':
      return { kind: 'choice' };
    case 'literal':
      return literalPlan(def.values ?? []);
    case 'union': {
      const options = (def.options ?? []).map(defOf);
      if (!options.every((option) => option.type === 'literal')) return { kind: 'text' };
      return literalPlan(options.flatMap((option) => option.values ?? []));
    }
    case 'string':
      return { kind: def.format === 'date' ? 'date' : 'text' };
    default:
      return { kind: 'text' };
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
      return { ...kindOf(def), empty };
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
