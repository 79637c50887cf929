// The try-it console of the docs page: a panel beside Redoc that sends either operation to a
// server the reader picks (the mock of the serving origin by default) and shows the answer.
// It makes no request of its own: only the one the reader sends, with fetch, and never via a proxy.
import { CONSOLE_SPEC_ELEMENT_ID, type ConsoleOperation, type ConsoleParameter, type ConsoleSpec } from './model.js';
import { buildRequest, newRequestId, shownBody, shownHeaders, type FormValues } from './request.js';

type Child = Node | string;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<Record<string, string>> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) if (value !== undefined) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

let nextId = 0;
const uid = (name: string): string => `try-it-${name.replace(/[^A-Za-z0-9-]/g, '-')}-${++nextId}`;

/** A labelled field; returns the wrapper and the control. */
function field<T extends HTMLElement>(label: string, control: T, hint?: string): HTMLElement {
  control.id ||= uid(label);
  return h('div', { class: 'try-it-field' }, h('label', { for: control.id, title: hint }, label), control);
}

/** The form of one operation; keeps its values while the reader looks at the other one. */
function operationForm(operation: ConsoleOperation): { element: HTMLElement; values: () => FormValues } {
  const readers: Array<() => [string, string | string[]]> = [];
  const element = h('div', { class: 'try-it-operation', 'data-operation': operation.operationId });
  element.append(h('p', { class: 'try-it-path' }, h('strong', {}, operation.method), ` ${operation.path}`));

  for (const parameter of operation.parameters) {
    const label = `${parameter.name}${parameter.required ? ' *' : ''}${parameter.deprecated ? ' (deprecated)' : ''}`;
    if (parameter.kind === 'array' && parameter.values) {
      const boxes = parameter.values.map((value) => h('input', { type: 'checkbox', value: String(value), id: uid(`${parameter.name}-${value}`) }));
      const group = h('fieldset', { class: 'try-it-field try-it-multi', title: parameter.hint },
        h('legend', {}, label),
        ...boxes.map((box) => h('label', { for: box.id }, box, ` ${box.value}`)));
      element.append(group);
      readers.push(() => [parameter.name, boxes.filter((box) => box.checked).map((box) => box.value)]);
      continue;
    }
    const control = parameterControl(parameter);
    element.append(field(label, control, parameter.hint));
    readers.push(() => [parameter.name, control.value]);
  }
  if (operation.body !== undefined) {
    const body = h('textarea', { rows: '4', spellcheck: 'false' });
    body.value = operation.body;
    element.append(field('Body (JSON)', body));
    readers.push(() => ['body', body.value]);
  }
  return { element, values: () => Object.fromEntries(readers.map((read) => read())) };
}

function parameterControl(parameter: ConsoleParameter): HTMLInputElement | HTMLSelectElement {
  const choices = parameter.kind === 'boolean' ? ['true', 'false'] : parameter.values?.map(String);
  if (choices) {
    const select = h('select', {}, h('option', { value: '' }, parameter.required ? '(pick one)' : '(not sent)'), ...choices.map((value) => h('option', { value }, value)));
    select.value = parameter.initial ?? '';
    return select;
  }
  const input = h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', inputmode: parameter.kind === 'integer' ? 'numeric' : parameter.kind === 'number' ? 'decimal' : undefined, placeholder: '(not sent)' });
  input.value = parameter.initial ?? '';
  return input;
}

function serverPicker(spec: ConsoleSpec): { element: HTMLElement; baseUrl: () => string } {
  const OTHER = 'other';
  const select = h('select', {},
    h('option', { value: location.origin }, `Local mock (this server, ${location.origin})`),
    ...spec.servers.map((server) => h('option', { value: server.url }, `${server.description.replace(/ \(.*$/, '').replace(/\.$/, '')} (${server.url})`)),
    h('option', { value: OTHER }, 'Other…'));
  const other = h('input', { type: 'url', placeholder: 'https://gateway.example/prefix', autocomplete: 'off', spellcheck: 'false', hidden: '' });
  other.id = uid('other-server');
  other.setAttribute('aria-label', 'Other server URL');
  select.addEventListener('change', () => (other.hidden = select.value !== OTHER));
  const element = h('div', {}, field('Server', select), other);
  return { element, baseUrl: () => (select.value === OTHER ? other.value : select.value) };
}

function render(spec: ConsoleSpec): void {
  const servedOverHttp = location.protocol === 'http:' || location.protocol === 'https:';
  const toggle = h('button', { type: 'button', class: 'try-it-toggle', 'aria-expanded': 'false', 'aria-controls': 'try-it' }, 'Try it');
  const close = h('button', { type: 'button', class: 'try-it-close', 'aria-label': 'Close the console' }, '×');
  const panel = h('aside', { id: 'try-it', class: 'try-it', 'aria-label': 'Try it console', hidden: '' });
  panel.append(h('header', {}, h('h2', {}, 'Try it'), close));
  const setOpen = (open: boolean): void => {
    panel.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
  };
  toggle.addEventListener('click', () => setOpen(panel.hidden));
  close.addEventListener('click', () => setOpen(false));
  document.body.append(toggle, panel);

  if (!servedOverHttp) {
    // A page opened from disk has no origin: no mock to talk to, and every server would see a
    // request from origin "null". Reading works; sending needs the page served.
    panel.append(h('p', { class: 'try-it-note' }, 'This page was opened from a file, so it cannot send requests. Run ',
      h('code', {}, 'npx huawei-meeting-users serve'), ' (or ', h('code', {}, 'npm start'), ' in a clone) and open ',
      h('code', {}, 'http://127.0.0.1:4010/'), ': the console there sends to a local mock.'));
    return;
  }

  const server = serverPicker(spec);
  const token = h('input', { type: 'password', autocomplete: 'off', spellcheck: 'false', placeholder: 'the mock of npm start takes any value' });
  const operationSelect = h('select', {}, ...spec.operations.map((operation) => h('option', { value: operation.operationId }, `${operation.operationId}: ${operation.summary}`)));
  const forms = new Map(spec.operations.map((operation) => [operation.operationId, operationForm(operation)]));
  const formSlot = h('div', {});
  const send = h('button', { type: 'submit', class: 'try-it-send' }, 'Send');
  const result = h('section', { class: 'try-it-result', 'aria-live': 'polite', 'aria-label': 'Response' });

  const showOperation = (operationId: string): void => {
    operationSelect.value = operationId;
    formSlot.replaceChildren(forms.get(operationId)?.element ?? '');
  };
  operationSelect.addEventListener('change', () => showOperation(operationSelect.value));
  // Opening the console shows the operation the reader is looking at (Redoc puts it in the URL).
  toggle.addEventListener('click', () => {
    const address = location.href.toLowerCase();
    const shown = spec.operations.find((operation) => address.includes(operation.operationId.toLowerCase()));
    if (shown) showOperation(shown.operationId);
  });
  showOperation(spec.operations[0]?.operationId ?? '');

  const form = h('form', { novalidate: '' },
    server.element,
    field(`${spec.tokenHeader} (token)`, token, 'Entered once for every operation; kept in this tab only and sent only in the requests you send.'),
    field('Operation', operationSelect),
    formSlot,
    h('p', { class: 'try-it-note' }, `Each send carries a fresh ${spec.requestIdHeader}.`),
    send,
    result);
  panel.append(form);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const operation = spec.operations.find((candidate) => candidate.operationId === operationSelect.value);
    const values = forms.get(operationSelect.value)?.values();
    if (!operation || !values) return;
    const built = buildRequest(operation, values, {
      baseUrl: server.baseUrl(),
      token: token.value.trim(),
      tokenHeader: spec.tokenHeader,
      requestIdHeader: spec.requestIdHeader,
      requestId: newRequestId(),
    });
    if (!built.ok) {
      result.replaceChildren(h('p', { class: 'try-it-error', role: 'alert' }, `Not sent: ${built.problems.join('; ')}.`));
      return;
    }
    const { request } = built;
    send.disabled = true;
    const started = performance.now();
    const sent = h('div', {}, h('h3', {}, 'Request'), h('pre', { 'data-testid': 'try-it-request' }, `${request.method} ${request.url}\n${shownHeaders(request, spec.tokenHeader)}`));
    result.replaceChildren(sent, h('p', {}, 'Sending…'));
    fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body ?? null,
      // No cookie, no referrer, no cache: the request is exactly what the form shows.
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
    })
      .then(async (response) => {
        const text = await response.text();
        const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n');
        result.replaceChildren(sent,
          h('h3', {}, 'Response'),
          h('p', { 'data-testid': 'try-it-status', class: response.ok ? 'try-it-ok' : 'try-it-error' }, `${response.status} ${response.statusText} · ${Math.round(performance.now() - started)} ms`),
          h('pre', { 'data-testid': 'try-it-headers' }, headers),
          h('pre', { 'data-testid': 'try-it-body' }, shownBody(text, response.headers.get('content-type'))));
      })
      .catch((error: unknown) => {
        result.replaceChildren(sent, h('p', { 'data-testid': 'try-it-status', class: 'try-it-error', role: 'alert' },
          `No response: ${error instanceof Error ? error.message : String(error)}. A server on another origin must allow this page with CORS (the mock: --cors), and this page's Content-Security-Policy allows https: and loopback servers only.`));
      })
      .finally(() => (send.disabled = false));
  });
}

const data = document.getElementById(CONSOLE_SPEC_ELEMENT_ID)?.textContent;
if (data) render(JSON.parse(data) as ConsoleSpec);
