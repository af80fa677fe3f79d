/** The storage surface's sentences, for the operator's log (gathered in server/messages.ts). */
export const storage = {
  schemaTooNew: (found: number, known: number) =>
    `数据库结构版本为 ${found}，高于本程序支持的版本 ${known}，服务拒绝启动：请运行写入该数据库的新版本程序，或用本版本生成的备份恢复。`,
} as const;
