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
    'phrase.separator': '; ',

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

    // One sentence of a check's detail per key of the verifier's phrase list (EthGov.Core CheckPhrases); English
    // is the verifier's own sentence, so only other languages list them.
    'phrase.separator': '；',
    'phrase.digest.file-matches': '文件的指纹是 {file}',
    'phrase.digest.file-differs': '文件的指纹 {file} 与 {digest} 不同',
    'phrase.digest.receipt-matches': '凭证载明的指纹相同',
    'phrase.digest.receipt-differs': '凭证载明的是 {receiptDigest}，而不是 {digest}',
    'phrase.digest.nothing-to-compare': '未提供可供比对的文件或凭证',
    'phrase.proof.stated': '来自 {from} 的证明从该指纹通向 {root}，账本须确认它是签发部门的一个批次',
    'phrase.proof.lookup-failed': '未能取得批次证明：{answers}',
    'phrase.proof.no-receipt': '未提供凭证',
    'phrase.proof.not-batched': '单独记入账本，不在批次中：无需证明',
    'phrase.proof.leads-to-root': '证明从该指纹通向批次根 {root}',
    'phrase.proof.leads-elsewhere': '证明通向 {computed}，而不是批次根 {root}',
    'phrase.issuer.receipt-names': '凭证载明的签发部门是 {department}',
    'phrase.issuer.requested': '按要求核验部门 {department}',
    'phrase.issuer.this-service': '本服务为部门 {department} 记入账本',
    'phrase.issuer.node-search': '没有部门单独记入此指纹；已向每个在职部门的节点索取证明：{from} 提供了部门 {department} 的证明',
    'phrase.issuer.none': '已询问每个部门：没有部门单独记入此指纹（批次中的文件须凭其凭证、链接中的证明或签发节点的证明查找）',
    'phrase.issuer.only-one': '已询问每个部门：只有部门 {department} 记入了此指纹',
    'phrase.issuer.only-legacy': '已询问每个部门：本登记合约中无人记入此指纹；部门 {department} 在切换前记入了 1.x 版登记合约',
    'phrase.issuer.several': '已询问每个部门：{count} 个部门记入了此指纹；本结论针对部门 {department}',
    'phrase.issuer.listed-valid': '部门 {department} 记入了它：在该部门有效',
    'phrase.issuer.listed-revoked': '部门 {department} 记入了它：已被该部门撤销',
    'phrase.issuer.listed-expired': '部门 {department} 记入了它：在该部门已过期',
    'phrase.issuer.listed-superseded': '部门 {department} 记入了它：已被该部门取代',
    'phrase.issuer.listed-key-compromised': '部门 {department} 用一把已报告泄露的密钥记入了它',
    'phrase.issuer.listed-unknown': '部门 {department} 记入了它：状态不明',
    'phrase.anchored.legacy-unknown-batch': '1.x 版登记合约（{registry}）在区块 {cutover} 切换之前既不知道附此证明的批次根 {root}，也不知道该指纹；切换后记入的不算数',
    'phrase.anchored.legacy-unknown': '1.x 版登记合约（{registry}）在区块 {cutover} 切换之前不知道该指纹；切换后记入的不算数',
    'phrase.anchored.registry-unknown-batch': '登记合约既不知道附此证明的批次根 {root}，也不知道该指纹（读取于区块 {block}）',
    'phrase.anchored.registry-unknown': '登记合约不知道该指纹（读取于区块 {block}）',
    'phrase.anchored.department-unknown-batch': '部门 {department} 既未记入附此证明的批次根 {root}，也未记入该指纹（读取于区块 {block}）',
    'phrase.anchored.department-unknown': '部门 {department} 未记入该指纹（读取于区块 {block}）',
    'phrase.anchored.in-batch': '已在区块 {block} 中随批次 {root} 记入账本',
    'phrase.anchored.in-batch-at': '已于 {time} 在区块 {block} 中随批次 {root} 记入账本',
    'phrase.anchored.on-chain': '已在区块 {block} 中单独记入账本',
    'phrase.anchored.on-chain-at': '已于 {time} 在区块 {block} 中单独记入账本',
    'phrase.anchored.legacy': '已在 1.x 版登记合约的区块 {block} 中记入，早于区块 {cutover} 的切换',
    'phrase.not-anchored': '未记入账本',
    'phrase.issuer-known.not-anchored': '未记入账本，因此没有签发者',
    'phrase.issuer-known.not-registered': '部门 {departmentId} 不在登记合约中',
    'phrase.issuer-known.issued-by': '由部门 {department} 签发',
    'phrase.issuer-status.active': '该部门在职',
    'phrase.issuer-status.suspended': '注意：该部门现已被暂停，不能再签发文件，但此前签发的文件仍然有效',
    'phrase.issuer-status.not-registered': '该部门不在登记合约中',
    'phrase.key.none': '登记合约没有记录记入此文件的密钥',
    'phrase.key.never-compromised': '由该部门的密钥 {key} 记入，该密钥从未被报告泄露',
    'phrase.key.compromised': '由该部门的密钥 {key} 记入，该密钥自 {since} 起被报告泄露，而此文件是在此时或之后记入的：持有被盗密钥的人可能签发了它',
    'phrase.key.compromised-later': '由该部门的密钥 {key} 在其被报告泄露（自 {since} 起）之前记入',
    'phrase.revoked.by-issuer': '已被签发部门撤销，原因：{reason}（代码 {reasonCode}）',
    'phrase.revoked.by-issuer-unlisted': '已被签发部门撤销，原因代码 {reasonCode} 不在公布的代码表中',
    'phrase.revoked.no': '未被撤销',
    'phrase.expiry.registry-expired': '登记合约显示已过期',
    'phrase.expiry.none': '无有效期限制',
    'phrase.expiry.expired': '已于 {validUntil} 过期（链上时间 {chainTime}）',
    'phrase.expiry.valid-until': '有效期至 {validUntil}（链上时间 {chainTime}）',
    'phrase.superseded.by': '已被 {successor} 取代',
    'phrase.superseded.registry': '登记合约显示已被取代',
    'phrase.superseded.no': '没有更新的文件取代它',
    'phrase.receipt.none': '未提供凭证',
    'phrase.receipt.nothing-on-chain': '账本上没有可与凭证比对的记录',
    'phrase.receipt.agrees': '部门 {departmentId} 和区块 {block} 与账本一致',
    'phrase.receipt.differs-department': '凭证中的部门是 {inReceipt}，账本上是 {onChain}',
    'phrase.receipt.differs-department-code': '凭证中的部门代码是 {inReceipt}，账本上是 {onChain}',
    'phrase.receipt.differs-department-name': '凭证中的部门名称是 {inReceipt}，账本上是 {onChain}',
    'phrase.receipt.differs-block': '凭证中的区块是 {inReceipt}，账本上是 {onChain}',
    'phrase.receipt.differs-anchoring-time': '凭证中的记入时间是 {inReceipt}，账本上是 {onChain}',
    'phrase.receipt.differs-valid-until': '凭证中的有效期是 {inReceipt}，账本上是 {onChain}',
    'phrase.receipt.differs-chain-id': '凭证中的链标识是 {inReceipt}，账本上是 {onChain}',
    'phrase.receipt.differs-registry': '凭证中的登记合约是 {inReceipt}，账本上是 {onChain}',
    'phrase.transaction.none-named': '没有凭证或记录载明记入此文件的交易',
    'phrase.transaction.not-read-receipt': '未读取凭证所载的交易 {hash}',
    'phrase.transaction.not-read-record': '未读取本服务记录所载的交易 {hash}',
    'phrase.transaction.missing-receipt': '账本上没有凭证所载的交易 {hash}',
    'phrase.transaction.missing-record': '账本上没有本服务记录所载的交易 {hash}',
    'phrase.transaction.other-block': '交易 {hash} 在区块 {block} 中，而不是 {statedBlock}',
    'phrase.transaction.other-block-hash': '区块 {block} 的哈希是 {blockHash}，而不是 {statedBlockHash}',
    'phrase.transaction.other-recipient': '交易 {hash} 发往 {to}，而不是登记合约 {registry}',
    'phrase.transaction.failed': '交易 {hash} 执行失败',
    'phrase.transaction.no-anchor-event': '交易 {hash} 没有为部门 {department} 记入此文件',
    'phrase.transaction.matches': '区块 {block} 中的交易 {hash} 为部门 {department} 记入了此文件',
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

/** Every key and its text in language, for tests that hold the two languages to the same keys. */
export function texts(language) {
  return { ...messages[language] };
}

/** Whether the current language has its own text for key (no English fallback). */
export function has(key) {
  return key in messages[current];
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
