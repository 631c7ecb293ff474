// Revoking and replacing the department's documents from its register, and the second clerk's decision on them when
// the department requires one (four eyes). Both changes are final on chain, so each dialog asks the clerk to confirm
// in so many words; Escape or Cancel closes it without a change and gives the focus back to the row's button.

import {
  ApiError, approveChangeRequest, pendingChangeRequests, refuseChangeRequest, revocationReasons, revoke, supersede,
} from './api.js';
import { digestOfFile } from './digest.js';
import { acceptDrops, el } from './dom.js';
import { formatTime, language, t } from './i18n.js';

const $ = (id) => document.getElementById(id);
const digestPattern = /^0x[0-9a-f]{64}$/;
const changeable = ['valid', 'expired'];

let context = null;
let reasons = [];
let requests = [];
let target = null;
let opener = null;

function roles() {
  return context.session()?.roles ?? [];
}

function short(digest) {
  return `${digest.slice(0, 10)}…${digest.slice(-6)}`;
}

function problemText(error) {
  if (error instanceof ApiError) {
    return error.status === 0 ? t('dept.change.offline') : t('dept.change.failed', { detail: error.problem?.detail ?? error.problem?.title ?? `HTTP ${error.status}` });
  }
  return t('dept.change.failed', { detail: String(error?.message ?? error) });
}

function reasonTitle(reason) {
  return reason.title[language()] ?? reason.title.en;
}

function reasonLabel(number) {
  const reason = reasons.find((r) => r.number === number);
  return reason ? t('reason.code', { reason: reasonTitle(reason), code: reason.number }) : t('reason.unlisted', { code: number });
}

function renderReasons() {
  const select = $('dept-revoke-reason');
  const chosen = select.value;
  select.replaceChildren(
    el('option', { value: '' }, t('dept.revoke.choose')),
    ...reasons.map((reason) => el('option', { value: reason.name }, reasonLabel(reason.number))));
  select.value = chosen;
  const reason = reasons.find((r) => r.name === select.value);
  $('dept-revoke-reason-help').textContent = reason ? (reason.description[language()] ?? reason.description.en) : t('dept.revoke.reasonHelp');
}

/** The Revoke and Replace buttons of a register row, for a clerk whose roles allow them. */
export function changeActions(doc) {
  if (!context?.session() || !changeable.includes(doc.status)) {
    return [];
  }
  const name = doc.fileName ?? short(doc.digest);
  const held = roles();
  const buttons = [];
  if (held.includes('revoke')) {
    buttons.push(el('button', { type: 'button', class: 'secondary revoke', 'aria-label': t('dept.revoke.rowLabel', { name }) }, t('dept.revoke.open')));
    buttons.at(-1).addEventListener('click', (event) => openDialog('revoke', doc, event.currentTarget));
  }
  if (held.includes('revoke') && held.includes('anchor')) {
    buttons.push(el('button', { type: 'button', class: 'secondary supersede', 'aria-label': t('dept.supersede.rowLabel', { name }) }, t('dept.supersede.open')));
    buttons.at(-1).addEventListener('click', (event) => openDialog('supersede', doc, event.currentTarget));
  }
  return buttons.length ? [el('div', { class: 'changes' }, buttons)] : [];
}

function showError(kind, text) {
  const box = $(`dept-${kind}-error`);
  box.textContent = text ?? '';
  box.hidden = !text;
}

async function openDialog(kind, doc, button) {
  target = doc;
  opener = button;
  $(`dept-${kind}-form`).reset();
  showError(kind, null);
  $(`dept-${kind}-name`).textContent = doc.fileName ?? '';
  $(`dept-${kind}-digest`).textContent = doc.digest;
  if (kind === 'revoke') {
    if (reasons.length === 0) {
      try {
        reasons = await revocationReasons();
      } catch (error) {
        showError(kind, problemText(error));
      }
    }
    renderReasons();
  }
  $(`dept-${kind}-dialog`).showModal();
  $(kind === 'revoke' ? 'dept-revoke-reason' : 'dept-supersede-new').focus();
}

function closeDialog(kind) {
  const dialog = $(`dept-${kind}-dialog`);
  if (dialog.open) {
    dialog.close();
  }
}

// The button that opened the dialog may have been drawn again (the list was reloaded): then the same row's button takes
// the focus, and when the row is gone, the register's heading.
function restoreFocus() {
  const again = opener && !opener.isConnected && target
    ? document.querySelector(`#dept-issued-rows tr[data-digest="${target.digest}"] button.${opener.classList.contains('revoke') ? 'revoke' : 'supersede'}`)
    : null;
  if (opener?.isConnected) {
    opener.focus();
  } else if (again) {
    again.focus();
  } else {
    $('dept-issued-title').setAttribute('tabindex', '-1');
    $('dept-issued-title').focus();
  }
  opener = null;
}

function done(response, doneKey, params) {
  context.notify(response.status === 202 ? t('dept.request.sent', { id: response.body.id }) : t(doneKey, params));
}

async function submitRevoke(event) {
  event.preventDefault();
  const reason = $('dept-revoke-reason').value;
  if (!reason) {
    showError('revoke', t('dept.revoke.needReason'));
    $('dept-revoke-reason').focus();
    return;
  }
  if (!$('dept-revoke-confirm').checked) {
    showError('revoke', t('dept.change.needConfirm'));
    $('dept-revoke-confirm').focus();
    return;
  }
  await send('revoke', () => revoke(target.digest, reason, $('dept-revoke-note').value.trim(), context.auth()),
    'dept.revoke.done', { reason: reasonLabel(reasons.find((r) => r.name === reason).number) });
}

async function submitSupersede(event) {
  event.preventDefault();
  const newDigest = $('dept-supersede-new').value.trim().toLowerCase();
  if (!digestPattern.test(newDigest)) {
    showError('supersede', t('dept.supersede.needDigest'));
    $('dept-supersede-new').focus();
    return;
  }
  if (!$('dept-supersede-confirm').checked) {
    showError('supersede', t('dept.change.needConfirm'));
    $('dept-supersede-confirm').focus();
    return;
  }
  const until = $('dept-supersede-until').value;
  await send('supersede', () => supersede(target.digest, newDigest, until ? new Date(`${until}T23:59:59`).toISOString() : null, context.auth()),
    'dept.supersede.done', { digest: short(newDigest) });
}

async function send(kind, call, doneKey, params) {
  const submit = $(`dept-${kind}-submit`);
  submit.disabled = true;
  showError(kind, null);
  try {
    const response = await call();
    const changed = target.digest;
    closeDialog(kind);
    done(response, doneKey, params);
    // A 200 means the chain confirmed the change; the node's index of chain events may take a moment to show it.
    await context.changed(response.status === 200 ? { digest: changed, status: kind === 'revoke' ? 'revoked' : 'superseded' } : null);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      closeDialog(kind);
      context.unauthorized();
      return;
    }
    showError(kind, problemText(error));
    submit.focus();
  } finally {
    submit.disabled = false;
  }
}

async function useFile(files) {
  if (files.length === 0) {
    return;
  }
  $('dept-supersede-new').value = await digestOfFile(files[0]);
  $('dept-supersede-new').focus();
}

function describe(request) {
  const what = request.kind === 'revocation'
    ? t('dept.requests.revocation', { digest: short(request.digest), reason: reasonLabel(request.reason) })
    : t('dept.requests.supersession', { digest: short(request.digest), newDigest: short(request.newDigest) });
  return t('dept.requests.line', { who: request.requestedBy, when: formatTime(request.requestedAt), what });
}

/** Shows the requests waiting for a second clerk to an approver, each with Approve and Refuse unless it is their own. */
export function renderRequests() {
  const session = context?.session();
  const approver = Boolean(session && roles().includes('approver'));
  $('dept-requests').hidden = !approver;
  if (!approver) {
    return;
  }
  $('dept-requests-list').replaceChildren(...requests.map((request) => {
    const own = request.requestedBy === `staff ${session.name}`;
    const item = el('li', { dataset: { request: request.id, digest: request.digest } },
      el('p', {}, describe(request)),
      request.note ? el('p', { class: 'help' }, t('dept.requests.note', { note: request.note })) : null);
    if (own) {
      item.append(el('p', { class: 'help own-request' }, t('dept.requests.own')));
    } else {
      const approve = el('button', { type: 'button', class: 'primary approve', 'aria-label': t('dept.requests.approveLabel', { id: request.id }) }, t('dept.requests.approve'));
      const refuse = el('button', { type: 'button', class: 'secondary refuse', 'aria-label': t('dept.requests.refuseLabel', { id: request.id }) }, t('dept.requests.refuse'));
      approve.addEventListener('click', () => decide(request, approveChangeRequest, 'dept.requests.approved'));
      refuse.addEventListener('click', () => decide(request, refuseChangeRequest, 'dept.requests.refused'));
      item.append(el('div', { class: 'field-row' }, approve, refuse));
    }
    return item;
  }));
  $('dept-requests-empty').hidden = requests.length > 0;
}

async function decide(request, call, doneKey) {
  try {
    await call(request.id, context.auth());
    context.notify(t(doneKey, { id: request.id }));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      context.unauthorized();
      return;
    }
    context.fail(problemText(error));
  }
  await context.changed();
  $('dept-requests-title').setAttribute('tabindex', '-1');
  $('dept-requests-title').focus();
}

/** Loads the waiting requests, for an approver. */
export async function loadRequests() {
  if (!context?.session() || !roles().includes('approver')) {
    requests = [];
    renderRequests();
    return;
  }
  try {
    if (reasons.length === 0) {
      reasons = await revocationReasons();
    }
    requests = (await pendingChangeRequests(context.auth())).items;
  } catch (error) {
    requests = [];
    context.fail(problemText(error));
  }
  renderRequests();
}

/**
 * Wires the dialogs. The workspace gives how to reach the API (auth), the clerk's session, what to do after a change
 * (reload the lists), when the session is gone, and where to say what happened.
 */
export function setupDocumentChanges(workspace) {
  context = workspace;
  $('dept-revoke-form').addEventListener('submit', submitRevoke);
  $('dept-supersede-form').addEventListener('submit', submitSupersede);
  $('dept-revoke-reason').addEventListener('change', renderReasons);
  for (const kind of ['revoke', 'supersede']) {
    $(`dept-${kind}-cancel`).addEventListener('click', () => closeDialog(kind));
    $(`dept-${kind}-dialog`).addEventListener('close', restoreFocus);
    $(`dept-${kind}-confirm`).addEventListener('change', () => showError(kind, null));
  }
  const file = $('dept-supersede-file');
  file.addEventListener('change', () => {
    const files = Array.from(file.files);
    file.value = '';
    useFile(files);
  });
  acceptDrops($('dept-supersede-drop'), useFile);
}

/** Re-renders what this part built, in the new language. */
export function renderChangesInLanguage() {
  if (reasons.length > 0) {
    renderReasons();
  }
  renderRequests();
}
