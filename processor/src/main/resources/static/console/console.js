// console.js: Tributary's operator console. The server answers every console path with
// index.html, so this routes on location.pathname; links between pages are plain links.
import {
  layout, render, update, setSelected, stepElement, graphKey, legend, orderedCounts,
} from '/console/dag.js';

const TASK_STATES = ['pending', 'in_progress', 'waiting_for_retry', 'blocked_by_failures',
  'complete', 'cancelled', 'resolved_manually'];
const FINISHED = new Set(['complete', 'cancelled', 'resolved_manually']); // tasks and steps alike
const RESOLVABLE = new Set(['pending', 'enqueued', 'in_progress', 'waiting_for_retry', 'error']);
const POLL_MS = 1000;
const POLL_AFTER_ERROR_MS = 5000; // a failing server is not hammered every second

/** One second, plus a second per 2,000 steps, at most ten: a large task costs each read more. */
function pollDelay(graph) {
  const steps = (graph.nodes ?? []).reduce((sum, n) => sum + (n.count ?? 1), 0);
  return Math.min(10_000, POLL_MS + Math.floor(steps / 2000) * 1000);
}
const PAGE_SIZE = 50;
const numbers = new Intl.NumberFormat();
const $ = (id) => document.getElementById(id);

// ---- DOM helpers: API text always goes in as text nodes or attribute values, never as markup ----

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value == null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  node.append(...children.flat().filter((c) => c != null));
  return node;
}

/** A time in the browser's locale, the ISO instant in its title. */
function timeEl(value) {
  if (value == null || value === '') return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const iso = date.toISOString();
  return el('time', { datetime: iso, title: typeof value === 'string' ? value : iso }, date.toLocaleString());
}

const badge = (state) => el('span', { class: 'badge', 'data-swatch': state }, state ?? '—');
const pre = (value) => el('pre', { class: 'json' }, JSON.stringify(value, null, 2));
const field = (label, control) => el('label', { class: 'field' }, el('span', {}, label), control);
const templateName = (t) => `${t.namespace}/${t.name}@${t.version}`;

/** <dl> of [label, value] pairs; each pair in a <div> so CSS can lay them out as rows or inline. */
function definitionList(pairs, attrs = {}) {
  return el('dl', attrs, pairs.map(([label, value]) => el('div', {}, el('dt', {}, label), el('dd', {}, value))));
}

function table(headers, rows, attrs = {}) {
  return el('table', attrs,
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows));
}

// ---- API ----

class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail ? `${title}: ${detail}` : title);
    this.status = status;
  }
}

/** Same-origin fetch: the browser's Basic login goes along; a failure throws its problem detail. */
async function api(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    // Against the origin, not the page's address: a page opened as http://user:password@host/...
    // resolves relative paths to URLs with credentials, which fetch refuses.
    response = await fetch(new URL(path, location.origin), {
      method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiError(0, 'Network error', error.message);
  }
  if (!response.ok) throw await problem(response);
  return response.status === 204 ? null : response.json();
}

async function problem(response) {
  let doc = {};
  try { doc = await response.json(); } catch { /* not an RFC 9457 body */ }
  const title = doc.title || `${response.status} ${response.statusText}`.trim();
  return new ApiError(response.status, title, doc.detail || '');
}

/** A query string of the parameters that have values: the server refuses empty ones. */
function query(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value != null && value !== '') q.set(key, String(value));
  }
  return q.toString();
}

/** Mirrors a page's search in its URL so it can be linked (no history entry per search). */
function setUrlQuery(params) {
  const q = query(params);
  history.replaceState(null, '', location.pathname + (q ? `?${q}` : ''));
}

// ---- error banner and confirmation ----

// The source keeps a poll's success from hiding an action's error (say a 403) a second later.
function showError(error, source = 'action') {
  const banner = $('error');
  banner.textContent = error?.message ?? String(error);
  banner.dataset.source = source;
  banner.hidden = false;
  $('error-dismiss').hidden = false;
}

function clearError(source) {
  const banner = $('error');
  if (source && banner.dataset.source !== source) return;
  banner.hidden = true;
  banner.textContent = '';
  $('error-dismiss').hidden = true;
}

/** Resolves true when the operator confirms; Escape or Cancel resolve false. */
function confirmDialog(message) {
  const dialog = $('confirm');
  $('confirm-message').textContent = message;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
  });
}

// ---- paged tables (tasks, dead letters) ----

/**
 * A table filled from a paged endpoint. pageUrl(cursor) gives the API URL of a page;
 * onLoaded runs after each page is shown. A slower earlier page never overwrites a later one.
 */
function pagedTable({ id, headers, row, empty, itemsKey, pageUrl, onLoaded }) {
  const tbody = el('tbody');
  const next = el('button', { type: 'button', id: 'next-page', hidden: true }, 'Next page');
  const root = el('div', { class: 'paged' },
    el('div', { class: 'table-scroll' }, el('table', { id },
      el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col' }, h)))), tbody)),
    next);
  let token = 0;
  let nextCursor = null;
  async function load(cursor) {
    const mine = ++token;
    root.setAttribute('aria-busy', 'true');
    try {
      const page = await api(pageUrl(cursor));
      if (mine !== token) return;
      const items = page[itemsKey] ?? [];
      tbody.replaceChildren(...(items.length ? items.map(row)
        : [el('tr', { class: 'empty' }, el('td', { colspan: headers.length }, empty))]));
      nextCursor = page.next ?? null;
      next.hidden = !nextCursor;
      clearError('list');
      onLoaded?.();
    } catch (error) {
      if (mine === token) showError(error, 'list');
    } finally {
      if (mine === token) root.removeAttribute('aria-busy');
    }
  }
  next.addEventListener('click', () => load(nextCursor));
  return { root, tbody, load };
}

// ---- task list: /console/ ----

const TASK_FILTERS = ['state', 'namespace', 'template', 'correlation_id', 'created_after', 'created_before'];
const INSTANT_FILTERS = new Set(['created_after', 'created_before']);

/** ISO instant → the local "YYYY-MM-DDTHH:MM" a datetime-local input shows. */
function isoToLocalInput(iso) {
  const date = new Date(iso ?? '');
  if (!iso || Number.isNaN(date.getTime())) return '';
  return new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}

/** datetime-local (the browser's zone) → ISO-8601 UTC instant. */
function localInputToIso(value) {
  return value ? new Date(value).toISOString() : '';
}

function taskSearchForm() {
  const text = (name) => el('input', { type: 'text', name, autocomplete: 'off' });
  return el('form', { class: 'filters', role: 'search', id: 'task-search' },
    field('State', el('select', { name: 'state' },
      el('option', { value: '' }, 'any'), TASK_STATES.map((s) => el('option', { value: s }, s)))),
    field('Namespace', text('namespace')),
    field('Template', text('template')),
    field('Correlation id', text('correlation_id')),
    field('Created after', el('input', { type: 'datetime-local', name: 'created_after' })),
    field('Created before', el('input', { type: 'datetime-local', name: 'created_before' })),
    el('button', { type: 'submit', class: 'primary' }, 'Search'));
}

function taskRow(task) {
  return el('tr', { 'data-task': task.id },
    el('td', {}, el('a', { href: `/console/tasks/${encodeURIComponent(task.id)}` }, el('code', {}, task.id))),
    el('td', {}, templateName(task)),
    el('td', {}, badge(task.state)),
    el('td', {}, task.correlation_id ?? '—'),
    el('td', {}, timeEl(task.created_at)));
}

function taskListView(main) {
  document.title = 'Tasks · Tributary';
  const url = new URLSearchParams(location.search);
  const form = taskSearchForm();
  let filters = Object.fromEntries(TASK_FILTERS.map((name) => [name, url.get(name) ?? '']));
  for (const name of TASK_FILTERS) {
    form.elements[name].value = INSTANT_FILTERS.has(name) ? isoToLocalInput(filters[name]) : filters[name];
  }
  const list = pagedTable({
    id: 'task-table', itemsKey: 'tasks', row: taskRow, empty: 'No tasks match.',
    headers: ['Id', 'Template', 'State', 'Correlation id', 'Created'],
    pageUrl: (cursor) => {
      setUrlQuery({ ...filters, cursor });
      return `/api/v1/tasks?${query({ ...filters, limit: PAGE_SIZE, cursor })}`;
    },
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    filters = Object.fromEntries(TASK_FILTERS.map((name) => {
      const value = form.elements[name].value.trim();
      return [name, INSTANT_FILTERS.has(name) ? localInputToIso(value) : value];
    }));
    list.load(null);
  });
  main.append(el('h1', {}, 'Tasks'), form, list.root);
  list.load(url.get('cursor'));
}

// ---- task page: /console/tasks/{id} ----

/** The task header; update(task) rewrites it in place so focus and clicks survive polling. */
function taskHeader(taskId, onCancel) {
  const state = el('span', { id: 'task-state', class: 'badge' });
  const value = () => el('span');
  const fields = { template: value(), correlation: value(), priority: value(), created: value(), completed: value() };
  const cancel = el('button', { type: 'button', id: 'cancel-task', class: 'danger', onclick: onCancel }, 'Cancel task');
  const actions = el('div', { class: 'header-actions' });
  const root = el('section', { class: 'task-header' },
    el('div', { class: 'title-row' }, el('h1', {}, 'Task ', el('code', {}, taskId)), state, actions),
    definitionList([['Template', fields.template], ['Correlation id', fields.correlation],
      ['Priority', fields.priority], ['Created', fields.created], ['Completed', fields.completed]],
    { class: 'meta' }));
  function updateHeader(task) {
    if (!task?.state) return;
    state.textContent = task.state;
    state.setAttribute('data-task-state', task.state);
    fields.template.textContent = templateName(task);
    fields.correlation.textContent = task.correlation_id ?? '—';
    fields.priority.textContent = task.priority ?? '—';
    fields.created.replaceChildren(timeEl(task.created_at));
    fields.completed.replaceChildren(timeEl(task.completed_at));
    // Only unfinished tasks can be cancelled; a finished one has no button at all.
    if (FINISHED.has(task.state)) cancel.remove();
    else if (!cancel.isConnected) actions.append(cancel);
  }
  return { root, update: updateHeader };
}

const nodeSignature = (node) =>
  JSON.stringify(node ? [node.state, node.attempts, node.count, node.states] : null);

class TaskPage {
  constructor(main, taskId) {
    this.taskId = taskId;
    this.base = `/api/v1/tasks/${encodeURIComponent(taskId)}`;
    this.selected = new URLSearchParams(location.search).get('step');
    this.graph = null;
    this.key = null; // graphKey of what is drawn
    this.panelSignature = undefined; // the selected node as the panel last showed it
    this.panelToken = 0;
    this.poll = { timer: 0, running: false, again: false };
    this.header = taskHeader(taskId, () => this.cancelTask());
    this.svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    this.svg.id = 'dag';
    this.svg.setAttribute('aria-label', 'Steps of the task');
    this.panel = el('aside', { id: 'step-panel', class: 'panel' },
      el('p', { class: 'hint' }, 'Select a step to see its details.'));
    // A wide DAG is scaled to the page's width, to see it whole; "Actual size" scrolls instead.
    const scroll = el('div', { class: 'dag-scroll fit' }, this.svg);
    const zoom = el('button', { type: 'button', id: 'dag-zoom' }, 'Actual size');
    zoom.addEventListener('click', () => {
      const fit = scroll.classList.toggle('fit');
      zoom.textContent = fit ? 'Actual size' : 'Fit to width';
    });
    main.append(this.header.root, el('div', { class: 'task-body' },
      el('section', { class: 'graph' }, el('div', { class: 'graph-tools' }, zoom), scroll, legend()),
      this.panel));
    document.title = `Task ${taskId} · Tributary`;
    this.refresh();
  }

  node(name) {
    return this.graph?.nodes.find((n) => n.name === name) ?? null;
  }

  /**
   * Fetches and draws the graph; polls until the task is finished: every second, less often for a
   * task of thousands of steps (each read costs the database the task's rows), and not while the
   * tab is hidden (it reads once more when shown again).
   */
  async refresh() {
    if (this.poll.running) { this.poll.again = true; return; }
    clearTimeout(this.poll.timer);
    this.poll.running = true;
    let delay = POLL_MS;
    try {
      const graph = await api(`${this.base}/graph`);
      this.draw(graph);
      clearError('poll');
      if (FINISHED.has(graph.task?.state)) delay = null; // this was the last render
      else delay = pollDelay(graph);
    } catch (error) {
      showError(error, 'poll');
      delay = error.status === 404 ? null : POLL_AFTER_ERROR_MS;
    } finally {
      this.poll.running = false;
    }
    if (this.poll.again) { this.poll.again = false; return this.refresh(); }
    if (delay == null) return;
    if (document.hidden) {
      document.addEventListener('visibilitychange', () => this.refresh(), { once: true });
    } else {
      this.poll.timer = setTimeout(() => this.refresh(), delay);
    }
  }

  /** Updates the drawn nodes in place, or lays out again when steps or edges were added. */
  draw(graph) {
    this.graph = graph;
    this.header.update(graph.task);
    const key = graphKey(graph);
    if (key !== this.key || !update(this.svg, graph)) {
      const focused = document.activeElement?.closest?.('g.step')?.getAttribute('data-step');
      render(this.svg, graph, layout(graph.nodes, graph.edges), (name) => this.select(name));
      this.key = key;
      if (focused != null) stepElement(this.svg, focused)?.focus();
    }
    setSelected(this.svg, this.selected);
    // Keep the open panel current as its step moves on, unless the operator is typing in it.
    if (this.selected != null && nodeSignature(this.node(this.selected)) !== this.panelSignature
        && !$('resolve-form')) {
      this.loadPanel();
    }
  }

  select(name) {
    this.selected = name;
    const q = new URLSearchParams(location.search);
    q.set('step', name);
    history.replaceState(null, '', `${location.pathname}?${q}`);
    setSelected(this.svg, name);
    this.showPanel(el('h2', {}, name), el('p', { class: 'hint' }, 'Loading…'));
    this.loadPanel();
  }

  showPanel(...children) {
    this.panel.replaceChildren(...children.flat().filter((c) => c != null));
  }

  async loadPanel() {
    const name = this.selected;
    const node = this.node(name);
    const token = ++this.panelToken;
    this.panelSignature = nodeSignature(node);
    this.panel.setAttribute('data-step', name);
    if (!node) {
      this.showPanel(el('h2', {}, name), el('p', { class: 'hint' }, 'This step is not in the graph (yet).'));
      return;
    }
    if (node.group) { this.showPanel(groupPanel(this.base, node)); return; }
    const path = `${this.base}/steps/${encodeURIComponent(name)}`;
    this.panel.setAttribute('aria-busy', 'true');
    try {
      const [detail, history] = await Promise.all([api(path), api(`${path}/history`)]);
      if (token !== this.panelToken) return;
      this.showPanel(stepPanel(detail, history, this.stepActions(detail)));
      clearError('panel');
    } catch (error) {
      if (token === this.panelToken) showError(error, 'panel');
    } finally {
      if (token === this.panelToken) this.panel.removeAttribute('aria-busy');
    }
  }

  stepActions(step) {
    const buttons = [];
    if (step.state === 'error') {
      buttons.push(el('button', { type: 'button', id: 'retry-step', onclick: () => this.retry(step.name) }, 'Retry'));
    }
    if (RESOLVABLE.has(step.state)) {
      buttons.push(el('button', {
        type: 'button', id: 'resolve-step', onclick: (event) => this.openResolve(step.name, event.currentTarget),
      }, 'Resolve…'));
    }
    return buttons;
  }

  /** Confirms, POSTs, shows the returned task, refreshes graph and panel. True on success. */
  async act(message, path, body) {
    if (!(await confirmDialog(message))) return false;
    clearError('action');
    let ok = true;
    try {
      this.header.update(await api(path, { method: 'POST', body }));
    } catch (error) {
      ok = false;
      showError(error, 'action');
    }
    this.panelSignature = undefined; // whatever happened, the panel reloads with the graph
    await this.refresh();
    return ok;
  }

  cancelTask() {
    return this.act(`Cancel task ${this.taskId}?`, `${this.base}/cancel`);
  }

  retry(name) {
    return this.act(`Retry step ${name} of task ${this.taskId}?`,
      `${this.base}/steps/${encodeURIComponent(name)}/retry`);
  }

  /** Opens the result editor under the panel's buttons; submitting confirms and resolves. */
  openResolve(name, button) {
    if ($('resolve-form')) { $('resolve-result').focus(); return; }
    const text = el('textarea', { id: 'resolve-result', rows: 8, spellcheck: 'false' }, '{}');
    const form = el('form', { id: 'resolve-form', class: 'resolve' },
      field('Result (JSON) to record for the step', text),
      el('div', { class: 'actions' },
        el('button', { type: 'submit', id: 'resolve-submit', class: 'primary' }, 'Resolve step'),
        el('button', { type: 'button', id: 'resolve-close', onclick: () => form.remove() }, 'Close')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      let result;
      try {
        result = JSON.parse(text.value);
      } catch (error) {
        showError(new Error(`The result is not valid JSON: ${error.message}`));
        return;
      }
      const shown = JSON.stringify(result);
      const message = `Resolve step ${name} of task ${this.taskId} manually with result `
        + `${shown.length > 200 ? `${shown.slice(0, 200)}…` : shown}?`;
      if (await this.act(message, `${this.base}/steps/${encodeURIComponent(name)}/resolve`, { result })) {
        form.remove();
        this.loadPanel();
      }
    });
    button.closest('.actions').after(form);
    text.focus();
  }
}

// ---- step panel content ----

function formatValue(value) {
  if (value == null) return '—';
  if (Array.isArray(value)) return value.length ? value.join(', ') : 'none';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

const section = (title, ...children) => el('section', { class: 'panel-section' }, el('h3', {}, title), ...children);

function stepPanel(step, history, actions) {
  return [
    el('h2', {}, step.name, ' ', badge(step.state)),
    actions.length ? el('div', { class: 'actions' }, actions) : null,
    definitionList([
      ['Kind', step.kind ?? '—'],
      ['Attempts', `${step.attempts ?? 0} of ${step.max_attempts ?? '?'}`],
      ['Retryable', step.retryable == null ? '—' : step.retryable ? 'yes' : 'no'],
      ['Unmet dependencies', formatValue(step.unmet_dependencies)],
      ['Next attempt', timeEl(step.next_attempt_at)],
      ['Dispatched', timeEl(step.dispatched_at)],
      ['Deadline', timeEl(step.deadline_at)],
      ['Created', timeEl(step.created_at)],
      ['Updated', timeEl(step.updated_at)],
      ['Completed', timeEl(step.completed_at)],
    ], { class: 'fields' }),
    readinessSection(step),
    errorSection(step.last_error),
    jsonSection('Result', step.results, true),
    jsonSection('Inputs', step.inputs, false),
    jsonSection('Checkpoint', step.checkpoint, false),
    historySection(history?.transitions ?? []),
  ];
}

/** "Why it is not running": the server's own explanation of what the step waits for. */
function readinessSection(step) {
  const r = step.readiness;
  if (!r || FINISHED.has(step.state) || (step.state === 'in_progress' && r.ready)) return null;
  const text = r.ready ? 'Ready to run.' : (r.blocking_reason || 'Not ready to run.');
  return section(r.ready ? 'Readiness' : 'Why it is not running',
    el('p', { id: 'step-readiness', 'data-ready': String(!!r.ready) }, text),
    r.waiting_for?.length ? el('p', {}, 'Waiting for: ', r.waiting_for.join(', ')) : null);
}

function errorSection(error) {
  if (error == null) return null;
  const isObject = typeof error === 'object';
  const message = isObject ? error.message : String(error);
  const extra = isObject && Object.keys(error).some((k) => k !== 'message' && k !== 'error_class');
  return section('Last error',
    el('p', { class: 'error-message' }, message ?? '(no message)'),
    isObject && error.error_class ? el('p', {}, el('code', {}, error.error_class)) : null,
    extra ? el('details', {}, el('summary', {}, 'Full error'), pre(error)) : null);
}

function jsonSection(title, value, open) {
  if (value == null) return null;
  return el('details', { class: 'panel-section', open }, el('summary', {}, title), pre(value));
}

function historySection(transitions) {
  const rows = transitions.map((t) => el('tr', { title: t.message_id ? `message ${t.message_id}` : null },
    el('td', {}, timeEl(t.occurred_at)),
    el('td', {}, `${t.from_state ?? '∅'} → ${t.to_state}`),
    el('td', { class: 'num' }, t.attempt ?? ''),
    el('td', {}, t.cause ?? '', t.metadata == null ? null : el('div', {}, el('code', { class: 'small' }, JSON.stringify(t.metadata))))));
  return section('History', transitions.length
    ? el('div', { class: 'table-scroll' }, table(['Time', 'Transition', 'Attempt', 'Cause'], rows, { id: 'step-history' }))
    : el('p', { class: 'hint' }, 'No transitions recorded.'));
}

function groupPanel(base, node) {
  const href = `${base}/steps?${query({ name_prefix: `${node.name}_` })}`;
  const rows = orderedCounts(node.states).map(([state, n]) =>
    el('tr', { 'data-count-state': state }, el('td', {}, badge(state)), el('td', { class: 'num' }, numbers.format(n))));
  return [
    el('h2', {}, `${node.name} ×${numbers.format(node.count ?? 0)}`, ' ', badge(node.state)),
    el('p', {}, `${numbers.format(node.count ?? 0)} batch workers of one template, drawn as one node.`),
    el('div', { class: 'table-scroll' }, table(['State', 'Workers'], rows, { id: 'group-counts' })),
    el('p', {}, 'Its workers are listed at ', el('a', { href }, el('code', {}, `GET ${href}`))),
  ];
}

// ---- dead letters: /console/dead-letters ----

function deadLetterRow(d) {
  return el('tr', { 'data-dead-letter': d.id },
    el('td', {}, el('input', { type: 'checkbox', class: 'pick', value: d.id, 'aria-label': `Select dead letter ${d.id}` })),
    el('td', {}, el('code', {}, d.id)),
    el('td', {}, `${d.origin_topic} / ${d.origin_partition} / ${d.origin_offset}`),
    el('td', {}, d.key ?? '—'),
    el('td', { class: 'reason' }, d.reason ?? ''),
    el('td', {}, d.service ?? '—'),
    el('td', {}, timeEl(d.timestamp)),
    el('td', {}, replayedInfo(d.replayed)));
}

function replayedInfo(r) {
  if (!r) return '—';
  return el('span', { class: 'replayed' }, `→ ${r.topic}/${r.partition}@${r.offset}, `, timeEl(r.at),
    r.by ? ` by ${r.by}` : '');
}

function describeFilter(f) {
  const parts = [];
  if (f.origin_topic) parts.push(`from origin topic "${f.origin_topic}"`);
  if (f.reason_contains) parts.push(`with a reason containing "${f.reason_contains}"`);
  parts.push(f.include_replayed ? 'including ones already replayed' : 'not yet replayed');
  return parts.join(', ');
}

function replayResult(box, response) {
  const replayed = response?.replayed ?? [];
  const topics = [...new Set(replayed.map((r) => r.topic))];
  const shown = replayed.slice(0, 20).map((r) => el('li', {}, el('code', {}, r.id), ` → ${r.topic} partition ${r.partition} offset ${r.offset}`));
  box.replaceChildren(...[
    el('p', {}, replayed.length
      ? `Replayed ${numbers.format(replayed.length)} dead letter${replayed.length === 1 ? '' : 's'} to ${topics.join(', ')}.`
      : 'Nothing was replayed: no dead letter matched.'),
    shown.length ? el('ul', {}, shown) : null,
    replayed.length > 20 ? el('p', {}, `…and ${numbers.format(replayed.length - 20)} more.`) : null,
  ].filter(Boolean));
  box.hidden = false;
}

function deadLetterView(main) {
  document.title = 'Dead letters · Tributary';
  const url = new URLSearchParams(location.search);
  // The applied filter (what the table shows); "Replay all matching" uses this, not unsent edits.
  let filter = {
    origin_topic: url.get('origin_topic') ?? '',
    reason_contains: url.get('reason_contains') ?? '',
    include_replayed: url.get('include_replayed') === 'true',
  };
  const form = el('form', { class: 'filters', role: 'search', id: 'dead-letter-search' },
    field('Origin topic', el('input', { type: 'text', name: 'origin_topic', value: filter.origin_topic })),
    field('Reason contains', el('input', { type: 'text', name: 'reason_contains', value: filter.reason_contains })),
    el('label', { class: 'check' },
      el('input', { type: 'checkbox', name: 'include_replayed', checked: filter.include_replayed }), 'Include replayed'),
    el('button', { type: 'submit', class: 'primary' }, 'Search'));
  const selectAll = el('input', { type: 'checkbox', id: 'select-all', 'aria-label': 'Select all on this page' });
  const replaySelected = el('button', { type: 'button', id: 'replay-selected', disabled: true }, 'Replay selected');
  const replayMatching = el('button', { type: 'button', id: 'replay-matching' }, 'Replay all matching');
  const result = el('div', { id: 'replay-result', class: 'notice', role: 'status', hidden: true });
  const picks = () => [...list.tbody.querySelectorAll('input.pick')];
  const selectedIds = () => picks().filter((p) => p.checked).map((p) => p.value);
  const syncButtons = () => {
    const n = selectedIds().length;
    replaySelected.disabled = n === 0;
    replaySelected.textContent = n ? `Replay selected (${n})` : 'Replay selected';
    selectAll.checked = n > 0 && n === picks().length;
  };
  const list = pagedTable({
    id: 'dead-letter-table', itemsKey: 'dead_letters', row: deadLetterRow, empty: 'No dead letters match.',
    headers: [selectAll, 'Id', 'Origin (topic / partition / offset)', 'Key', 'Reason', 'Service', 'Time', 'Replayed'],
    onLoaded: syncButtons,
    pageUrl: (cursor) => {
      setUrlQuery({ ...filter, include_replayed: filter.include_replayed ? 'true' : '', cursor });
      return `/api/v1/dead-letters?${query({ ...filter, limit: PAGE_SIZE, cursor })}`;
    },
  });
  list.tbody.addEventListener('change', syncButtons);
  selectAll.addEventListener('change', () => {
    picks().forEach((p) => { p.checked = selectAll.checked; });
    syncButtons();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    filter = {
      origin_topic: form.elements.origin_topic.value.trim(),
      reason_contains: form.elements.reason_contains.value.trim(),
      include_replayed: form.elements.include_replayed.checked,
    };
    list.load(null);
  });
  const replay = async (message, body) => {
    if (!(await confirmDialog(message))) return;
    clearError('action');
    try {
      replayResult(result, await api('/api/v1/dead-letters/replay', { method: 'POST', body }));
    } catch (error) {
      showError(error, 'action');
    }
    await list.load(null);
  };
  replaySelected.addEventListener('click', () => {
    const ids = selectedIds();
    const named = ids.length > 10 ? `${ids.slice(0, 10).join(', ')} and ${ids.length - 10} more` : ids.join(', ');
    replay(`Replay ${ids.length} selected dead letter${ids.length === 1 ? '' : 's'} (${named})?`, { ids });
  });
  replayMatching.addEventListener('click', () => {
    const body = { filter: { ...filter, origin_topic: filter.origin_topic || undefined, reason_contains: filter.reason_contains || undefined } };
    replay(`Replay ALL dead letters ${describeFilter(filter)}? This is not limited to the rows on this page.`, body);
  });
  main.append(el('h1', {}, 'Dead letters'), form,
    el('div', { class: 'toolbar' }, replaySelected, replayMatching), result, list.root);
  list.load(url.get('cursor'));
}

// ---- routing ----

function notFound(main) {
  document.title = 'Not found · Tributary';
  main.append(el('h1', {}, 'Not found'),
    el('p', {}, 'No console page here. ', el('a', { href: '/console/' }, 'Go to the task list.')));
}

function markNavigation(path) {
  const current = path.startsWith('/console/dead-letters') ? 'dead-letters' : 'tasks';
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === current) link.setAttribute('aria-current', 'page');
  }
}

function route() {
  const path = location.pathname.replace(/\/+$/, '') || '/';
  const main = $('app');
  markNavigation(path);
  $('error-dismiss').addEventListener('click', () => clearError());
  // A bug should be visible to the operator, not only in the developer console.
  window.addEventListener('unhandledrejection', (event) => showError(event.reason, 'bug'));
  if (path === '/console') return taskListView(main);
  if (path === '/console/dead-letters') return deadLetterView(main);
  const task = path.match(/^\/console\/tasks\/([^/]+)$/);
  let taskId = null;
  try { taskId = task && decodeURIComponent(task[1]); } catch { /* malformed escape: not a task */ }
  return taskId ? new TaskPage(main, taskId) : notFound(main);
}

route();
