// Keyboard shortcuts: `/` search, `j`/`k` next/previous case, `[`/`]` previous/next page, Escape leaves the search.

/** The shortcuts as the page's footer lists them. */
export const SHORTCUTS: ReadonlyArray<[string, string]> = [
  ['/', 'search'],
  ['j / k', 'next / previous case'],
  ['[ / ]', 'previous / next page'],
  ['Esc', 'leave the search box'],
];

/** Listen for the shortcuts on the document. */
export function installShortcuts(): void {
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as HTMLElement;
    // Keys go to text fields and selects; checkboxes and buttons leave them to the shortcuts.
    const typing = target.matches('input:not([type=checkbox]):not([type=radio]), select, textarea');
    if (typing) {
      if (event.key === 'Escape') target.blur();
      return;
    }
    const press = (id: string) => (document.getElementById(id) as HTMLButtonElement | null)?.click();
    switch (event.key) {
      case '/':
        event.preventDefault();
        document.getElementById('search')?.focus();
        return;
      case 'j':
      case 'k':
        event.preventDefault();
        moveFocus(event.key === 'j' ? 1 : -1);
        return;
      case '[':
        press('prev-page');
        return;
      case ']':
        press('next-page');
        return;
    }
  });
}

// Focus the next or previous row of the case list; from outside the list, its first row.
function moveFocus(step: 1 | -1): void {
  const rows = [...document.querySelectorAll<HTMLElement>('.case-row')];
  if (rows.length === 0) return;
  const current = rows.indexOf(document.activeElement as HTMLElement);
  const next = current === -1 ? 0 : Math.min(rows.length - 1, Math.max(0, current + step));
  rows[next]!.focus();
}
