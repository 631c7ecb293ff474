// The workspace's exchange with other departments: ask another department for a grant, decide the requests that
// reach this department, see the grants given and received, request a record under a received grant, follow the
// exchange to its verified end (or its refusal, in words), and open the record and its check.

import { under } from './base.js';
import {
  ApiError, approveGrantRequest, askGrant, exchangeContent, exchanges, grantRequests, grantsGiven, grantsReceived, refuseGrantRequest, requestRecord,
} from './api.js';
import { el } from './dom.js';
import { formatDate, formatTime, has, onLanguageChange, t } from './i18n.js';

const $ = (id) => document.getElementById(id);
const pollMs = 2000;
const steps = ['requested', 'logged', 'released', 'verified'];

let hooks = null;
let timer = null;
let shown = '';
const nothing = { department: null, outgoing: [], incoming: [], received: [], given: [], exchanges: [] };
let state = nothing;
const refusing = new Map();
const opened = new Map();

const short = (digest) => `${digest.slice(0, 10)}…${digest.slice(-6)}`;

function say(text, isAlert = false) {
  $('xch-notice').textContent = isAlert ? '' : text ?? '';
  $('xch-notice').hidden = isAlert || !text;
  $('xch-error').textContent = isAlert ? text : '';
  $('xch-error').hidden = !isAlert || !text;
}

function problemText(error) {
  if (error instanceof ApiError) {
    const p = error.problem;
    return p ? [p.title, p.detail].filter(Boolean).join(': ') : t('xch.failed');
  }
  return t('xch.failed');
}

function failed(error) {
  if (error instanceof ApiError && error.status === 401) {
    hooks.unauthorized();
    return;
  }
  say(problemText(error), true);
}

function what(request) {
  return request.recordId
    ? t('xch.what.record', { digest: short(request.recordId) })
    : t('xch.what.kind', { kind: request.kind });
}

function badge(kind, name) {
  const tone = ['approved', 'verified'].includes(name) ? 'anchored' : ['refused'].includes(name) ? 'failed' : 'pending';
  return el('span', { class: `status-badge ${tone}` }, t(`xch.${kind}.${name}`));
}

function terms(request) {
  const use = request.terms?.use ?? 'store';
  return t('xch.terms', {
    purpose: request.purpose,
    until: formatDate(request.expiresAt),
    use: t(`xch.use.${use}`),
    fetches: request.terms?.maxFetches ?? 10,
  });
}

function outgoingItem(request) {
  return el('li', { dataset: { requestId: request.requestId, state: request.state, ...(request.grantId ? { grant: request.grantId } : {}) } },
    el('p', {}, el('strong', {}, t('xch.out.line', { holder: request.holder, what: what(request) })), ' ', badge('state', request.state)),
    el('p', { class: 'help' }, terms(request)),
    el('p', { class: 'help' }, t('xch.basis', { basis: request.legalBasis })),
    request.state === 'refused' && request.reason ? el('p', { class: 'refusal-reason' }, t('xch.reason', { reason: request.reason })) : null,
    request.delivery?.error ? el('p', { class: 'help' }, t('xch.delivery', { error: request.delivery.error })) : null,
    request.state === 'approved' && request.grantId
      ? el('p', {}, t('xch.grant', { id: request.grantId }), ' ',
        request.recordId ? el('button', { type: 'button', class: 'primary request-record', dataset: { grant: request.grantId } }, t('xch.requestRecord')) : null)
      : null);
}

function incomingItem(request) {
  const pending = request.state === 'pending';
  const reasonId = `xch-refuse-${request.id}`;
  return el('li', { dataset: { requestId: request.requestId, state: request.state, ...(request.grantId ? { grant: request.grantId } : {}) } },
    el('p', {}, el('strong', {}, t('xch.in.line', { requester: request.requester, what: what(request) })), ' ', badge('state', request.state)),
    el('p', { class: 'help' }, terms(request)),
    el('p', { class: 'help' }, t('xch.basis', { basis: request.legalBasis })),
    request.note ? el('p', { class: 'help' }, t('xch.note', { note: request.note })) : null,
    el('p', { class: 'help' }, t('xch.askedBy', { who: request.requestedBy, when: formatTime(request.requestedAt) })),
    request.state === 'refused' && request.reason ? el('p', { class: 'refusal-reason' }, t('xch.reason', { reason: request.reason })) : null,
    request.state === 'approved' && request.grantId ? el('p', {}, t('xch.grant', { id: request.grantId })) : null,
    pending
      ? el('div', { class: 'field-row' },
        el('button', { type: 'button', class: 'primary approve', dataset: { id: request.id } }, t('xch.in.approve')),
        el('button', { type: 'button', class: 'secondary refuse', dataset: { id: request.id }, 'aria-expanded': refusing.has(request.id) ? 'true' : 'false' },
          t('xch.in.refuse')))
      : null,
    pending && refusing.has(request.id)
      ? el('div', { class: 'refuse-form' },
        el('label', { for: reasonId }, t('xch.in.reasonLabel')),
        el('textarea', { id: reasonId, class: 'note', rows: 2, maxlength: 500 }, typeof refusing.get(request.id) === 'string' ? refusing.get(request.id) : ''),
        el('div', { class: 'field-row' }, el('button', { type: 'button', class: 'danger refuse-send', dataset: { id: request.id } }, t('xch.in.refuseSend'))))
      : null);
}

function receivedItem(grant) {
  const consentOrRecord = grant.basis !== 'kind-legal-basis';
  return el('li', { dataset: { grant: String(grant.id) } },
    el('p', {}, el('strong', {}, t('xch.received.line', { id: grant.id, grantor: departmentName(grant.grantorDepartment), digest: short(grant.recordId) })), ' ',
      grant.revoked ? el('span', { class: 'status-badge failed' }, t('xch.grant.revoked')) : null),
    el('p', { class: 'help' }, t('xch.until', { until: formatDate(grant.expiresAt) })),
    !grant.revoked && consentOrRecord
      ? el('button', { type: 'button', class: 'primary request-record', dataset: { grant: String(grant.id) } }, t('xch.requestRecord'))
      : null);
}

function givenItem(grant) {
  const status = grant.revoked ? 'revoked' : Date.parse(grant.expiresAt) > Date.now() ? 'valid' : 'expired';
  const what = grant.basis === 'kind-legal-basis' ? t('xch.given.kind') : t('xch.what.record', { digest: short(grant.recordId) });
  return el('li', { dataset: { grant: String(grant.id) } },
    el('p', {}, el('strong', {}, t('xch.given.line', { id: grant.id, grantee: departmentName(grant.granteeDepartment), what })), ' ',
      el('span', { class: `status-badge ${status === 'valid' ? 'anchored' : 'failed'}` }, t(`xch.grant.${status}`))),
    el('p', { class: 'help' }, t('xch.until', { until: formatDate(grant.expiresAt) })));
}

function reasonWords(exchange) {
  const key = `xch.refusal.${exchange.reason}`;
  return has(key) ? t(key) : exchange.detail ?? exchange.reason ?? '';
}

function exchangeItem(exchange) {
  const refused = exchange.state === 'refused';
  const at = steps.indexOf(exchange.state);
  const digest = exchange.contentDigest ?? exchange.recordId;
  return el('li', { dataset: { exchange: String(exchange.id), state: exchange.state } },
    el('p', {}, el('strong', {}, t('xch.exchange.line', { digest: short(exchange.recordId), grant: exchange.grantId })), ' ', badge('exchange', exchange.state)),
    el('ol', { class: 'steps', 'aria-label': t('xch.exchange.steps') },
      steps.map((step, i) => el('li', {
        class: i <= at ? 'done' : '',
        'aria-current': i === at ? 'step' : null,
      }, t(`xch.exchange.${step}`)))),
    refused ? el('p', { class: 'refusal-reason' }, t('xch.reason', { reason: reasonWords(exchange) })) : null,
    !refused && exchange.state !== 'verified' && exchange.detail ? el('p', { class: 'help' }, t('xch.waiting', { detail: exchange.detail })) : null,
    exchange.state === 'verified'
      ? el('p', { class: 'downloads' },
        opened.has(exchange.id)
          ? el('a', { href: opened.get(exchange.id), download: `${exchange.contentDigest}.record`, class: 'open-record' }, t('xch.exchange.save'))
          : el('button', { type: 'button', class: 'primary open-record', dataset: { id: String(exchange.id) } }, t('xch.exchange.open')),
        ' ',
        el('a', { href: under(`/v/${digest}`), class: 'verify-record' }, t('xch.exchange.verify')),
        ' ',
        el('span', { class: 'help' }, t('xch.exchange.checked', { digest: short(digest) })))
      : null);
}

const departments = new Map();

function departmentName(id) {
  return departments.get(id) ?? t('xch.department', { id });
}

function list(id, items, render) {
  $(id).replaceChildren(...items.map(render));
  $(`${id}-empty`).hidden = items.length > 0;
}

export function renderExchange(force = false) {
  const now = JSON.stringify([state, [...refusing.keys()], [...opened.keys()]]);
  if (!force && now === shown) {
    return;
  }
  shown = now;
  list('xch-out', state.outgoing, outgoingItem);
  list('xch-in', state.incoming, incomingItem);
  list('xch-received', state.received, receivedItem);
  list('xch-given', state.given, givenItem);
  list('xch-exchanges', state.exchanges, exchangeItem);
}

async function loadDepartments() {
  if (departments.size > 0) {
    return;
  }
  try {
    const response = await fetch(under('/api/v1/departments?pageSize=100'), { headers: { Accept: 'application/json' }, cache: 'no-store', credentials: 'omit' });
    const page = await response.json();
    for (const d of page.items ?? []) {
      departments.set(d.id, d.code);
    }
  } catch {
    // Names fall back to ids.
  }
}

/** Reads everything the section shows; quiet on failure while polling, so a passing outage does not flood the clerk. */
export async function loadExchange() {
  if (!hooks || !hooks.signedIn()) {
    return;
  }
  const auth = hooks.auth();
  try {
    await loadDepartments();
    const [outgoing, incoming] = await Promise.all([grantRequests('outgoing', auth), grantRequests('incoming', auth)]);
    const department = outgoing.department ?? incoming.department;
    // A list the clerk's roles do not open (403) shows as empty; a lost session (401) signs out below.
    const none = { items: [] };
    const orNone = (read) => read.catch((error) => {
      if (error instanceof ApiError && error.status === 401) {
        throw error;
      }
      return none;
    });
    const [received, given, latest] = await Promise.all(department
      ? [orNone(grantsReceived(department, auth)), orNone(grantsGiven(department, auth)), orNone(exchanges(auth))]
      : [none, none, orNone(exchanges(auth))]);
    state = { department, outgoing: outgoing.items, incoming: incoming.items, received: received.items ?? [], given: given.items ?? [], exchanges: latest.items ?? [] };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      hooks.unauthorized();
      return;
    }
  }
  renderExchange();
  schedule();
}

function schedule() {
  if (timer === null && hooks?.signedIn()) {
    timer = setTimeout(() => {
      timer = null;
      loadExchange();
    }, pollMs);
  }
}

/** Forgets what a signed-out caller saw. */
export function clearExchange() {
  clearTimeout(timer);
  timer = null;
  state = nothing;
  refusing.clear();
  for (const url of opened.values()) {
    URL.revokeObjectURL(url);
  }
  opened.clear();
  say(null);
  renderExchange(true);
}

function number(id) {
  const value = $(id).value.trim();
  return value === '' ? null : Number(value);
}

async function ask(event) {
  event.preventDefault();
  const record = $('xch-ask-record').value.trim();
  const kind = $('xch-ask-kind').value.trim();
  const expires = $('xch-ask-expires').value;
  const use = $('xch-ask-use').value;
  const body = {
    holderDepartment: $('xch-ask-holder').value.trim().toUpperCase(),
    recordId: record || null,
    kind: record ? null : kind || null,
    purpose: number('xch-ask-purpose'),
    expiresAt: expires ? new Date(`${expires}T23:59:59`).toISOString() : null,
    legalBasis: $('xch-ask-basis').value.trim(),
    note: $('xch-ask-note').value.trim() || null,
    terms: { use, retentionDays: use === 'store' ? number('xch-ask-retention') : 0, maxFetches: number('xch-ask-fetches') },
  };
  try {
    const asked = await askGrant(body, hooks.auth());
    $('xch-ask').reset();
    say(t('xch.ask.sent', { holder: asked.holder, what: what(asked) }));
    $('xch-notice').focus();
    await loadExchange();
  } catch (error) {
    failed(error);
  }
}

async function act(event) {
  const button = event.target.closest('button');
  if (!button) {
    return;
  }
  const auth = hooks.auth();
  const id = Number(button.dataset.id);
  try {
    if (button.classList.contains('approve')) {
      button.disabled = true;
      const approved = await approveGrantRequest(id, auth);
      say(t('xch.in.approved', { id: approved.grantId, requester: approved.requester }));
      $('xch-notice').focus();
    } else if (button.classList.contains('refuse')) {
      if (refusing.has(id)) {
        refusing.delete(id);
      } else {
        refusing.set(id, true);
      }
      renderExchange(true);
      if (refusing.has(id)) {
        $(`xch-refuse-${id}`).focus();
      }
      return;
    } else if (button.classList.contains('refuse-send')) {
      const reason = $(`xch-refuse-${id}`).value.trim();
      if (!reason) {
        $(`xch-refuse-${id}`).focus();
        return;
      }
      button.disabled = true;
      await refuseGrantRequest(id, reason, auth);
      refusing.delete(id);
      say(t('xch.in.refused'));
      $('xch-notice').focus();
    } else if (button.classList.contains('request-record')) {
      button.disabled = true;
      await requestRecord(button.dataset.grant, auth);
      say(t('xch.exchange.started', { grant: button.dataset.grant }));
      $('xch-notice').focus();
    } else if (button.classList.contains('open-record')) {
      const blob = await exchangeContent(id, auth);
      const url = URL.createObjectURL(blob);
      opened.set(id, url);
      const exchange = state.exchanges.find((e) => e.id === id);
      const link = el('a', { href: url, download: `${exchange?.contentDigest ?? id}.record` });
      document.body.append(link);
      link.click();
      link.remove();
      renderExchange(true);
      document.querySelector(`#xch-exchanges [data-exchange="${id}"] .open-record`)?.focus();
      return;
    } else {
      return;
    }
  } catch (error) {
    button.disabled = false;
    failed(error);
    return;
  }
  await loadExchange();
}

/** Wires the section once; hooks give the caller's credentials and what to do when they no longer work. */
export function setupExchangeView(given) {
  hooks = given;
  onLanguageChange(() => renderExchange(true));
  $('xch-notice').tabIndex = -1;
  $('xch-ask').addEventListener('submit', ask);
  $('xch').addEventListener('click', act);
  // A reason being typed survives the lists being drawn again when the queue changes.
  $('xch').addEventListener('input', (event) => {
    const match = /^xch-refuse-(\d+)$/.exec(event.target.id ?? '');
    if (match) {
      refusing.set(Number(match[1]), event.target.value);
    }
  });
  $('xch-ask-use').addEventListener('change', () => {
    $('xch-ask-retention').disabled = $('xch-ask-use').value !== 'store';
  });
}
