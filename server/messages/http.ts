/** The http surface's sentences (gathered in server/messages.ts). */
export const http = {
  notFound: "您访问的接口不存在。请检查地址，或查看 README 中的接口说明。",
  internal: "服务暂时出现问题，请稍后再试。如问题持续，请联系淮南市经济和信息化局。",
  invalidJson: "请求内容不是有效的 JSON，请检查格式后重试。",
  payloadTooLarge: "请求内容过大，请缩短后重试。",
  badRequest: "请求参数有误。",
  rateLimited: "请求过于频繁，请稍后再试。",
  originNotAllowed: "此网站未获准调用本服务。",
  notReady: "服务尚未就绪，请稍后再试。",
  storageUnavailable: "暂时无法保存您的请求，请稍后再试。如急需办理，请直接联系淮南市经济和信息化局。",
  metricsUnauthorized: "需要有效的访问令牌。",
  metricsLocalOnly:
    "未设置访问令牌时，监控指标只对本机开放。如需从其他机器或经反向代理采集，请设置 METRICS_TOKEN。",
  shuttingDown: "服务正在停机维护，这次回答未能完成，请稍后重新提问。",
} as const;
