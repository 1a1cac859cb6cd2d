import { h } from './dom.ts';

// Previous/next page buttons; `[` and `]` press them (see keys.ts).

/** Render the pager of a list of `total` items shown `size` at a time. */
export function renderPager(page: number, total: number, size: number, go: (page: number) => void): HTMLElement {
  const pages = Math.max(1, Math.ceil(total / size));
  return h(
    'nav',
    { class: 'pager', 'aria-label': 'Pages' },
    h('button', { type: 'button', id: 'prev-page', disabled: page <= 0, onclick: () => go(page - 1) }, '← Previous'),
    ` page ${Math.min(page + 1, pages)} of ${pages} `,
    h('button', { type: 'button', id: 'next-page', disabled: page + 1 >= pages, onclick: () => go(page + 1) }, 'Next →'),
  );
}
