// Reads a CSV file of digests (columns digest, reference, expiry, kind; a header line is optional): every line is
// checked and every error reported with its line number, so a clerk corrects the file once and nothing is anchored
// from a file that is wrong anywhere.

import { normalizeDigest } from './digest.js';

const columns = ['digest', 'reference', 'expiry', 'kind'];

// The cells of each line (RFC 4180: quoted cells may hold commas, doubled quotes and line breaks), with the line each
// record starts on; an unclosed quote ends the file with an error.
function records(text) {
  const rows = [];
  let cells = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        if (c === '\n') {
          line++;
        }
        cell += c;
      }
    } else if (c === '"' && cell === '') {
      quoted = true;
      wasQuoted = true;
    } else if (c === ',') {
      cells.push({ text: cell, quoted: wasQuoted });
      cell = '';
      wasQuoted = false;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') {
        i++;
      }
      cells.push({ text: cell, quoted: wasQuoted });
      rows.push({ line: start, cells });
      cells = [];
      cell = '';
      wasQuoted = false;
      line++;
      start = line;
    } else {
      cell += c;
    }
  }
  if (quoted) {
    return { rows, unclosed: start };
  }
  if (cell !== '' || cells.length > 0) {
    cells.push({ text: cell, quoted: wasQuoted });
    rows.push({ line: start, cells });
  }
  return { rows, unclosed: null };
}

function localEndOfDay(date) {
  return new Date(`${date}T23:59:59`);
}

/**
 * The file's items ({ line, digest, reference, validUntil, kind }) or its errors ({ line, reason, params }), at most
 * maxRows data lines. Reasons name texts of bulk-texts.js (bulk.csv.*).
 */
export function parseDigestCsv(text, { maxRows, now = new Date() }) {
  const { rows, unclosed } = records(text.startsWith('\uFEFF') ? text.slice(1) : text);
  const items = [];
  const errors = [];
  const seen = new Map();
  const data = rows.filter((row) => !(row.cells.length === 1 && row.cells[0].text.trim() === ''));
  const hasHeader = data.length > 0 && data[0].cells[0].text.trim().toLowerCase() === 'digest';
  const body = hasHeader ? data.slice(1) : data;
  if (body.length > maxRows) {
    return { items: [], errors: [{ line: 0, reason: 'tooManyRows', params: { count: body.length, max: maxRows } }] };
  }
  for (const row of body) {
    const fail = (reason, params = {}) => errors.push({ line: row.line, reason, params });
    if (row.cells.length > columns.length || row.cells.length < 2) {
      fail('columns', { count: row.cells.length });
      continue;
    }
    const [digestCell, referenceCell, expiryCell, kindCell] = row.cells.map((c) => c.text.trim());
    if (row.cells.some((c) => /[\u0000-\u001f\u007f]/.test(c.text.replace(/^\s+|\s+$/g, '')))) {
      fail('control');
      continue;
    }
    const digest = normalizeDigest(digestCell);
    if (!digest) {
      fail('digest');
      continue;
    }
    if (seen.has(digest)) {
      fail('duplicate', { first: seen.get(digest) });
      continue;
    }
    seen.set(digest, row.line);
    if (!referenceCell) {
      fail('reference');
      continue;
    }
    if (referenceCell.length > 128) {
      fail('referenceLong');
      continue;
    }
    if (kindCell && kindCell.length > 64) {
      fail('kindLong');
      continue;
    }
    let validUntil = null;
    if (expiryCell) {
      const end = /^\d{4}-\d{2}-\d{2}$/.test(expiryCell) ? localEndOfDay(expiryCell) : null;
      if (!end || Number.isNaN(end.getTime()) || !sameDay(end, expiryCell)) {
        fail('expiry');
        continue;
      }
      if (end <= now) {
        fail('expired');
        continue;
      }
      validUntil = end.toISOString();
    }
    items.push({ line: row.line, digest, reference: referenceCell, validUntil, kind: kindCell || null });
  }
  if (unclosed !== null) {
    errors.push({ line: unclosed, reason: 'quote', params: {} });
  }
  return { items, errors };
}

// 2026-02-30 makes a date in March: such a day does not exist.
function sameDay(date, written) {
  const [y, m, d] = written.split('-').map(Number);
  return date.getFullYear() === y && date.getMonth() + 1 === m && date.getDate() === d;
}
