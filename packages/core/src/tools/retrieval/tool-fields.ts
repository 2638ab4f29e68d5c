/**
 * The weighted fields a tool is matched on: its name (weighted most), the module part of a
 * `module__tool` name, its description, and its input schema's property names and descriptions.
 */
import type { Tool } from '../types.js';
import type { WeightedField } from './bm25.js';

/** Weight of a term in a tool's name. */
const NAME_WEIGHT = 3;
/** Weight of a term in the module part of a `module__tool` name. */
const MODULE_WEIGHT = 1.5;
/** Weight of a term in a tool's description. */
const DESCRIPTION_WEIGHT = 1;
/** Weight of a term in a schema property name or description. */
const PROPERTY_WEIGHT = 0.5;

/** The weighted fields of a tool (name, description, property names and their descriptions). */
export function toolFields(tool: Tool): WeightedField[] {
  // `module__tool` (how Graft names module tools): the tool part says what it does, the module part who does it
  const cut = tool.name.indexOf('__');
  const fields: WeightedField[] =
    cut > 0
      ? [
          { text: tool.name.slice(cut + 2), weight: NAME_WEIGHT, kind: 'name' },
          { text: tool.name.slice(0, cut), weight: MODULE_WEIGHT, kind: 'module' },
        ]
      : [{ text: tool.name, weight: NAME_WEIGHT, kind: 'name' }];
  fields.push({ text: tool.description ?? '', weight: DESCRIPTION_WEIGHT, kind: 'description' });
  const props = (tool.parameters as { properties?: Record<string, { description?: unknown }> } | undefined)?.properties;
  if (props && typeof props === 'object') {
    for (const [key, value] of Object.entries(props)) {
      fields.push({ text: key, weight: PROPERTY_WEIGHT, kind: 'property' });
      if (value && typeof value.description === 'string') fields.push({ text: value.description, weight: PROPERTY_WEIGHT, kind: 'property' });
    }
  }
  return fields;
}

/** The text a tool is matched on, as one string (for embedding rankers). */
export function toolText(tool: Tool): string {
  return toolFields(tool)
    .map((f) => f.text)
    .join('\n');
}
