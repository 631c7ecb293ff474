// The citizen's view: a file (hashed here), a fingerprint, a receipt, or a QR link in; the verdict out.

import { ApiError, receiptOf, verifyDigest, verifyReceipt } from './api.js';
import { acceptDrops, el } from './dom.js';
import { digestOfFile, normalizeDigest } from './digest.js';
import { factsOf } from './facts.js';
import { onLanguageChange, t } from './i18n.js';
import { announcementOf, banner, checks, details } from './verdict.js';

const $ = (id) => document.getElementById(id);

// What is on screen, kept so that a language switch can draw it again.
let shown = null;
let downloadUrl = null;
// The last file hashed here, to name it beside its fingerprint.
let hashedFile = null;

function render() {
  const result = $('verdict-result');
  const status = $('verdict-status');
  result.replaceChildren();
  if (downloadUrl) {
    URL.revokeObjectURL(downloadUrl);
    downloadUrl = null;
  }
  if (!shown) {
    status.textContent = '';
    return;
  }
  if (shown.busy) {
    result.setAttribute('aria-busy', 'true');
    result.append(el('p', { class: 'busy' }, el('span', { class: 'spinner', 'aria-hidden': 'true' }), t(shown.busy.key, shown.busy.params)));
    status.textContent = t(shown.busy.key, shown.busy.params);
    return;
  }
  result.removeAttribute('aria-busy');
  if (shown.error) {
    const message = t(shown.error.key, shown.error.params);
    result.append(el('div', { class: 'error-box' },
      el('h2', { class: 'error-title' }, t('error.heading')),
      el('p', {}, message),
      shown.error.detail ? el('p', { class: 'error-detail' }, shown.error.detail) : null));
    status.textContent = `${t('error.heading')}. ${message}`;
    return;
  }
  const facts = factsOf(shown.response);
  let receiptLink = null;
  if (shown.receipt && shown.receipt.digest === facts.digest) {
    downloadUrl = URL.createObjectURL(new Blob([JSON.stringify(shown.receipt, null, 2)], { type: 'application/json' }));
    receiptLink = el('a', { href: downloadUrl, download: `${facts.digest}.receipt.json` }, t('facts.receiptDownload'));
  }
  result.append(banner(facts), details(facts, receiptLink, shown.fileName), checks(facts));
  status.textContent = announcementOf(facts);
  // On a phone the answer may open below the fold; bring its headline into view.
  result.firstElementChild.scrollIntoView({ block: 'nearest' });
}

function show(state) {
  shown = state;
  render();
}

function showError(error) {
  if (error instanceof ApiError) {
    if (error.status === 0) {
      show({ error: { key: 'error.network' } });
    } else {
      show({ error: { key: 'error.server', params: { title: error.problem?.title ?? `HTTP ${error.status}` }, detail: error.problem?.detail } });
    }
  } else if (error?.message === 'no-webcrypto') {
    show({ error: { key: 'error.noCrypto' } });
  } else {
    show({ error: { key: 'error.server', params: { title: String(error?.message ?? error) } } });
  }
}

async function verify(run) {
  show({ busy: { key: 'busy.checking' } });
  try {
    const { response, receipt } = await run();
    // A receipt this server issued adds the transaction and a download; the chain's verdict stands without it.
    const anchored = response.outcome !== 'unknown' && response.outcome !== 'unreachable';
    const known = receipt ?? (anchored ? await receiptOf(response.digest).catch(() => null) : null);
    show({ response, receipt: known, fileName: response.digest === hashedFile?.digest ? hashedFile.name : null });
  } catch (error) {
    showError(error);
  }
}

function receiptText() {
  return $('receipt-text').value.trim();
}

function parseReceipt() {
  const text = receiptText();
  if (!text) {
    return { error: { key: 'error.receiptEmpty' } };
  }
  try {
    return { receipt: JSON.parse(text) };
  } catch (error) {
    return { error: { key: 'error.receiptJson', params: { message: error.message } } };
  }
}

/** Verifies a fingerprint, together with the receipt when one was given, else with what its link says. */
function verifyDigestText(digest, link = {}) {
  const parsed = receiptText() ? parseReceipt() : null;
  if (parsed?.error) {
    show(parsed);
    return Promise.resolve();
  }
  if (parsed) {
    return verify(async () => ({ response: await verifyReceipt(parsed.receipt, digest), receipt: parsed.receipt }));
  }
  return verify(async () => ({ response: await verifyDigest(digest, link) }));
}

async function checkFile(file) {
  show({ busy: { key: 'busy.hashing', params: { name: file.name } } });
  let digest;
  try {
    digest = await digestOfFile(file);
  } catch (error) {
    showError(error);
    return;
  }
  hashedFile = { name: file.name, digest };
  $('digest-input').value = digest;
  await verifyDigestText(digest);
}

/** Starts the view; a document's link gives its digest and what else it carries (department code, batch proof). */
export function startVerifyView(linkedDigest, link = {}) {
  $('verify-view').hidden = false;
  onLanguageChange(render);

  const fileInput = $('file-input');
  fileInput.addEventListener('change', () => {
    if (fileInput.files.length > 0) {
      checkFile(fileInput.files[0]);
    }
    fileInput.value = '';
  });
  acceptDrops($('file-drop'), (files) => checkFile(files[0]));

  $('digest-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const digest = normalizeDigest($('digest-input').value);
    if (!digest) {
      show({ error: { key: 'error.digest' } });
      $('digest-input').focus();
      return;
    }
    $('digest-input').value = digest;
    verifyDigestText(digest);
  });

  $('receipt-file').addEventListener('change', async (event) => {
    const [file] = event.target.files;
    if (file) {
      $('receipt-text').value = await file.text();
    }
    event.target.value = '';
  });
  $('receipt-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const parsed = parseReceipt();
    if (parsed.error) {
      show(parsed);
      return;
    }
    const digest = normalizeDigest($('digest-input').value);
    verify(async () => ({ response: await verifyReceipt(parsed.receipt, digest), receipt: parsed.receipt }));
  });

  if (linkedDigest !== undefined) {
    const digest = normalizeDigest(linkedDigest);
    if (digest) {
      $('digest-input').value = digest;
      verifyDigestText(digest, link);
    } else {
      show({ error: { key: 'error.linkDigest' } });
    }
  }
}
