import { formatRoute, type Route } from '../../shared/viewer/route.ts';

// Moving between views: a new view is a hash change (history entry, full render); a filter or page change inside a
// view only rewrites the hash in place, so typing in the search box keeps its focus.

/** Go to another view. */
export function navigate(route: Route): void {
  location.hash = formatRoute(route);
}

/** Record the current view's state in the URL without rendering again. */
export function replaceRoute(route: Route): void {
  history.replaceState(null, '', formatRoute(route));
}

/** A link to a view. */
export function hrefOf(route: Route): string {
  return formatRoute(route);
}

/** Call `action` once the user stopped typing for `ms`. @default 200 */
export function debounce<A extends unknown[]>(action: (...args: A) => void, ms = 200): (...args: A) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => action(...args), ms);
  };
}
