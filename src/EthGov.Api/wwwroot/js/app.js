// Starts the page: language first, then the view the address asks for.

import { pagePath } from './base.js';
import { preventStrayDrops } from './dom.js';
import { initialLanguage, language, otherLanguage, setLanguage } from './i18n.js';
import { startDepartmentView } from './department-view.js';
import { startConsentView, startRegisterView } from './passkey-view.js';
import { startMyDataView } from './mydata-view.js';
import { startVerifyView } from './verify-view.js';

function wireLanguageSwitch() {
  const button = document.getElementById('lang-switch');
  const label = () => {
    button.setAttribute('lang', otherLanguage());
    button.dataset.language = language();
  };
  button.addEventListener('click', () => {
    setLanguage(otherLanguage(), { remember: true });
    label();
  });
  setLanguage(initialLanguage());
  label();
}

function route() {
  const path = pagePath();
  const department = path === '/department';
  for (const link of document.querySelectorAll('[data-view-link]')) {
    const current = (link.dataset.viewLink === 'department') === department;
    if (current) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  if (department) {
    startDepartmentView();
    return;
  }
  if (path === '/passkeys/register') {
    startRegisterView();
    return;
  }
  if (path === '/consent') {
    startConsentView();
    return;
  }
  if (path === '/my-data') {
    startMyDataView();
    return;
  }
  const linked = /^\/v\/([^/]+)\/?$/.exec(path);
  if (!linked) {
    startVerifyView(undefined);
    return;
  }
  // A document's link (its QR code) names the issuing department (d) and, where it fit, the batch proof (p).
  const query = new URLSearchParams(window.location.search);
  startVerifyView(decodeURIComponent(linked[1]), { department: query.get('d'), proof: query.get('p') });
}

preventStrayDrops();
wireLanguageSwitch();
route();
document.body.dataset.ready = 'true';
