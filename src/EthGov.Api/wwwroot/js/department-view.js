// The department's view: sign in with an API key (kept in this tab's session storage only), drop files,
// see each one go from pending to confirmed, download its receipt and QR codes.

import { ApiError, anchor, documentStatus, qrCodeUrl } from './api.js';
import { digestOfFile } from './digest.js';
import { acceptDrops, el } from './dom.js';
import { onLanguageChange, t } from './i18n.js';

const $ = (id) => document.getElementById(id);
const keyStorage = 'ethgov.apiKey';
const pollMs = 1000;

const rows = [];
let timer = null;
let message = null;

function apiKey() {
  return sessionStorage.getItem(keyStorage);
}

function showSignedIn() {
  const signedIn = Boolean(apiKey());
  $('dept-signin').hidden = signedIn;
  $('dept-work').hidden = !signedIn;
  const note = $('dept-message');
  note.textContent = message ? t(message) : '';
  note.hidden = !message;
}

function signOut(reason) {
  sessionStorage.removeItem(keyStorage);
  message = reason ?? null;
  showSignedIn();
  if (!reason) {
    $('dept-key').focus();
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
    el('a', { href: `/v/${row.digest}` }, t('dept.verifyLink')));
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
        row.error ? el('span', { class: 'row-error', lang: 'en' }, row.error) : null),
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
    settle(row, await anchor(row.digest, until, apiKey()));
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

export function startDepartmentView() {
  $('department-view').hidden = false;
  onLanguageChange(() => {
    showSignedIn();
    render();
  });

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
  });
  $('dept-signout').addEventListener('click', () => signOut());

  const input = $('dept-files');
  input.addEventListener('change', () => {
    const files = Array.from(input.files);
    input.value = '';
    anchorFiles(files);
  });
  acceptDrops($('dept-drop'), anchorFiles);

  showSignedIn();
  render();
}
