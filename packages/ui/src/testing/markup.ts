import { render } from 'svelte/server';
import type { Component } from 'svelte';

// The components' tests read the markup the server sends, as SvelteKit renders it, without a browser. Enough of
// an HTML reader for the components' own output (double-quoted attributes, no comments once hydration markers
// are dropped); not a general parser.

/** A component rendered on the server, without Svelte's hydration comments. */
export function markup<Props extends object>(component: Component<Props>, props: Props): string {
  // `render`'s own types make `props` optional or required by the component; here they are always given.
  const rendered = render(component as unknown as Component<Record<string, unknown>>, {
    props: props as Record<string, unknown>,
  });
  return rendered.body.replace(/<!--[^]*?-->/g, '');
}

/** An opening tag: its name and attributes (`class` as written). */
export type Tag = Record<string, string> & { tag: string };

const OPENING = /<([a-z][a-z0-9]*)((?:\s+[\w:-]+(?:="[^"]*")?)*)\s*\/?>/g;

/** Every opening tag, in order. */
function tags(html: string): Tag[] {
  return [...html.matchAll(OPENING)].map(([, tag = '', rest = '']) => {
    const found: Tag = { tag };
    for (const [, name = '', value = ''] of rest.matchAll(/([\w:-]+)(?:="([^"]*)")?/g)) found[name] = value;
    return found;
  });
}

/** True when a tag fits `selector`: '#id', 'tag', '.class' or 'tag.class.other'. */
function fits(found: Tag, selector: string): boolean {
  if (selector.startsWith('#')) return found.id === selector.slice(1);
  const [name, ...wanted] = selector.split('.');
  const classes = (found.class ?? '').split(/\s+/);
  return (name === '' || name === found.tag) && wanted.every((c) => classes.includes(c));
}

/** Every element matching `selector`, by its opening tag. */
export function elements(html: string, selector: string): Tag[] {
  return tags(html).filter((found) => fits(found, selector));
}

/** The first element matching `selector`, or null. */
export function element(html: string, selector: string): Tag | null {
  return elements(html, selector)[0] ?? null;
}

/** Text with the tags removed and white space collapsed. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The text inside the element with this id (nested elements of the same name are allowed for). */
export function textOfId(html: string, id: string): string {
  const start = html.search(new RegExp(`<[a-z][a-z0-9]*[^>]*\\sid="${id}"`));
  if (start < 0) return '';
  const tag = /^<([a-z][a-z0-9]*)/.exec(html.slice(start))?.[1] ?? '';
  const pattern = new RegExp(`<${tag}\\b[^>]*>|</${tag}>`, 'g');
  pattern.lastIndex = start;
  let depth = 0;
  for (let match = pattern.exec(html); match !== null; match = pattern.exec(html)) {
    depth += match[0].startsWith('</') ? -1 : 1;
    if (depth === 0) return textOf(html.slice(start, match.index));
  }
  return textOf(html.slice(start));
}
