// Bulk work in the department's workspace: a folder, a ZIP archive or a CSV file of fingerprints becomes a bulk job on
// the node, sent in chunks with its progress shown. The job lives on the node, so after a reload the page shows the
// unfinished one and, once the same folder, archive or file is picked again, sends only what the job does not hold.

import { under } from './base.js';
import { ApiError, request } from './api.js';
import { bulkTexts } from './bulk-texts.js';
import { parseDigestCsv } from './digest-csv.js';
import { el } from './dom.js';
import { addTexts, onLanguageChange, t } from './i18n.js';
import { ZipError, zipEntries } from './zip.js';

addTexts(bulkTexts);

const $ = (id) => document.getElementById(id);
const route = '/api/v1/bulk-jobs';
// Chunks no larger than this even when the node takes more: progress moves often, and a dropped connection loses little.
const preferredChunk = 200;
const maxBytes = 1024 * 1024 * 1024;
const maxCsvBytes = 2 * 1024 * 1024;
const maxShownErrors = 50;

let host = null;
// The node's limits (GET /api/v1/bulk-jobs/limits): items per job and per chunk; nothing is sent before they are known.
let limits = null;
let openJob = null;
let busy = false;
// What the section says, kept as a text key and its values so a language switch says it again.
let said = null;
let csvErrors = null;
let progress = null;

function render() {
  const error = $('bulk-error');
  const status = $('bulk-status');
  const isError = said?.isError ?? false;
  error.textContent = isError ? t(said.key, said.params) : '';
  error.hidden = !isError;
  status.textContent = said && !isError ? t(said.key, said.params) : '';
  $('bulk-limits').textContent = limits ? t('bulk.limits', { files: limits.maxJobItems, megabytes: maxBytes / 1024 / 1024 }) : '';
  const list = $('bulk-errors');
  if (csvErrors) {
    const shown = csvErrors.slice(0, maxShownErrors).map((e) => el('li', { dataset: { line: String(e.line) } },
      t('bulk.csv.line', { line: e.line, reason: t(`bulk.csv.${e.reason}`, e.params) })));
    if (csvErrors.length > maxShownErrors) {
      shown.push(el('li', {}, t('bulk.csv.more', { count: csvErrors.length - maxShownErrors })));
    }
    list.replaceChildren(...shown);
  } else {
    list.replaceChildren();
  }
  list.hidden = !csvErrors;
  const bar = $('bulk-progress');
  bar.hidden = !progress;
  if (progress) {
    bar.max = progress.total;
    bar.value = progress.done;
  }
  const resume = $('bulk-resume');
  resume.hidden = !openJob || busy;
  if (openJob) {
    $('bulk-resume-text').textContent = t('bulk.resume', { name: openJob.name ?? openJob.kind, received: openJob.received, total: openJob.total });
  }
  const session = host?.session();
  $('bulk-keep-row').hidden = !(session?.roles?.includes('records') && session.roles.includes('anchor'));
  for (const input of document.querySelectorAll('#dept-bulk input[type=file]')) {
    input.disabled = busy;
  }
}

function say(key, params = {}, isError = false) {
  said = key ? { key, params, isError } : null;
  render();
}

function reasonOf(error) {
  if (error instanceof ApiError && error.status !== 0) {
    return [error.problem?.title, error.problem?.detail].filter(Boolean).join(': ') || `HTTP ${error.status}`;
  }
  return t('bulk.offline');
}

function hex(buffer) {
  return '0x' + Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

// The items of a folder or a list of files: one per distinct fingerprint, named by its path in the folder.
async function fileItems(files, name) {
  const items = [];
  const seen = new Set();
  for (let i = 0; i < files.length; i++) {
    progress = { done: i, total: files.length };
    say('bulk.hashing', { done: i, total: files.length });
    const file = files[i];
    const digest = hex(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
    if (!seen.has(digest)) {
      seen.add(digest);
      items.push({ digest, fileName: (file.webkitRelativePath || file.name).slice(-255), blob: async () => file });
    }
  }
  return items;
}

async function zipItems(file) {
  const entries = await zipEntries(file, { maxFiles: limits.maxJobItems, maxBytes });
  const items = [];
  const seen = new Set();
  for (let i = 0; i < entries.length; i++) {
    progress = { done: i, total: entries.length };
    say('bulk.hashing', { done: i, total: entries.length });
    const entry = entries[i];
    const digest = hex(await crypto.subtle.digest('SHA-256', await entry.read()));
    if (!seen.has(digest)) {
      seen.add(digest);
      items.push({ digest, fileName: entry.name.slice(-255), blob: async () => new Blob([await entry.read()]) });
    }
  }
  return items;
}

async function csvItems(file) {
  if (file.size > maxCsvBytes) {
    say('bulk.csv.tooLarge', { name: file.name, kilobytes: Math.ceil(file.size / 1024), max: maxCsvBytes / 1024 }, true);
    return null;
  }
  const parsed = parseDigestCsv(await file.text(), { maxRows: limits.maxJobItems });
  if (parsed.errors.length > 0) {
    if (parsed.errors[0].reason === 'tooManyRows') {
      say('bulk.csv.tooManyRows', parsed.errors[0].params, true);
      return null;
    }
    csvErrors = parsed.errors;
    say('bulk.csv.errors', { name: file.name, count: parsed.errors.length }, true);
    return null;
  }
  return parsed.items.map((i) => ({ digest: i.digest, reference: i.reference, validUntil: i.validUntil, kind: i.kind }));
}

// Everything the job holds already, page by page.
async function heldDigests(job) {
  const held = new Set();
  let next = `${route}/${job.id}/items`;
  while (next) {
    const page = (await request('GET', next, { auth: host.auth() })).body;
    for (const item of page.items) {
      held.add(item.digest);
    }
    next = page.next ?? null;
  }
  return held;
}

async function keep(item) {
  const form = new FormData();
  form.append('fileName', item.fileName);
  form.append('file', await item.blob(), item.fileName);
  const auth = host.auth();
  const headers = { Accept: 'application/json' };
  if (auth.apiKey) {
    headers['X-Api-Key'] = auth.apiKey;
  } else if (auth.session) {
    headers[auth.session.csrfHeader] = auth.session.csrfToken;
  }
  const response = await fetch(under('/api/v1/documents/upload?keep=true'), {
    method: 'POST', body: form, headers, credentials: auth.session ? 'same-origin' : 'omit', cache: 'no-store',
  });
  if (!response.ok) {
    const type = response.headers.get('Content-Type') ?? '';
    throw new ApiError(response.status, type.includes('json') ? await response.json() : null);
  }
}

async function send(job, items, withContent) {
  let current = job;
  const show = () => {
    progress = { done: current.received, total: current.total };
    say('bulk.progress', { name: current.name ?? current.kind, received: current.received, total: current.total, accepted: current.accepted, failed: current.failed });
  };
  show();
  const chunkSize = Math.max(1, Math.min(preferredChunk, limits.maxChunkItems));
  for (let at = 0; at < items.length; at += chunkSize) {
    const chunk = items.slice(at, at + chunkSize);
    if (withContent) {
      for (const item of chunk) {
        await keep(item);
      }
    }
    const body = {
      items: chunk.map((i) => ({ digest: i.digest, fileName: i.fileName ?? null, reference: i.reference ?? null, kind: i.kind ?? null, validUntil: i.validUntil ?? null })),
    };
    current = (await request('POST', `${route}/${job.id}/chunks`, { body, auth: host.auth() })).body.job;
    show();
  }
  return current;
}

// Reads the node's limits once; false, with the reason said, when they cannot be read.
async function knowLimits() {
  if (limits) {
    return true;
  }
  try {
    limits = (await request('GET', `${route}/limits`, { auth: host.auth() })).body;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      host.unauthorized();
    } else {
      say('bulk.stopped', { reason: reasonOf(error) }, true);
    }
    return false;
  }
  render();
  return true;
}

async function run(kind, name, collect) {
  if (busy || !(await knowLimits())) {
    return;
  }
  busy = true;
  csvErrors = null;
  progress = null;
  say(null);
  try {
    const items = await collect();
    if (!items) {
      return;
    }
    if (items.length === 0) {
      say('bulk.empty', { name }, true);
      return;
    }
    let job;
    let missing = items;
    if (openJob && openJob.kind === kind) {
      const held = await heldDigests(openJob);
      missing = items.filter((i) => !held.has(i.digest));
      if (openJob.received + missing.length !== openJob.total) {
        progress = null;
        say('bulk.mismatch', { name, count: items.length, total: openJob.total }, true);
        return;
      }
      job = openJob;
    } else {
      job = (await request('POST', route, { body: { kind, total: items.length, name }, auth: host.auth() })).body;
    }
    openJob = job;
    const withContent = kind !== 'csv' && $('bulk-keep').checked && !$('bulk-keep-row').hidden;
    const finished = await send(job, missing, withContent);
    openJob = finished.state === 'open' ? finished : null;
    if (finished.state === 'done') {
      say('bulk.done', { name: finished.name ?? finished.kind, total: finished.total, accepted: finished.accepted, failed: finished.failed });
      host.changed();
    }
  } catch (error) {
    progress = null;
    if (error instanceof ZipError) {
      if (error.reason === 'tooManyFiles') {
        say('bulk.tooManyFiles', { name, count: error.count, max: limits.maxJobItems }, true);
      } else if (error.reason === 'tooManyBytes') {
        say('bulk.tooManyBytes', { name, megabytes: Math.ceil(error.bytes / 1024 / 1024), max: maxBytes / 1024 / 1024 }, true);
      } else {
        say(`bulk.zip.${error.reason}`, { name }, true);
      }
    } else if (error instanceof ApiError && error.status === 401) {
      host.unauthorized();
    } else {
      say('bulk.stopped', { reason: reasonOf(error) }, true);
    }
  } finally {
    busy = false;
    render();
  }
}

function checkedFiles(files, name) {
  const bytes = files.reduce((sum, f) => sum + f.size, 0);
  if (files.length > limits.maxJobItems) {
    say('bulk.tooManyFiles', { name, count: files.length, max: limits.maxJobItems }, true);
    return false;
  }
  if (bytes > maxBytes) {
    say('bulk.tooManyBytes', { name, megabytes: Math.ceil(bytes / 1024 / 1024), max: maxBytes / 1024 / 1024 }, true);
    return false;
  }
  return true;
}

function folderName(files) {
  const path = files[0]?.webkitRelativePath ?? '';
  return path.includes('/') ? path.slice(0, path.indexOf('/')) : (files[0]?.name ?? '');
}

async function takeFiles(files) {
  if (!(await knowLimits())) {
    return undefined;
  }
  if (files.length === 1 && /\.zip$/i.test(files[0].name)) {
    const [zip] = files;
    return run('zip', zip.name, () => zipItems(zip));
  }
  if (files.length === 1 && /\.csv$/i.test(files[0].name)) {
    const [csv] = files;
    return run('csv', csv.name, () => csvItems(csv));
  }
  const name = folderName(files);
  if (!checkedFiles(files, name)) {
    return undefined;
  }
  return run('files', name, () => fileItems(files, name));
}

// A dropped folder arrives as a directory entry: read it down to its files, each named by its path.
async function filesOfEntry(entry, into) {
  if (into.length > limits.maxJobItems) {
    return;
  }
  if (entry.isFile) {
    const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
    const path = entry.fullPath.replace(/^\//, '');
    into.push(Object.defineProperty(file, 'webkitRelativePath', { value: path }));
    return;
  }
  const reader = entry.createReader();
  for (;;) {
    const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) {
      return;
    }
    for (const child of batch) {
      await filesOfEntry(child, into);
    }
  }
}

function acceptBulkDrops(zone) {
  const stop = (event) => {
    event.preventDefault();
    event.stopPropagation();
  };
  zone.addEventListener('dragenter', (event) => {
    stop(event);
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragover', stop);
  zone.addEventListener('dragleave', (event) => {
    stop(event);
    zone.classList.remove('dragging');
  });
  zone.addEventListener('drop', async (event) => {
    stop(event);
    zone.classList.remove('dragging');
    const entries = Array.from(event.dataTransfer?.items ?? []).map((i) => i.webkitGetAsEntry?.()).filter(Boolean);
    const dropped = Array.from(event.dataTransfer?.files ?? []);
    if (!(await knowLimits())) {
      return;
    }
    if (entries.some((e) => e.isDirectory)) {
      const files = [];
      for (const entry of entries) {
        await filesOfEntry(entry, files);
      }
      takeFiles(files);
    } else {
      takeFiles(dropped);
    }
  });
}

/** Loads the caller's unfinished job, if any, to offer resuming it. */
export async function loadBulkJobs() {
  if (!host || busy) {
    return;
  }
  try {
    const [page, known] = await Promise.all([
      request('GET', `${route}?state=open`, { auth: host.auth() }),
      request('GET', `${route}/limits`, { auth: host.auth() })]);
    openJob = page.body.items[0] ?? null;
    limits = known.body;
  } catch {
    openJob = null;
  }
  render();
}

/** Forgets what the section showed (on sign-out). */
export function clearBulk() {
  openJob = null;
  limits = null;
  said = null;
  csvErrors = null;
  progress = null;
  render();
}

/** Wires the section: auth() and session() of the workspace, changed() after a job is done, unauthorized() on 401. */
export function setupBulk(workspace) {
  host = workspace;
  const pickers = {
    'bulk-folder': takeFiles,
    'bulk-zip': ([zip]) => run('zip', zip.name, () => zipItems(zip)),
    'bulk-csv': ([csv]) => run('csv', csv.name, () => csvItems(csv)),
  };
  for (const [id, take] of Object.entries(pickers)) {
    const input = $(id);
    input.addEventListener('change', () => {
      const files = Array.from(input.files);
      input.value = '';
      if (files.length > 0) {
        take(files);
      }
    });
  }
  acceptBulkDrops($('bulk-drop'));
  $('bulk-abandon').addEventListener('click', async () => {
    if (!openJob) {
      return;
    }
    const job = openJob;
    try {
      await request('DELETE', `${route}/${job.id}`, { auth: host.auth() });
      openJob = null;
      say('bulk.abandoned', { name: job.name ?? job.kind });
      $('bulk-folder').focus();
    } catch (error) {
      say('bulk.stopped', { reason: reasonOf(error) }, true);
    }
  });
  onLanguageChange(render);
  render();
}
