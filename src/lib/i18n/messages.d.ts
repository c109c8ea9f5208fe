// A messages file imported for one language (catalogue-en.ts, catalogue-zh-CN.ts). Its keys are checked
// where the file is written (`zhCN: Record<keyof typeof en, string>`) and where they are used (MessageKey).
declare module '*?locale=en' {
  export const en: Readonly<Record<string, string>>;
}
declare module '*?locale=zh-CN' {
  export const zhCN: Readonly<Record<string, string>>;
}
