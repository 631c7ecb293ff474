// Every sentence the page shows, in English and Simplified Chinese. Texts are plain strings with {named}
// placeholders; the page inserts them with textContent only, so nothing here or in a parameter is HTML.

const messages = {
  en: {
    'page.title': 'Verify a government document — EthGov',
    'skip': 'Skip to content',
    'brand': 'EthGov document check',
    'nav.label': 'Sections',
    'nav.verify': 'Verify a document',
    'nav.department': 'For departments',
    'lang.switch': '中文',
    'lang.switchLabel': '切换到中文',

    'verify.title': 'Is this document genuine?',
    'verify.lead': 'Government departments record a fingerprint of every document they issue on a shared public ledger. Check a certificate, licence or decision against that record: no account needed.',
    'verify.file.heading': 'Check a file',
    'verify.file.drop': 'Drop the document here',
    'verify.file.or': 'or',
    'verify.file.choose': 'choose a file',
    'verify.file.privacy': 'Your file never leaves this computer. Your browser computes its SHA-256 fingerprint and sends only that fingerprint.',
    'verify.digest.heading': 'Check a fingerprint',
    'verify.digest.label': 'Document fingerprint (SHA-256, 0x followed by 64 hexadecimal digits)',
    'verify.digest.submit': 'Verify',
    'verify.receipt.summary': 'I also have a receipt (optional)',
    'verify.receipt.help': 'A receipt is the JSON file the department gave with the document. With it, the check also confirms the receipt matches the document and the ledger.',
    'verify.receipt.label': 'Receipt (JSON)',
    'verify.receipt.open': 'Open a receipt file',
    'verify.receipt.submit': 'Verify with the receipt',

    'verdict.label': 'Result',
    'busy.hashing': 'Computing the fingerprint of {name} in your browser…',
    'busy.checking': 'Checking the ledger…',

    'outcome.valid': 'Valid',
    'outcome.revoked': 'Revoked',
    'outcome.expired': 'Expired',
    'outcome.superseded': 'Replaced by a newer document',
    'outcome.unknown': 'Not on record',
    'outcome.mismatch': 'Does not match',
    'outcome.key-compromised': 'Recorded with a stolen key',
    'outcome.unreachable': 'Cannot be checked right now',
    'summary.valid': 'Issued by {department} and valid.',
    'summary.validNoName': 'Issued by a registered department and valid.',
    'summary.revoked': 'The issuing department revoked this document. Reason: {reason}.',
    'summary.expired': 'This document was genuine, but its validity ended on {date}.',
    'summary.expiredNoDate': 'This document was genuine, but its validity has ended.',
    'summary.superseded': 'The issuing department replaced this document with a newer one.',
    'summary.supersededLink': 'Check the newer document',
    'summary.unknown': 'No department has recorded a document with this fingerprint. A document changed in any way, even by one character, is not found.',
    'summary.mismatch': 'The file, the receipt and the ledger do not agree: this is not the document the receipt describes.',
    'summary.key-compromised': 'The key that recorded this document was reported stolen or lost from {date} on: whoever held it could have issued this document.',
    'summary.keyCompromisedNoDate': 'The key that recorded this document was reported stolen or lost: whoever held it could have issued this document.',
    'summary.unreachable': 'The ledger does not list this document on its own, so the proof that finds it in a batch was asked of the issuing department\u2019s service, which did not answer in time. This is not a sign of forgery: try again later.',
    'announce': 'Result: {outcome}. {summary}',

    'facts.heading': 'Details',
    'facts.issuer': 'Issued by',
    'facts.departmentStatus': 'Department status',
    'facts.anchoredAt': 'Recorded on the ledger',
    'facts.anchoredBlockSuffix': ' (block {block})',
    'facts.validUntil': 'Valid until',
    'facts.noExpiry': 'No expiry date',
    'facts.revocationReason': 'Revocation reason',
    'facts.successor': 'Replaced by',
    'facts.digest': 'Fingerprint checked',
    'facts.digestOfFile': 'Fingerprint of {name}',
    'facts.transaction': 'Recording transaction',
    'facts.keyCompromisedSince': 'Recording key reported compromised since',
    'facts.receipt': 'Receipt',
    'facts.receiptDownload': 'Download the receipt (JSON)',
    'department.active': 'Active',
    'department.suspended': 'Suspended; documents it issued before the suspension stay valid',

    // The published revocation reasons (GET /api/v1/revocation-reasons), titled as the API titles them.
    'reason.unspecified': 'No reason stated',
    'reason.issued-in-error': 'Issued in error',
    'reason.replaced': 'Replaced by another document',
    'reason.withdrawn': 'Withdrawn by the department',
    'reason.fraud': 'Obtained by fraud',
    'reason.holder-request': 'At the holder\u2019s request',
    'reason.entitlement-ended': 'Conditions no longer met',
    'reason.court-order': 'Annulled by a court or on appeal',
    'reason.lost-or-stolen': 'Lost or stolen',
    'reason.code': '{reason} (code {code})',
    'reason.unlisted': 'code {code}, which is not on the published list',

    'checks.heading': 'How this was checked',
    'checks.basis': 'Read from chain {chainId}, registry {registry}, at block {block} ({time}).',
    'check.passed': 'passed',
    'check.failed': 'failed',
    'check.skipped': 'not applicable',
    'check.digest-matches': 'The file matches the fingerprint and receipt',
    'check.proof-valid': 'The batch proof is correct',
    'check.anchored': 'Recorded on the ledger',
    'check.issuer-known': 'The issuer is a registered department',
    'check.issuer-status': 'The issuer\u2019s standing',
    'check.not-revoked': 'Not revoked',
    'check.not-expired': 'Not expired',
    'check.not-superseded': 'Not replaced',
    'check.receipt-matches-chain': 'The receipt agrees with the ledger',
    'check.issuer-named': 'The department whose record was checked',
    'check.key-not-compromised': 'The recording key was not compromised',
    'check.transaction-matches': 'The receipt\u2019s transaction is on the ledger',

    'error.heading': 'The check could not be made',
    'error.network': 'The verification service could not be reached. Check your connection and try again.',
    'error.digest': 'This is not a fingerprint: give 0x followed by 64 hexadecimal digits.',
    'error.linkDigest': 'The link does not contain a valid document fingerprint.',
    'error.receiptJson': 'The receipt is not valid JSON: {message}',
    'error.receiptEmpty': 'Paste or open a receipt first.',
    'error.noCrypto': 'This browser cannot compute fingerprints here (the page must be opened over HTTPS). Enter the fingerprint instead.',
    'error.server': 'The service answered: {title}',

    'dept.title': 'Anchor documents',
    'dept.lead': 'Signed-in departments record the fingerprints of the documents they issue. Files are hashed in this browser; only fingerprints are sent.',
    'dept.key.label': 'Department API key',
    'dept.key.help': 'Kept only in this browser tab (session storage) until you sign out or close the tab, and sent only to this server.',
    'dept.key.submit': 'Sign in',
    'dept.signedIn': 'Signed in with a department key.',
    'dept.signOut': 'Sign out',
    'dept.validUntil': 'Valid until (optional, applies to the next files)',
    'dept.drop': 'Drop documents to anchor here',
    'dept.choose': 'choose files',
    'dept.table.caption': 'Documents anchored in this session',
    'dept.table.file': 'File',
    'dept.table.digest': 'Fingerprint',
    'dept.table.status': 'Status',
    'dept.table.actions': 'Downloads',
    'dept.empty': 'No documents yet.',
    'dept.status.hashing': 'Computing fingerprint',
    'dept.status.sending': 'Sending',
    'dept.status.pending': 'Pending',
    'dept.status.anchored': 'Confirmed',
    'dept.status.failed': 'Refused',
    'dept.download.receipt': 'Receipt',
    'dept.download.png': 'QR code (PNG)',
    'dept.download.svg': 'QR code (SVG)',
    'dept.verifyLink': 'Verify',
    'dept.summary': '{pending} pending, {anchored} confirmed, {failed} refused.',
    'dept.unauthorized': 'The API key is unknown or revoked. Sign in again.',
    'dept.key.heading': 'Or with a department API key',
    'dept.staff.heading': 'Clerk sign-in',
    'dept.staff.name': 'Name',
    'dept.staff.password': 'Password',
    'dept.staff.submit': 'Sign in',
    'dept.staff.signedIn': 'Signed in as {name} ({department}); roles: {roles}.',
    'dept.staff.failed': 'Sign-in failed: the name or the password is not right, or the account may not sign in now. Repeated failures lock the account for a while.',
    'dept.staff.mustChange': 'Your password is a one-time password: change it before doing anything else.',
    'dept.issued.title': 'Issued documents',
    'dept.issued.q': 'Fingerprint, file name or reference',
    'dept.issued.statusFilter': 'Status',
    'dept.issued.any': 'Any status',
    'dept.issued.search': 'Search',
    'dept.issued.export': 'Export CSV',
    'dept.issued.reference': 'Reference',
    'dept.issued.accepted': 'Issued',
    'dept.issued.empty': 'Nothing found.',
    'dept.issued.more': 'More',
    'dept.issued.failed': 'The list could not be loaded. Try again.',
    'dept.issued.tooLarge': 'The export would be too large: narrow the search.',
    'dept.issued.status.pending': 'Pending',
    'dept.issued.status.failed': 'Refused',
    'dept.issued.status.valid': 'Valid',
    'dept.issued.status.expired': 'Expired',
    'dept.issued.status.revoked': 'Revoked',
    'dept.issued.status.superseded': 'Superseded',
    'register.title': 'Register your passkey',
    'register.lead': 'A passkey on your phone or computer lets you decide who may use your record. Enter the code printed on your certificate, then confirm with your fingerprint, face or PIN. Nothing about you is written on the ledger.',
    'register.code': 'Registration code',
    'register.submit': 'Create my passkey',
    'register.busy': 'Waiting for your passkey…',
    'register.done': 'Your passkey is registered for this record.',
    'register.doneGuardian': 'Your passkey is registered for this record, as guardian.',
    'register.failed': 'The passkey could not be registered.',

    'consent.title': 'A department asks to use your record',
    'consent.lead': '{grantee} asks to receive your record held by {holder}. Nothing is shared unless you consent with your passkey, and you can revoke your consent here later.',
    'consent.asked': 'What is asked',
    'consent.grantee': 'Who will receive it',
    'consent.holder': 'Who holds it',
    'consent.record': 'Which record',
    'consent.purpose': 'Why',
    'consent.purposeCode': 'purpose code {code}',
    'consent.use': 'How it may be used',
    'consent.use.viewOnce': 'viewed once, not kept',
    'consent.use.store': 'kept for {days} days',
    'consent.fetches': 'How many times',
    'consent.fetchesCount': 'at most {count} times',
    'consent.until': 'Until',
    'consent.stateLabel': 'Status',
    'consent.state.asked': 'waiting for your answer',
    'consent.state.granted': 'you consented',
    'consent.state.revoked': 'you revoked your consent',
    'consent.state.expired': 'this request has expired',
    'consent.give': 'Consent with my passkey',
    'consent.revoke': 'Revoke my consent',
    'consent.busy': 'Waiting for your passkey…',
    'consent.granted': 'Your consent is recorded on the ledger (grant {grant}).',
    'consent.revoked': 'Your consent is revoked (grant {grant}).',
    'consent.failed': 'Nothing was recorded.',
    'consent.notFound': 'This consent request cannot be opened.',
  },
  'zh-CN': {
    'page.title': '核验政府文件 — EthGov',
    'skip': '跳到正文',
    'brand': 'EthGov 文件核验',
    'nav.label': '栏目',
    'nav.verify': '核验文件',
    'nav.department': '部门入口',
    'lang.switch': 'English',
    'lang.switchLabel': 'Switch to English',

    'verify.title': '这份文件是真的吗？',
    'verify.lead': '政府部门会把所签发每份文件的指纹记录在共享的公共账本上。您可以将证书、执照或决定书与该记录比对，无需注册账户。',
    'verify.file.heading': '核验文件',
    'verify.file.drop': '把文件拖放到这里',
    'verify.file.or': '或',
    'verify.file.choose': '选择文件',
    'verify.file.privacy': '您的文件不会离开这台电脑。浏览器在本地计算文件的 SHA-256 指纹，只发送该指纹。',
    'verify.digest.heading': '核验指纹',
    'verify.digest.label': '文件指纹（SHA-256，0x 加 64 位十六进制数字）',
    'verify.digest.submit': '核验',
    'verify.receipt.summary': '我还有凭证（可选）',
    'verify.receipt.help': '凭证是部门随文件提供的 JSON 文件。提供凭证后，还会确认凭证与文件及账本一致。',
    'verify.receipt.label': '凭证（JSON）',
    'verify.receipt.open': '打开凭证文件',
    'verify.receipt.submit': '连同凭证核验',

    'verdict.label': '核验结果',
    'busy.hashing': '正在浏览器中计算 {name} 的指纹…',
    'busy.checking': '正在查询账本…',

    'outcome.valid': '有效',
    'outcome.revoked': '已撤销',
    'outcome.expired': '已过期',
    'outcome.superseded': '已被新文件取代',
    'outcome.unknown': '无登记记录',
    'outcome.mismatch': '不一致',
    'outcome.key-compromised': '以泄露的密钥记录',
    'outcome.unreachable': '暂时无法核验',
    'summary.valid': '由{department}签发，当前有效。',
    'summary.validNoName': '由已登记的部门签发，当前有效。',
    'summary.revoked': '签发部门已撤销此文件。撤销原因：{reason}。',
    'summary.expired': '此文件曾经有效，但有效期已于 {date} 结束。',
    'summary.expiredNoDate': '此文件曾经有效，但有效期已结束。',
    'summary.superseded': '签发部门已用一份新文件取代此文件。',
    'summary.supersededLink': '核验新文件',
    'summary.unknown': '没有任何部门登记过具有此指纹的文件。文件只要有任何改动（哪怕一个字符），都将无法找到。',
    'summary.mismatch': '文件、凭证与账本三者不一致：这不是凭证所描述的文件。',
    'summary.key-compromised': '记录此文件的密钥已被报告自 {date} 起被盗或遗失：持有该密钥的任何人都可能签发了此文件。',
    'summary.keyCompromisedNoDate': '记录此文件的密钥已被报告被盗或遗失：持有该密钥的任何人都可能签发了此文件。',
    'summary.unreachable': '账本上没有单独登记此文件，因此向签发部门的服务索取在批次中找到它的证明，但该服务未能及时响应。这并不表示文件是伪造的，请稍后再试。',
    'announce': '核验结果：{outcome}。{summary}',

    'facts.heading': '详细信息',
    'facts.issuer': '签发部门',
    'facts.departmentStatus': '部门状态',
    'facts.anchoredAt': '记入账本时间',
    'facts.anchoredBlockSuffix': '（区块 {block}）',
    'facts.validUntil': '有效期至',
    'facts.noExpiry': '长期有效',
    'facts.revocationReason': '撤销原因',
    'facts.successor': '取代它的文件',
    'facts.digest': '所核验的指纹',
    'facts.digestOfFile': '{name} 的指纹',
    'facts.transaction': '记录交易',
    'facts.keyCompromisedSince': '记录密钥被报告泄露的起始时间',
    'facts.receipt': '凭证',
    'facts.receiptDownload': '下载凭证（JSON）',
    'department.active': '正常',
    'department.suspended': '已暂停；暂停前签发的文件仍然有效',

    'reason.unspecified': '未说明原因',
    'reason.issued-in-error': '错误签发',
    'reason.replaced': '已被其他文件取代',
    'reason.withdrawn': '签发部门撤回',
    'reason.fraud': '以欺诈手段取得',
    'reason.holder-request': '应持有人申请',
    'reason.entitlement-ended': '不再符合条件',
    'reason.court-order': '经法院或复议撤销',
    'reason.lost-or-stolen': '遗失或被盗',
    'reason.code': '{reason}（代码 {code}）',
    'reason.unlisted': '代码 {code}（不在公布的代码表中）',

    'checks.heading': '核验依据',
    'checks.basis': '读取自链 {chainId}、登记合约 {registry}，区块 {block}（{time}）。',
    'check.passed': '通过',
    'check.failed': '未通过',
    'check.skipped': '不适用',
    'check.digest-matches': '文件与指纹及凭证一致',
    'check.proof-valid': '批次证明正确',
    'check.anchored': '已记入账本',
    'check.issuer-known': '签发者是已登记的部门',
    'check.issuer-status': '签发部门状态',
    'check.not-revoked': '未被撤销',
    'check.not-expired': '未过期',
    'check.not-superseded': '未被取代',
    'check.receipt-matches-chain': '凭证与账本记录一致',
    'check.issuer-named': '所核验的签发部门',
    'check.key-not-compromised': '记录密钥未泄露',
    'check.transaction-matches': '凭证中的交易已在账本上核实',

    'error.heading': '无法完成核验',
    'error.network': '无法连接核验服务。请检查网络后重试。',
    'error.digest': '这不是有效的指纹：应为 0x 加 64 位十六进制数字。',
    'error.linkDigest': '该链接不包含有效的文件指纹。',
    'error.receiptJson': '凭证不是有效的 JSON：{message}',
    'error.receiptEmpty': '请先粘贴或打开凭证。',
    'error.noCrypto': '此浏览器无法在本页计算指纹（页面须通过 HTTPS 打开）。请直接输入指纹。',
    'error.server': '服务返回：{title}',

    'dept.title': '文件上链登记',
    'dept.lead': '已登录的部门可登记所签发文件的指纹。文件在本浏览器中计算指纹，只发送指纹。',
    'dept.key.label': '部门 API 密钥',
    'dept.key.help': '密钥只保存在此浏览器标签页（会话存储）中，退出或关闭标签页即清除，且只发送给本服务器。',
    'dept.key.submit': '登录',
    'dept.signedIn': '已使用部门密钥登录。',
    'dept.signOut': '退出',
    'dept.validUntil': '有效期至（可选，适用于之后添加的文件）',
    'dept.drop': '把要登记的文件拖放到这里',
    'dept.choose': '选择文件',
    'dept.table.caption': '本次会话登记的文件',
    'dept.table.file': '文件',
    'dept.table.digest': '指纹',
    'dept.table.status': '状态',
    'dept.table.actions': '下载',
    'dept.empty': '尚无文件。',
    'dept.status.hashing': '正在计算指纹',
    'dept.status.sending': '正在发送',
    'dept.status.pending': '待确认',
    'dept.status.anchored': '已确认',
    'dept.status.failed': '被拒绝',
    'dept.download.receipt': '凭证',
    'dept.download.png': '二维码（PNG）',
    'dept.download.svg': '二维码（SVG）',
    'dept.verifyLink': '核验',
    'dept.summary': '待确认 {pending} 份，已确认 {anchored} 份，被拒绝 {failed} 份。',
    'dept.unauthorized': 'API 密钥无效或已被吊销，请重新登录。',
    'dept.key.heading': '或使用部门 API 密钥',
    'dept.staff.heading': '工作人员登录',
    'dept.staff.name': '用户名',
    'dept.staff.password': '密码',
    'dept.staff.submit': '登录',
    'dept.staff.signedIn': '已登录：{name}（{department}）；角色：{roles}。',
    'dept.staff.failed': '登录失败：用户名或密码不正确，或该账户暂时不能登录。多次失败会暂时锁定账户。',
    'dept.staff.mustChange': '您的密码是一次性密码：请先修改密码。',
    'dept.issued.title': '已签发文件',
    'dept.issued.q': '指纹、文件名或编号',
    'dept.issued.statusFilter': '状态',
    'dept.issued.any': '全部状态',
    'dept.issued.search': '搜索',
    'dept.issued.export': '导出 CSV',
    'dept.issued.reference': '编号',
    'dept.issued.accepted': '签发时间',
    'dept.issued.empty': '未找到文件。',
    'dept.issued.more': '更多',
    'dept.issued.failed': '无法加载列表，请重试。',
    'dept.issued.tooLarge': '导出内容过多：请缩小搜索范围。',
    'dept.issued.status.pending': '待确认',
    'dept.issued.status.failed': '被拒绝',
    'dept.issued.status.valid': '有效',
    'dept.issued.status.expired': '已过期',
    'dept.issued.status.revoked': '已吊销',
    'dept.issued.status.superseded': '已被取代',
    'register.title': '注册您的通行密钥',
    'register.lead': '手机或电脑上的通行密钥让您决定谁可以使用您的记录。请输入证书上印的代码，然后用指纹、面容或 PIN 确认。账本上不会写入任何关于您的信息。',
    'register.code': '注册代码',
    'register.submit': '创建我的通行密钥',
    'register.busy': '正在等待您的通行密钥…',
    'register.done': '您的通行密钥已为此记录注册。',
    'register.doneGuardian': '您的通行密钥已作为监护人为此记录注册。',
    'register.failed': '无法注册通行密钥。',

    'consent.title': '有部门请求使用您的记录',
    'consent.lead': '{grantee} 请求获取由 {holder} 保管的您的记录。除非您用通行密钥同意，否则不会共享任何内容；之后您也可以在此撤回同意。',
    'consent.asked': '请求的内容',
    'consent.grantee': '接收方',
    'consent.holder': '保管方',
    'consent.record': '哪份记录',
    'consent.purpose': '用途',
    'consent.purposeCode': '用途代码 {code}',
    'consent.use': '使用方式',
    'consent.use.viewOnce': '仅查看一次，不保存',
    'consent.use.store': '保存 {days} 天',
    'consent.fetches': '次数',
    'consent.fetchesCount': '最多 {count} 次',
    'consent.until': '截止日期',
    'consent.stateLabel': '状态',
    'consent.state.asked': '等待您的答复',
    'consent.state.granted': '您已同意',
    'consent.state.revoked': '您已撤回同意',
    'consent.state.expired': '此请求已过期',
    'consent.give': '用我的通行密钥同意',
    'consent.revoke': '撤回我的同意',
    'consent.busy': '正在等待您的通行密钥…',
    'consent.granted': '您的同意已记录在账本上（授权 {grant}）。',
    'consent.revoked': '您的同意已撤回（授权 {grant}）。',
    'consent.failed': '未记录任何内容。',
    'consent.notFound': '无法打开此同意请求。',
  },
};

const storageKey = 'ethgov.language';
const listeners = [];
let current = 'en';

/** The page's language: the visitor's earlier choice, else the first of their browser languages we have. */
export function initialLanguage() {
  const stored = localStorage.getItem(storageKey);
  if (stored && stored in messages) {
    return stored;
  }
  for (const wanted of navigator.languages ?? [navigator.language]) {
    const lower = wanted.toLowerCase();
    if (lower.startsWith('zh')) {
      return 'zh-CN';
    }
    if (lower.startsWith('en')) {
      return 'en';
    }
  }
  return 'en';
}

export function language() {
  return current;
}

/** Switches every marked element and tells the views, which re-render what they built. */
export function setLanguage(lang, { remember = false } = {}) {
  current = lang in messages ? lang : 'en';
  if (remember) {
    localStorage.setItem(storageKey, current);
  }
  document.documentElement.lang = current;
  document.title = t('page.title');
  for (const element of document.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n);
  }
  for (const element of document.querySelectorAll('[data-i18n-aria-label]')) {
    element.setAttribute('aria-label', t(element.dataset.i18nAriaLabel));
  }
  for (const listener of listeners) {
    listener(current);
  }
}

export function onLanguageChange(listener) {
  listeners.push(listener);
}

export function otherLanguage() {
  return current === 'en' ? 'zh-CN' : 'en';
}

/** The text for key in the current language, with {name} placeholders filled from params. */
export function t(key, params = {}) {
  const text = messages[current][key] ?? messages.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (match, name) => (name in params ? String(params[name]) : match));
}

/** A chain time (ISO 8601) for people: local date and time in the page's language. */
export function formatTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  return new Intl.DateTimeFormat(current, { dateStyle: 'long', timeStyle: 'short' }).format(date);
}

export function formatDate(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(current, { dateStyle: 'long' }).format(date);
}
