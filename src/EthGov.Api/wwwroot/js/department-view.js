// The department's view: a clerk signs in with name and password or through the department's OpenID Connect
// provider (either way a session cookie the page never sees), or a department's API key is given (kept in this tab's
// session storage only); drop files, see each one go from pending to confirmed, download its receipt and QR codes,
// and find what the department issued before.

import { under } from './base.js';
import {
  ApiError, anchor, currentSession, documentStatus, issuedDocuments, issuedDocumentsCsv, qrCodeUrl, signIn, signInOptions,
  signOut as endSession,
} from './api.js';
import { clearBulk, loadBulkJobs, setupBulk } from './bulk-view.js';
import { digestOfFile } from './digest.js';
import {
  changeActions, loadRequests, renderChangesInLanguage, renderRequests, setupDocumentChanges,
} from './document-changes.js';
import { acceptDrops, el } from './dom.js';
import { clearExchange, loadExchange, setupExchangeView } from './exchange-view.js';
import { formatTime, onLanguageChange, t } from './i18n.js';

const $ = (id) => document.getElementById(id);
const keyStorage = 'ethgov.apiKey';
const pollMs = 1000;

const rows = [];
let timer = null;
let message = null;
let alertText = null;
let session = null;
let oidc = null;
let issued = { items: [], next: null };

function apiKey() {
  return sessionStorage.getItem(keyStorage);
}

function auth() {
  return session ? { session } : { apiKey: apiKey() };
}

function showSignedIn() {
  const signedIn = Boolean(session || apiKey());
  $('dept-staff-signin').hidden = signedIn;
  $('dept-signin').hidden = signedIn;
  $('dept-work').hidden = !signedIn;
  $('dept-oidc').hidden = !oidc;
  if (oidc) {
    $('dept-oidc-link').href = under(oidc.signInUrl);
    $('dept-oidc-link').textContent = t('dept.staff.oidc', { name: oidc.name });
  }
  $('dept-signed-in-as').textContent = session
    ? t('dept.staff.signedIn', { name: session.name, department: session.department, roles: session.roles.join(', ') || '—' })
    : t('dept.signedIn');
  const note = $('dept-message');
  note.textContent = message ? t(message) : alertText ?? '';
  note.hidden = !message && !alertText;
}

// What a change in the workspace did (a notice), or why it failed (an alert in the server's words); one at a time.
function say(text, isAlert = false) {
  const notice = $('dept-notice');
  notice.textContent = isAlert ? '' : text ?? '';
  notice.hidden = isAlert || !text;
  alertText = isAlert ? text : null;
  showSignedIn();
}

// Only an http(s) address leaves the page: the node names the provider's end-session endpoint.
function isWebAddress(url) {
  try {
    return ['https:', 'http:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

async function signOut(reason) {
  let providerSignOut = null;
  if (session && !reason) {
    try {
      providerSignOut = await endSession(session);
    } catch {
      // The session then ends by itself (idle or absolute timeout); the page forgets it now.
    }
  }
  session = null;
  sessionStorage.removeItem(keyStorage);
  message = reason ?? null;
  alertText = null;
  issued = { items: [], next: null };
  say(null);
  renderRequests();
  clearBulk();
  clearExchange();
  if (providerSignOut && isWebAddress(providerSignOut)) {
    // The provider ends its own session, then sends the browser back to the workspace.
    window.location.assign(providerSignOut);
    return;
  }
  if (!reason) {
    $('dept-staff-name').focus();
  }
}

const issuedStatuses = ['pending', 'failed', 'valid', 'expired', 'revoked', 'superseded'];

function issuedQuery() {
  const query = new URLSearchParams();
  const q = $('dept-issued-q').value.trim();
  const status = $('dept-issued-status').value;
  if (q) {
    query.set('q', q);
  }
  if (issuedStatuses.includes(status)) {
    query.set('status', status);
  }
  return query.toString();
}

function renderIssued() {
  $('dept-issued-rows').replaceChildren(...issued.items.map((doc) =>
    el('tr', { dataset: { digest: doc.digest, status: doc.status } },
      el('th', { scope: 'row', class: 'file-name' }, doc.fileName ?? '—'),
      el('td', {}, doc.reference ?? ''),
      el('td', {}, el('code', { class: 'digest', title: doc.digest }, `${doc.digest.slice(0, 10)}…${doc.digest.slice(-6)}`)),
      el('td', {}, el('span', { class: `status-badge ${doc.status === 'valid' ? 'anchored' : doc.status === 'pending' ? 'pending' : 'failed'}` },
        t(`dept.issued.status.${doc.status}`))),
      el('td', {}, formatTime(doc.acceptedAt)),
      el('td', {}, el('div', { class: 'downloads' },
        doc.receiptUrl ? el('a', { href: under(doc.receiptUrl), download: `${doc.fileName ?? doc.digest}.receipt.json` }, t('dept.download.receipt')) : null,
        doc.qrCodeUrl ? el('a', { href: `${under(doc.qrCodeUrl)}?format=png`, download: `${doc.fileName ?? doc.digest}.qr.png` }, t('dept.download.png')) : null,
        el('a', { href: under(`/v/${doc.digest}`) }, t('dept.verifyLink')))),
      el('td', {}, changeActions(doc)))));
  $('dept-issued-empty').hidden = issued.items.length > 0;
  $('dept-issued-more').hidden = !issued.next;
}

let issuedLoads = 0;

async function loadIssued(more = false) {
  // Only the latest load is shown: an earlier one answering late must not put back a list the clerk searched away.
  const load = ++issuedLoads;
  try {
    const page = await issuedDocuments(issuedQuery(), auth(), more ? issued.next : undefined);
    if (load !== issuedLoads) {
      return;
    }
    issued = { items: more ? issued.items.concat(page.items) : page.items, next: page.next ?? null };
    message = null;
  } catch (error) {
    if (load !== issuedLoads) {
      return;
    }
    if (error instanceof ApiError && error.status === 401) {
      signOut('dept.unauthorized');
      return;
    }
    message = 'dept.issued.failed';
  }
  showSignedIn();
  renderIssued();
  if (!more) {
    await Promise.all([loadRequests(), loadBulkJobs(), loadExchange()]);
  }
}

async function exportIssued() {
  try {
    const blob = await issuedDocumentsCsv(issuedQuery(), auth());
    const link = el('a', { href: URL.createObjectURL(blob), download: 'documents.csv' });
    document.body.append(link);
    link.click();
    link.remove();
  } catch (error) {
    message = error instanceof ApiError && error.status === 400 ? 'dept.issued.tooLarge' : 'dept.issued.failed';
    showSignedIn();
  }
}

function downloads(row) {
  if (row.status !== 'anchored') {
    return [];
  }
  const links = [];
  if (row.receipt) {
    if (!row.receiptUrl) {
      row.receiptUrl = URL.createObjectURL(new Blob([JSON.stringify(row.receipt, null, 2)], { type: 'application/json' }));
    }
    links.push(el('a', { href: row.receiptUrl, download: `${row.name}.receipt.json`, class: 'receipt-download' }, t('dept.download.receipt')));
  }
  links.push(
    el('a', { href: qrCodeUrl(row.digest, 'png'), download: `${row.name}.qr.png`, class: 'qr-png' }, t('dept.download.png')),
    el('a', { href: qrCodeUrl(row.digest, 'svg'), download: `${row.name}.qr.svg` }, t('dept.download.svg')),
    el('a', { href: under(`/v/${row.digest}`) }, t('dept.verifyLink')));
  return links;
}

function render() {
  const body = $('dept-rows');
  body.replaceChildren(...rows.map((row) =>
    el('tr', { dataset: { digest: row.digest ?? '', status: row.status } },
      el('th', { scope: 'row', class: 'file-name' }, row.name),
      el('td', {}, row.digest ? el('code', { class: 'digest', title: row.digest }, `${row.digest.slice(0, 10)}…${row.digest.slice(-6)}`) : ''),
      el('td', { class: 'status-cell' },
        el('span', { class: `status-badge ${row.status}` }, t(`dept.status.${row.status}`)),
        row.error ? el('span', { class: 'row-error' }, row.error) : null),
      el('td', {}, el('div', { class: 'downloads' }, downloads(row))))));
  $('dept-empty').hidden = rows.length > 0;
  const count = (status) => rows.filter((r) => r.status === status).length;
  $('dept-summary').textContent = rows.length === 0
    ? ''
    : t('dept.summary', { pending: count('pending') + count('hashing') + count('sending'), anchored: count('anchored'), failed: count('failed') });
}

function settle(row, status) {
  row.status = status.status === 'anchored' ? 'anchored' : status.status === 'failed' ? 'failed' : 'pending';
  row.receipt = status.receipt ?? row.receipt;
  row.error = status.error ?? null;
}

function fail(row, error) {
  row.status = 'failed';
  row.error = error instanceof ApiError ? (error.problem?.detail ?? error.problem?.title ?? `HTTP ${error.status}`) : String(error?.message ?? error);
}

async function poll() {
  timer = null;
  for (const row of rows.filter((r) => r.status === 'pending')) {
    try {
      settle(row, await documentStatus(row.digest));
    } catch (error) {
      // A pending document stays pending through a passing outage; only the server's refusal ends it.
      if (error instanceof ApiError && error.status !== 0 && error.status < 500) {
        fail(row, error);
      }
    }
  }
  render();
  schedulePoll();
}

function schedulePoll() {
  if (timer === null && rows.some((r) => r.status === 'pending')) {
    timer = setTimeout(poll, pollMs);
  }
}

function validUntil() {
  const value = $('dept-valid-until').value;
  // A certificate is valid through the whole of its last day, in the issuing office's time zone.
  return value ? new Date(`${value}T23:59:59`).toISOString() : null;
}

async function anchorFile(file, until) {
  const row = { name: file.name, status: 'hashing', digest: null };
  rows.unshift(row);
  render();
  try {
    row.digest = await digestOfFile(file);
    row.status = 'sending';
    render();
    settle(row, await anchor(row.digest, until, auth(), file.name));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      rows.splice(rows.indexOf(row), 1);
      signOut('dept.unauthorized');
    } else {
      fail(row, error);
    }
  }
  render();
  schedulePoll();
}

function anchorFiles(files) {
  const until = validUntil();
  return Promise.all(files.map((file) => anchorFile(file, until)));
}

export async function startDepartmentView() {
  $('department-view').hidden = false;
  onLanguageChange(() => {
    showSignedIn();
    render();
    renderIssued();
    renderChangesInLanguage();
  });
  setupDocumentChanges({
    auth,
    session: () => session,
    changed: async (confirmed) => {
      await loadIssued();
      const doc = confirmed && issued.items.find((d) => d.digest === confirmed.digest && ['valid', 'expired'].includes(d.status));
      if (doc) {
        doc.status = confirmed.status;
        renderIssued();
      }
    },
    unauthorized: () => signOut('dept.unauthorized'),
    notify: (text) => say(text),
    fail: (text) => say(text, true),
  });

  setupBulk({
    auth,
    session: () => session,
    changed: () => loadIssued(),
    unauthorized: () => signOut('dept.unauthorized'),
  });
  setupExchangeView({ auth, signedIn: () => Boolean(session || apiKey()), unauthorized: () => signOut('dept.unauthorized') });

  $('dept-staff-signin').addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = $('dept-staff-name').value.trim();
    const password = $('dept-staff-password').value;
    if (!name || !password) {
      $(name ? 'dept-staff-password' : 'dept-staff-name').focus();
      return;
    }
    try {
      session = await signIn(name, password);
      message = session.mustChangePassword ? 'dept.staff.mustChange' : null;
    } catch (error) {
      message = error instanceof ApiError && error.status === 401 ? 'dept.staff.failed' : 'dept.issued.failed';
    }
    $('dept-staff-password').value = '';
    showSignedIn();
    if (session) {
      $('dept-files').focus();
      loadIssued();
    } else {
      $('dept-staff-password').focus();
    }
  });
  $('dept-issued-search').addEventListener('submit', (event) => {
    event.preventDefault();
    loadIssued();
  });
  $('dept-issued-more').addEventListener('click', () => loadIssued(true));
  $('dept-issued-export').addEventListener('click', exportIssued);

  $('dept-signin').addEventListener('submit', (event) => {
    event.preventDefault();
    const key = $('dept-key').value.trim();
    if (!key) {
      $('dept-key').focus();
      return;
    }
    sessionStorage.setItem(keyStorage, key);
    $('dept-key').value = '';
    message = null;
    showSignedIn();
    $('dept-files').focus();
    loadIssued();
  });
  $('dept-signout').addEventListener('click', () => signOut());

  const input = $('dept-files');
  input.addEventListener('change', () => {
    const files = Array.from(input.files);
    input.value = '';
    anchorFiles(files);
  });
  acceptDrops($('dept-drop'), anchorFiles);

  // Back from the department's provider with a refusal: say why once, and keep it out of the address bar.
  const outcome = new URLSearchParams(window.location.search).get('signin');
  const outcomes = {
    refused: 'dept.staff.oidcRefused',
    failed: 'dept.staff.oidcFailed',
    unavailable: 'dept.staff.oidcUnavailable',
    noprovider: 'dept.staff.oidcNoProvider',
    providerdown: 'dept.staff.oidcProviderDown',
  };
  if (outcomes[outcome]) {
    message = outcomes[outcome];
    window.history.replaceState(null, '', window.location.pathname);
  }
  try {
    [session, oidc] = await Promise.all([currentSession(), signInOptions().then((o) => o.oidc ?? null, () => null)]);
  } catch {
    session = null;
  }
  showSignedIn();
  render();
  renderIssued();
  if (session || apiKey()) {
    loadIssued();
  }
}
