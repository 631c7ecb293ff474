// "My data" on the holder's node (/my-data): the citizen signs in with the passkey bound to their record, and sees the
// records this node keeps for them, every grant that opens them, and every release with its access log as the chain and
// the grantee's node show it. A consent given with the passkey is revoked here with the same passkey. The session lives
// in an HttpOnly cookie this script never reads.

import { under } from './base.js';
import { el } from './dom.js';
import { formatDate, formatTime, onLanguageChange, t } from './i18n.js';
import { fromBase64Url, toBase64Url } from './passkey-view.js';

async function call(method, url, body) {
  const response = await fetch(under(url), {
    method,
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
    credentials: 'same-origin',
  });
  const payload = (response.headers.get('Content-Type') ?? '').includes('json') ? await response.json() : null;
  if (!response.ok) {
    throw Object.assign(new Error(payload?.title ?? `HTTP ${response.status}`), { problem: payload, status: response.status });
  }
  return payload;
}

function say(status, key, params, problem) {
  status.replaceChildren(el('span', {}, t(key, params)));
  if (problem?.detail) {
    status.append(' ', el('span', { class: 'problem-detail' }, problem.detail));
  }
  status.dataset.state = key;
}

function assertionOf(credential) {
  return {
    clientDataJson: toBase64Url(credential.response.clientDataJSON),
    authenticatorData: toBase64Url(credential.response.authenticatorData),
    signature: toBase64Url(credential.response.signature),
  };
}

function department(d) {
  return d.name ? `${d.name} (${d.code})` : d.code;
}

function facts(rows) {
  return el('dl', { class: 'consent-facts' }, rows.flatMap(([label, value]) => [el('dt', {}, t(label)), el('dd', {}, value)]));
}

export function startMyDataView() {
  const view = document.getElementById('mydata-view');
  view.hidden = false;
  const signIn = document.getElementById('mydata-signin');
  const signOut = document.getElementById('mydata-signout');
  const list = document.getElementById('mydata-records');
  const status = document.getElementById('mydata-status');
  let data = null;

  const grantItem = (grant) => {
    const use = grant.terms.use === 'view-once' ? t('consent.use.viewOnce') : t('consent.use.store', { days: grant.terms.retentionDays });
    const item = el('li', { class: 'mydata-grant', dataset: { grantId: grant.grantId, state: grant.state } },
      el('p', {}, t('mydata.grantLine', {
        grantee: department(grant.grantee),
        basis: t(`mydata.basis.${grant.basis}`),
        purpose: grant.purpose,
        until: formatDate(grant.expiresAt),
      })),
      el('p', {}, t('mydata.grantTerms', { use, count: grant.terms.maxFetches, state: t(`mydata.grantState.${grant.state}`) })));
    if (grant.revocable) {
      const button = el('button', { type: 'button', class: 'mydata-revoke', dataset: { grantId: grant.grantId } }, t('mydata.revoke'));
      button.addEventListener('click', () => revoke(grant.grantId));
      item.append(button);
    }
    return item;
  };

  const releaseItem = (release) => el('li', { class: 'mydata-release', dataset: { log: release.log, witness: release.witness, grantId: release.grantId } },
    el('p', {}, t('mydata.releaseLine', { grantee: department(release.grantee), at: formatTime(release.releasedAt), grant: release.grantId })),
    el('p', {}, t(`mydata.log.${release.log}`, { root: release.logRoot, block: release.logBlock, entries: release.logEntries ?? '?' })),
    el('p', { class: `mydata-witness mydata-witness-${release.witness}` }, t(`mydata.witness.${release.witness}`)));

  const accessItem = (access) => el('li', { class: 'mydata-access', dataset: { grantId: access.grantId } },
    t('mydata.accessLine', { grantee: department(access.grantee), at: formatTime(access.at), grant: access.grantId, block: access.blockNumber }));

  const render = () => {
    signIn.hidden = data !== null;
    signOut.hidden = data === null;
    if (data === null) {
      list.replaceChildren();
      return;
    }
    document.getElementById('mydata-session').textContent = t('mydata.signedIn', { until: formatTime(data.sessionExpiresAt) });
    if (data.records.length === 0) {
      list.replaceChildren(el('p', {}, t('mydata.none')));
      return;
    }
    list.replaceChildren(...data.records.map((record, i) => {
      const heading = `mydata-record-${i}`;
      return el('section', { class: 'panel mydata-record', 'aria-labelledby': heading, dataset: { recordId: record.recordId } },
        el('h2', { id: heading }, record.kind ?? t('mydata.record')),
        facts([
          ['mydata.recordId', record.recordId],
          ['mydata.holder', department(record.holder)],
          ['mydata.issued', formatDate(record.issuedAt)],
          ['mydata.status', t(`mydata.recordStatus.${record.status}`)],
        ]),
        el('h3', {}, t('mydata.grants')),
        record.grants.length ? el('ul', { class: 'mydata-grants' }, record.grants.map(grantItem)) : el('p', {}, t('mydata.noGrants')),
        el('h3', {}, t('mydata.releases')),
        record.releases.length || record.accesses.length
          ? el('ul', { class: 'mydata-releases' }, record.releases.map(releaseItem), record.accesses.map(accessItem))
          : el('p', {}, t('mydata.noReleases')));
    }));
  };

  const load = async () => {
    try {
      data = await call('GET', '/api/v1/my-data');
    } catch (error) {
      data = null;
      if (error.status !== 401) {
        say(status, 'mydata.failed', {}, error.problem);
      }
    }
    render();
  };

  const revoke = async (grantId) => {
    say(status, 'mydata.busy');
    try {
      const challenge = await call('POST', `/api/v1/my-data/grants/${encodeURIComponent(grantId)}/challenge`);
      const credential = await navigator.credentials.get({
        publicKey: {
          challenge: fromBase64Url(challenge.challenge),
          rpId: challenge.rpId,
          allowCredentials: [{ type: 'public-key', id: fromBase64Url(challenge.credentialId) }],
          userVerification: 'required',
          timeout: 120000,
        },
      });
      await call('POST', `/api/v1/my-data/grants/${encodeURIComponent(grantId)}/revocation`, assertionOf(credential));
      await load();
      say(status, 'mydata.revoked', { grant: grantId });
    } catch (error) {
      say(status, 'mydata.failed', {}, error.problem);
    }
  };

  signIn.addEventListener('click', async () => {
    say(status, 'mydata.busy');
    try {
      const options = await call('POST', '/api/v1/citizen/sign-in/options');
      const credential = await navigator.credentials.get({
        publicKey: { challenge: fromBase64Url(options.challenge), rpId: options.rpId, userVerification: 'required', timeout: 120000 },
      });
      await call('POST', '/api/v1/citizen/sign-in', { credentialId: toBase64Url(credential.rawId), ...assertionOf(credential) });
      await load();
      say(status, 'mydata.welcome');
    } catch (error) {
      say(status, 'mydata.signInFailed', {}, error.problem);
    }
  });

  signOut.addEventListener('click', async () => {
    await call('DELETE', '/api/v1/citizen/session').catch(() => null);
    data = null;
    render();
    say(status, 'mydata.signedOut');
  });

  onLanguageChange(render);
  load();
}
