import { parseRoute } from '../../shared/viewer/route.ts';
import type { ViewerIndex } from '../../shared/viewer/types.ts';
import { renderCompareView } from './compare-view.ts';
import { h } from './dom.ts';
import { installShortcuts, SHORTCUTS } from './keys.ts';
import { renderRunView } from './run-view.ts';
import { renderRunsView } from './runs-view.ts';
import { openBackend } from './source.ts';

// The viewer page: load the index, then render the view the URL hash names, again on every hash change.

async function start(): Promise<void> {
  const app = document.getElementById('app')!;
  const backend = await openBackend();
  const index: ViewerIndex = await backend.index();
  const footer = h('footer', { class: 'muted' }, 'Keys: ', SHORTCUTS.map(([key, action]) => `${key} ${action}`).join(' · '));
  const render = () => {
    const route = parseRoute(location.hash);
    const view =
      route.view === 'run'
        ? renderRunView(backend, index, route)
        : route.view === 'compare'
          ? renderCompareView(backend, index, route)
          : renderRunsView(index);
    app.replaceChildren(view, footer);
    document.title =
      route.view === 'runs' ? 'qwen-evals · runs' : route.view === 'run' ? `qwen-evals · ${route.runId}` : 'qwen-evals · compare';
    view.querySelector('h1')?.setAttribute('tabindex', '-1');
  };
  window.addEventListener('hashchange', render);
  installShortcuts();
  render();
}

start().catch((error: unknown) => {
  document.getElementById('app')!.replaceChildren(h('p', { role: 'alert' }, `The viewer could not start: ${(error as Error).message}`));
});
