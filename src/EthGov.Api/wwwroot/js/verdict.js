// Draws a verdict: a banner that says the answer in one word with an icon and colour, a sentence, the
// document's details, and every check the answer rests on with the block it was read at.

import { under } from './base.js';
import { el } from './dom.js';
import { t, has, language, formatTime, formatDate } from './i18n.js';

const icons = { valid: '✓', revoked: '✕', expired: '!', superseded: '↻', unknown: '?', mismatch: '≠', 'key-compromised': '⚠', unreachable: '…' };
const checkIcons = { passed: '✓', failed: '✕', skipped: '–' };

function time(iso) {
  return el('time', { datetime: iso, title: iso }, formatTime(iso));
}

// A revocation reason in the page's language: the published reason's title, or the bare code when it is not listed.
function reasonOf(facts) {
  if (facts.revocationReason === undefined) {
    return '?';
  }
  return facts.revocationReasonName
    ? t(`reason.${facts.revocationReasonName}`)
    : t('reason.unlisted', { code: facts.revocationReason });
}

function summaryOf(facts) {
  switch (facts.outcome) {
    case 'valid':
      return facts.departmentName ? t('summary.valid', { department: facts.departmentName }) : t('summary.validNoName');
    case 'revoked':
      return t('summary.revoked', { reason: reasonOf(facts) });
    case 'expired':
      return facts.validUntil ? t('summary.expired', { date: formatDate(facts.validUntil) }) : t('summary.expiredNoDate');
    case 'key-compromised':
      return facts.keyCompromisedSince
        ? t('summary.key-compromised', { date: formatTime(facts.keyCompromisedSince) })
        : t('summary.keyCompromisedNoDate');
    default:
      return t(`summary.${facts.outcome}`);
  }
}

/** One sentence for the live region: what a screen reader says when the verdict arrives. */
export function announcementOf(facts) {
  return t('announce', { outcome: t(`outcome.${facts.outcome}`), summary: summaryOf(facts) });
}

export function banner(facts) {
  const summary = el('p', { class: 'verdict-summary' }, summaryOf(facts));
  if (facts.outcome === 'superseded' && facts.successor) {
    summary.append(' ', el('a', { href: under(`/v/${facts.successor}`), class: 'successor-link' }, t('summary.supersededLink')));
  }
  return el('div', { class: 'verdict-banner', dataset: { outcome: facts.outcome } },
    el('span', { class: 'verdict-icon', 'aria-hidden': 'true' }, icons[facts.outcome] ?? '?'),
    el('div', { class: 'verdict-text' },
      el('h2', { id: 'verdict-title', class: 'verdict-title', tabindex: '-1' }, t(`outcome.${facts.outcome}`)),
      summary));
}

function row(label, ...value) {
  return [el('dt', {}, label), el('dd', {}, ...value)];
}

/** The document's facts; fileName names the file the fingerprint was computed from, when there was one. */
export function details(facts, receiptLink, fileName) {
  const rows = [];
  if (facts.departmentCode || facts.departmentName) {
    const name = facts.departmentName && facts.departmentCode ? `${facts.departmentName} (${facts.departmentCode})` : facts.departmentName ?? facts.departmentCode;
    rows.push(...row(t('facts.issuer'), name));
  }
  if (facts.departmentStatus) {
    rows.push(...row(t('facts.departmentStatus'),
      el('span', { class: `department-status ${facts.departmentStatus}` }, t(`department.${facts.departmentStatus}`))));
  }
  if (facts.anchoredAt) {
    rows.push(...row(t('facts.anchoredAt'), time(facts.anchoredAt),
      facts.anchoredBlock !== undefined ? t('facts.anchoredBlockSuffix', { block: facts.anchoredBlock }) : ''));
  }
  if (facts.validUntil !== undefined) {
    rows.push(...row(t('facts.validUntil'), facts.validUntil ? time(facts.validUntil) : t('facts.noExpiry')));
  }
  if (facts.keyCompromisedSince) {
    rows.push(...row(t('facts.keyCompromisedSince'), el('strong', { class: 'key-compromised-since' }, time(facts.keyCompromisedSince))));
  }
  if (facts.revocationReason !== undefined) {
    const text = facts.revocationReasonName ? t('reason.code', { reason: reasonOf(facts), code: facts.revocationReason }) : reasonOf(facts);
    rows.push(...row(t('facts.revocationReason'), el('strong', { class: 'revocation-reason', dataset: { reason: facts.revocationReasonName ?? '' } }, text)));
  }
  if (facts.successor) {
    rows.push(...row(t('facts.successor'), el('a', { href: under(`/v/${facts.successor}`), class: 'digest' }, facts.successor)));
  }
  rows.push(...row(fileName ? t('facts.digestOfFile', { name: fileName }) : t('facts.digest'), el('code', { class: 'digest' }, facts.digest)));
  if (facts.transactionHash) {
    rows.push(...row(t('facts.transaction'), el('code', { class: 'digest' }, facts.transactionHash)));
  }
  if (receiptLink) {
    rows.push(...row(t('facts.receipt'), receiptLink));
  }
  return el('section', { class: 'facts', 'aria-labelledby': 'facts-title' },
    el('h3', { id: 'facts-title' }, t('facts.heading')),
    el('dl', {}, rows));
}

// A check's sentences in the page's language: the verifier sends each as a phrase key with its values (digests, numbers,
// times, codes); a language with no text for a key shows the verifier's English sentence, marked as English.
function checkDetail(check) {
  const phrases = check.phrases ?? [];
  const own = phrases.length > 0 && phrases.every((p) => has(`phrase.${p.key}`));
  const text = own
    ? phrases.map((p) => t(`phrase.${p.key}`, phraseValues(p.values ?? {}))).join(t('phrase.separator'))
    : check.detail;
  return el('span', { class: 'check-detail', lang: own ? language() : 'en' }, text);
}

// A revocation reason travels as its published name: shown as its title in the page's language.
function phraseValues(values) {
  const shown = { ...values };
  if (shown.reason && has(`reason.${shown.reason}`)) {
    shown.reason = t(`reason.${shown.reason}`);
  }
  return shown;
}

export function checks(facts) {
  const items = facts.checks.map((c) =>
    el('li', { class: `check ${c.outcome}`, dataset: { check: c.name, outcome: c.outcome } },
      el('span', { class: 'check-icon', 'aria-hidden': 'true' }, checkIcons[c.outcome] ?? '–'),
      el('span', { class: 'check-body' },
        el('span', { class: 'check-name' }, t(`check.${c.name}`)),
        el('span', { class: 'check-outcome' }, ` — ${t(`check.${c.outcome}`)}`),
        checkDetail(c))));
  const basis = facts.chain
    ? el('p', { class: 'basis' }, t('checks.basis', {
      chainId: facts.chain.chainId,
      registry: facts.chain.registry,
      block: facts.chain.block,
      time: formatTime(facts.chain.blockTime),
    }))
    : null;
  return el('section', { class: 'checks', 'aria-labelledby': 'checks-title' },
    el('h3', { id: 'checks-title' }, t('checks.heading')),
    el('ol', { class: 'check-list' }, items),
    basis);
}
