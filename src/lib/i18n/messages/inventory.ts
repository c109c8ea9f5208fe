// Words for what reading a cluster's files finds (src/lib/inventory/problems.ts lists the codes; a test
// checks every one has an entry in both languages). Loaded with the screen that reads files, not with the
// first paint (src/lib/renewal/messages.ts).
export const en = {
  'error.inventory.file-too-large': '{path}: {size}, larger than any certificate, key or kubeconfig ({limit} at most); skipped unread',
  'error.inventory.archive-too-large': '{path}: reading stopped after {limit}; unpack it and choose only the PKI folder (such as /etc/kubernetes)',
  'error.inventory.too-many-files': 'Stopped after {limit} files: choose the PKI folder itself (/etc/kubernetes, the cfssl output folder) rather than a whole disk',
  'error.inventory.unsafe-path': '{path}: an absolute path or one that climbs out of its folder with ".."; skipped, as it would be written outside the folder the zip is unpacked in',
  'error.inventory.link-skipped': '{path}: a link ({target}); links are not followed, add the file it points to instead',
  'error.inventory.not-a-file': '{path}: not a regular file (a device or a pipe); skipped',
  'error.inventory.corrupt-archive': '{path}: the archive is damaged ({detail}); the files read before the damage are kept',
  'error.inventory.nested-archive': '{path}: an archive inside an archive is not opened; unpack it and add it on its own',
  'error.inventory.not-pki': '{path}: holds no certificate, key or kubeconfig',
  'error.inventory.damaged': '{path}: a certificate or key in it could not be read ({detail})',
  'error.inventory.kubeconfig-no-certificates': '{path}: a kubeconfig without a client certificate (it authenticates with a token, so nothing in it expires here)',
  'error.inventory.kubeconfig-file-reference': '{path}: a kubeconfig that names its certificate files ({files}) instead of embedding them; add those files to see them',
  'error.inventory.encrypted-key': '{path}: an encrypted private key; it cannot be matched or sign anything until decrypted (openssl pkey -in key.pem -out plain.pem)',
  'error.inventory.duplicate-path': '{path}: read twice with different contents; the last one read is used',
} as const;

export const zhCN: Record<keyof typeof en, string> = {
  'error.inventory.file-too-large': '{path}：{size}，比任何证书、私钥或 kubeconfig 都大（最多 {limit}）；未读取，已跳过',
  'error.inventory.archive-too-large': '{path}：读取到 {limit} 后停止；请先解压，只选择 PKI 目录（例如 /etc/kubernetes）',
  'error.inventory.too-many-files': '读取 {limit} 个文件后停止：请直接选择 PKI 目录（/etc/kubernetes 或 cfssl 的输出目录），不要选择整个磁盘',
  'error.inventory.unsafe-path': '{path}：绝对路径，或用 ".." 跳出了所在目录；已跳过，否则解压 zip 时它会被写到目录之外',
  'error.inventory.link-skipped': '{path}：链接（{target}）；不跟随链接，请直接添加它指向的文件',
  'error.inventory.not-a-file': '{path}：不是普通文件（设备或管道）；已跳过',
  'error.inventory.corrupt-archive': '{path}：归档文件已损坏（{detail}）；损坏之前读到的文件仍然保留',
  'error.inventory.nested-archive': '{path}：不会打开归档文件里的归档文件；请先解压，再单独添加',
  'error.inventory.not-pki': '{path}：没有证书、私钥或 kubeconfig',
  'error.inventory.damaged': '{path}：其中的证书或私钥无法读取（{detail}）',
  'error.inventory.kubeconfig-no-certificates': '{path}：没有客户端证书的 kubeconfig（用令牌认证，这里没有会到期的内容）',
  'error.inventory.kubeconfig-file-reference': '{path}：kubeconfig 引用了证书文件（{files}），没有内嵌证书；请把这些文件也添加进来',
  'error.inventory.encrypted-key': '{path}：加密的私钥；解密之前无法匹配证书，也不能用来签名（openssl pkey -in key.pem -out plain.pem）',
  'error.inventory.duplicate-path': '{path}：读到两次且内容不同；使用最后读到的那一份',
};
