/** The feedback surface's sentences (gathered in server/messages.ts). */
export const feedback = {
  thanks: "感谢您的反馈！",
  unknownMessage: "找不到这条回答或计算结果（会话可能已过期），反馈未保存。",
} as const;
