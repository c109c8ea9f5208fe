// Offline use: the new-version notice, the link to the single-file copy, and the screen shown where the
// browser withholds WebCrypto (plain http on anything but localhost).
export const en = {
  'offline.update.available': 'A new version of kubeprep is available.',
  'offline.update.reload': 'Reload to update',
  'offline.update.later': 'Later',
  'offline.copy.link': 'Download the offline copy',
  'offline.copy.hint': 'kubeprep.html: one file that works from a USB stick on a machine without network',
  'offline.copy.dev': 'The offline copy is made by the build: run npm run build, then use dist/kubeprep.html (this development server has no such file).',
  'offline.insecure.title': 'This page cannot make keys: it is not a secure context',
  'offline.insecure.explain':
    'Browsers offer WebCrypto (crypto.subtle), which kubeprep uses for every key and certificate, only on secure pages. This page came over plain HTTP from {origin}, so the browser has switched it off. Nothing was generated.',
  'offline.insecure.ways': 'Three ways out:',
  'offline.insecure.https': 'Serve kubeprep over HTTPS, with a certificate this browser trusts.',
  'offline.insecure.singleFile': 'Download the single file and open it from disk (file://):',
  'offline.insecure.localhost':
    'Run it on your own machine and open it as http://localhost or http://127.0.0.1, for example with this command in the folder that holds the app:',
  'offline.insecure.localhostCommand': 'python3 -m http.server 8080 --bind 127.0.0.1',
} as const;

export const zhCN: Record<keyof typeof en, string> = {
  'offline.update.available': 'kubeprep 有新版本可用。',
  'offline.update.reload': '重新加载以更新',
  'offline.update.later': '稍后',
  'offline.copy.link': '下载离线版',
  'offline.copy.dev': '离线版由构建生成：运行 npm run build，然后使用 dist/kubeprep.html（开发服务器上没有这个文件）。',
  'offline.copy.hint': 'kubeprep.html：单个文件，拷到 U 盘即可在无网络的机器上使用',
  'offline.insecure.title': '本页面无法生成密钥：当前不是安全上下文',
  'offline.insecure.explain':
    '浏览器只在安全页面中提供 WebCrypto（crypto.subtle），而 kubeprep 生成每个密钥和证书都要用到它。本页面是通过明文 HTTP 从 {origin} 加载的，浏览器因此禁用了它。没有生成任何内容。',
  'offline.insecure.ways': '有三种解决办法：',
  'offline.insecure.https': '通过 HTTPS 部署 kubeprep，并使用本浏览器信任的证书。',
  'offline.insecure.singleFile': '下载单文件版，从本地磁盘打开（file://）：',
  'offline.insecure.localhost': '在自己的机器上运行，通过 http://localhost 或 http://127.0.0.1 访问，例如在应用所在目录执行：',
  'offline.insecure.localhostCommand': 'python3 -m http.server 8080 --bind 127.0.0.1',
};
