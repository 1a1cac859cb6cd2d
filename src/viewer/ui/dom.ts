// Building DOM nodes without innerHTML: every text is a text node, so case text can never become markup.

/** A child of an element: nodes and text; null, undefined and false are left out. */
export type Child = Node | string | number | null | undefined | false;

/** Attributes and listeners: `onclick` etc. become listeners, `class` the class name, false/undefined are left out. */
export type Props = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

/** Create an HTML element with attributes, listeners and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  applyProps(element, props);
  append(element, children);
  return element;
}

/** Create an SVG element with attributes and children. */
export function svg(tag: string, props: Props = {}, ...children: Child[]): SVGElement {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  applyProps(element, props);
  append(element, children);
  return element;
}

function applyProps(element: Element, props: Props): void {
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'value' && element instanceof HTMLInputElement) element.value = String(value);
    else if (name === 'checked' && element instanceof HTMLInputElement) element.checked = Boolean(value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
}

function append(element: Element, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
}

/** Format a 0..1 score with three decimals; a dash when absent. */
export function formatScore(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : value.toFixed(3);
}

/** Format a number of milliseconds as ms or s. */
export function formatMs(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
}

/** Cut text to `max` characters with an ellipsis, on one line. */
export function clip(text: string | null | undefined, max: number): string {
  const line = (text ?? '').replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
