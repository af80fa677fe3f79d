/** The 人工服务 surface's sentences for the public API (gathered in server/messages.ts). */
export const handoff = {
  phoneInvalid: "应为 11 位手机号码，或带区号的固定电话（如 0554-1234567）。",
  emailInvalid: "应为有效的电子邮箱地址（如 name@example.com）。",
  contactRequired:
    "请留下联系电话或电子邮箱以便工作人员答复；如不便留下，请选择“不留联系方式，凭查询码查询答复”。",
  oneContact: "请只留一种联系方式：电话或电子邮箱。",
  lookupWithContact: "已留下联系方式时无需选择“凭查询码查询”，两者只选其一。",
  lookupOnlyTrue: "只能为 true（表示不留联系方式，凭查询码查询答复）。",
  referenceInvalid: "应为受理编号，如 RG-20260115-AC7KQX。",
  checkRequired: "请填写联系电话的后四位、留言时的电子邮箱，或查询码。",
  lookupNotFound:
    "没有找到与受理编号和验证信息相符的留言。请核对受理编号，以及联系电话后四位（或留言时的邮箱、查询码）。",
  /** The status as the person reads it. */
  states: {
    open: "已受理，等待工作人员处理",
    assigned: "工作人员正在处理",
    replied: "工作人员已答复",
    done: "已办结",
  } as Record<string, string>,
} as const;
