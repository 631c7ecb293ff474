// A citizen's pages on the holder's node: registering a passkey with a one-time code (/passkeys/register#CODE), and
// consenting to a department's request, or revoking that consent, with it (/consent#TOKEN). The code and the token
// travel in the fragment, which the browser sends to no server; WebAuthn binds the passkey to this page's origin.

import { under } from './base.js';
import { el } from './dom.js';
import { formatDate, onLanguageChange, t } from './i18n.js';

export function toBase64Url(buffer) {
  let text = '';
  for (const byte of new Uint8Array(buffer)) {
    text += String.fromCharCode(byte);
  }
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text) {
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
}

async function post(url, body) {
  const response = await fetch(under(url), {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify(body ?? {}),
    cache: 'no-store',
    credentials: 'omit',
  });
  const payload = (response.headers.get('Content-Type') ?? '').includes('json') ? await response.json() : null;
  if (!response.ok) {
    throw Object.assign(new Error(payload?.title ?? `HTTP ${response.status}`), { problem: payload });
  }
  return payload;
}

function fragment() {
  return decodeURIComponent(window.location.hash.replace(/^#/, ''));
}

function say(status, key, params, problem) {
  status.replaceChildren(el('span', {}, t(key, params)));
  if (problem?.detail) {
    status.append(' ', el('span', { class: 'problem-detail' }, problem.detail));
  }
  status.dataset.state = key;
}

export function startRegisterView() {
  const view = document.getElementById('register-view');
  view.hidden = false;
  const form = document.getElementById('register-form');
  const input = document.getElementById('register-code');
  const status = document.getElementById('register-status');
  input.value = fragment();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    say(status, 'register.busy');
    try {
      const code = input.value.trim();
      const options = await post('/api/v1/passkeys/registrations/options', { code });
      const credential = await navigator.credentials.create({
        publicKey: {
          challenge: fromBase64Url(options.challenge),
          rp: { id: options.rpId, name: options.rpName },
          user: { id: fromBase64Url(options.userId), name: options.userName, displayName: options.userName },
          pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
          authenticatorSelection: { userVerification: 'required', residentKey: 'preferred' },
          attestation: 'none',
          timeout: 120000,
        },
      });
      const bound = await post('/api/v1/passkeys/registrations', {
        code,
        clientDataJson: toBase64Url(credential.response.clientDataJSON),
        attestationObject: toBase64Url(credential.response.attestationObject),
      });
      say(status, bound.role === 'guardian' ? 'register.doneGuardian' : 'register.done');
      status.dataset.passkeyId = bound.passkeyId;
    } catch (error) {
      say(status, 'register.failed', {}, error.problem);
    }
  });
}

export function startConsentView() {
  const view = document.getElementById('consent-view');
  view.hidden = false;
  const token = fragment();
  const details = document.getElementById('consent-details');
  const button = document.getElementById('consent-action');
  const status = document.getElementById('consent-status');
  let request = null;

  const render = () => {
    if (!request) {
      return;
    }
    const use = request.terms.use === 'view-once'
      ? t('consent.use.viewOnce')
      : t('consent.use.store', { days: request.terms.retentionDays });
    const rows = [
      ['consent.grantee', `${request.grantee.name} (${request.grantee.code})`],
      ['consent.holder', `${request.holder.name} (${request.holder.code})`],
      ['consent.record', request.kind ?? request.recordId],
      ['consent.purpose', request.purposeName
        ? t('consent.purposeTitle', { purpose: t(`purpose.${request.purposeName}`), code: request.purpose })
        : t('consent.purposeCode', { code: request.purpose })],
      ['consent.use', use],
      ['consent.fetches', t('consent.fetchesCount', { count: request.terms.maxFetches })],
      ['consent.until', formatDate(request.expiresAt)],
    ];
    details.replaceChildren(...rows.flatMap(([label, value]) => [el('dt', {}, t(label)), el('dd', {}, value)]));
    document.getElementById('consent-lead').textContent = t('consent.lead', { grantee: request.grantee.name, holder: request.holder.name });
    button.hidden = request.state === 'revoked' || request.state === 'expired';
    button.textContent = t(request.state === 'granted' ? 'consent.revoke' : 'consent.give');
    document.getElementById('consent-state').textContent = t(`consent.state.${request.state}`);
  };

  const load = async () => {
    const response = await fetch(under(`/api/v1/consent-requests/${encodeURIComponent(token)}`), { headers: { Accept: 'application/json' }, cache: 'no-store', credentials: 'omit' });
    const payload = await response.json();
    if (!response.ok) {
      say(status, 'consent.notFound', {}, payload);
      button.hidden = true;
      return;
    }
    request = payload;
    render();
  };

  button.addEventListener('click', async () => {
    say(status, 'consent.busy');
    try {
      const challenge = await post(`/api/v1/consent-requests/${encodeURIComponent(token)}/challenge`);
      const credential = await navigator.credentials.get({
        publicKey: {
          challenge: fromBase64Url(challenge.challenge),
          rpId: challenge.rpId,
          allowCredentials: [{ type: 'public-key', id: fromBase64Url(challenge.credentialId) }],
          userVerification: 'required',
          timeout: 120000,
        },
      });
      const recorded = await post(`/api/v1/consent-requests/${encodeURIComponent(token)}/assertion`, {
        clientDataJson: toBase64Url(credential.response.clientDataJSON),
        authenticatorData: toBase64Url(credential.response.authenticatorData),
        signature: toBase64Url(credential.response.signature),
      });
      await load();
      say(status, recorded.action === 'revocation' ? 'consent.revoked' : 'consent.granted', { grant: recorded.grantId });
      status.dataset.grantId = recorded.grantId;
    } catch (error) {
      say(status, 'consent.failed', {}, error.problem);
    }
  });

  onLanguageChange(render);
  load();
}
