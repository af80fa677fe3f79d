/** The e-mail a person receives when staff answer their 人工服务 request (gathered in server/messages.ts). */
export const mail = {
  replySubject: (reference: string) => `【淮南市经济和信息化局】人工服务答复（受理编号 ${reference}）`,
  /** Only this request's reference and reply: nothing about anyone else, nothing staff wrote internally. */
  replyBody: (reference: string, reply: string) =>
    [
      "您好：",
      "",
      `您通过碳达峰政策助手提交的人工服务请求（受理编号 ${reference}）已有工作人员答复：`,
      "",
      reply,
      "",
      `如需再次查看，请在助手中打开“人工服务”→“查询办理进度”，输入受理编号 ${reference} 和您留下的这个邮箱地址。`,
      "本邮件由系统自动发送，请勿直接回复。如有疑问，请通过助手再次提交人工服务请求。",
      "",
      "淮南市经济和信息化局",
    ].join("\n"),
} as const;
