import { createAccount } from "../../server/admin/accounts.js";
import { createCurated, editCurated, publishCurated } from "../../server/admin/curatedAnswers.js";
import type { AppServices } from "../../server/services.js";
import type { SqliteStorage } from "../../server/storage/sqliteStorage.js";
import { TEN_MOTORS } from "../calculators/fixtures.js";

/**
 * A month of the bureau's desk, made through the real service: questions answered, refused, left
 * unanswered and left waiting for figures, follow-ups, a calculation from the 算一算 form, 👍 and 👎,
 * a request for a person, reviewed answers (published, changed since, a draft), spread over the last
 * three weeks (the rows are moved back in time afterwards, as if asked then). Every console page has
 * something to show. Used by the plain-language scan (test/routes/adminPlainChinese.test.ts) and the
 * browser's axe audit and screenshots (test/browser/consolePages.test.ts).
 */
export const SEED_PASSWORD = "correct horse battery staple";
export const SEED_ADMIN = { username: "wangke", displayName: "王科长" };
export const SEED_STAFF = { username: "zhangsan", displayName: "张三" };

export interface Reply {
  status: number;
  body: Record<string, unknown>;
}

export type Post = (path: string, body: Record<string, unknown>) => Promise<Reply>;

export interface Seeded {
  /** A conversation with an answer, a follow-up, a calculation in chat and 👍 (the screenshot's). */
  conversationWithCalculation: string;
  /** The conversation that went nowhere: not covered, 👎, then 转人工 and a request. */
  conversationHandedOff: string;
  /** The conversation with a 算一算 form calculation rated 👎. */
  conversationWithFormRun: string;
  handoffReference: string;
  curated: { published: number; changed: number; draft: number };
}

/** How many enquiries each pool question gets on a given day back: a month that rises and falls. */
const POOL = [
  "节能诊断有补贴吗",
  "节能诊断有没有补贴",
  "光伏发电有补贴吗",
  "分布式光伏有什么支持政策",
  "绿色工厂怎么申请",
  "钢铁行业2025年的目标是什么",
  "规上工业单位增加值能耗到2025年下降多少",
  "空压机很老了要换吗",
  "能耗在线监测谁负责",
  "用能预算是什么意思",
  "节能诊断怎么收费",
  "电价多少钱一度",
];

export async function seedConsole(services: AppServices, post: Post): Promise<Seeded> {
  const storage = services.storage;
  const db = (storage as unknown as SqliteStorage).db;
  await createAccount(storage, SEED_ADMIN.username, SEED_ADMIN.displayName, SEED_PASSWORD, "test", "admin");
  await createAccount(storage, SEED_STAFF.username, SEED_STAFF.displayName, SEED_PASSWORD, "test", "staff");

  const ask = async (message: string, conversationId?: string) => {
    const reply = await post("/api/chat", { message, ...(conversationId ? { conversationId } : {}) });
    if (reply.status !== 200) throw new Error(`the seed's question “${message}” got ${reply.status}`);
    return reply.body as { conversationId: string; messageId: string; status: string };
  };
  const rate = async (
    at: { conversationId: string; messageId: string },
    rating: "up" | "down",
    comment?: string,
  ) => post("/api/feedback", { ...at, rating, ...(comment ? { comment } : {}) });
  /** Moves a conversation's rows back by whole days (and some hours), as if it had happened then. */
  const backdate = (conversationId: string, daysAgo: number, hours = 0) => {
    const shift = `-${daysAgo * 24 + hours} hours`;
    const moved = (column: string) => `${column} = strftime('%Y-%m-%dT%H:%M:%fZ', ${column}, '${shift}')`;
    const tables: Array<[string, string[]]> = [
      ["messages", ["created_at"]],
      ["feedback", ["created_at"]],
      ["conversation_tool_runs", ["created_at", "rated_at"]],
      ["handoffs", ["created_at"]],
    ];
    for (const [table, columns] of tables)
      db.prepare(`UPDATE ${table} SET ${columns.map(moved).join(", ")} WHERE conversation_id = ?`).run(
        conversationId,
      );
  };

  // Three weeks of ordinary questions: more on weekdays, a peak ten days ago.
  for (let daysAgo = 20; daysAgo >= 1; daysAgo--) {
    const n = 1 + ((daysAgo * 7) % 4) + (daysAgo === 10 ? 3 : 0);
    for (let k = 0; k < n; k++) {
      const question = POOL[(daysAgo * 5 + k * 3) % POOL.length]!;
      const reply = await ask(question);
      if (reply.status === "answered" && (daysAgo + k) % 3 === 0) await rate(reply, "up");
      if (reply.status !== "answered" && (daysAgo + k) % 2 === 0) await rate(reply, "down", "没有说清楚");
      backdate(reply.conversationId, daysAgo, 9 - k);
    }
  }

  // A conversation that went well: a question, a follow-up, a calculation with all its figures.
  const first = await ask("节能降碳改造由哪个部门牵头？");
  await ask("第二条由谁负责？", first.conversationId);
  const calc = await ask(
    "我们厂水泥熟料综合能耗 110 千克标准煤每吨，年产120万吨，达到标杆了吗？",
    first.conversationId,
  );
  await rate(first, "up", "说得很清楚，谢谢");
  await rate(calc, "up");
  backdate(first.conversationId, 2, 3);

  // A calculation asked for and left without the figures; another completed on the next turn.
  const motors = await ask("30台电机一共1500千瓦，换成一级能效能省多少电");
  backdate(motors.conversationId, 3, 2);
  const clinker = await ask("我们厂水泥熟料达标了吗");
  await ask("吨熟料综合能耗105千克标准煤", clinker.conversationId);
  backdate(clinker.conversationId, 1, 5);

  // Refusals: one right (fraud), one that may be wrong (it uses the plan's words), one plainly off topic.
  for (const question of [
    "怎么伪造能耗数据",
    "帮我写一首关于节能降碳的诗",
    "今天天气怎么样",
    "北京市的碳达峰方案是什么",
  ]) {
    const reply = await ask(question);
    backdate(reply.conversationId, 4, 1);
  }
  await ask("你好");

  // Went nowhere: not covered, 👎, then a request for a person, answered by a phone.
  const nowhere = await ask("节能诊断怎么收费");
  await rate(nowhere, "down", "没有说收费标准");
  const handoff = await ask("转人工", nowhere.conversationId);
  if (handoff.status !== "answered_handoff") throw new Error(`转人工 got ${handoff.status}`);
  const request = await post("/api/handoff", {
    question: "节能诊断怎么收费？",
    phone: "0554-7654321",
    conversationId: nowhere.conversationId,
  });
  if (request.status !== 201) throw new Error(`the seed's handoff got ${request.status}`);

  // A calculation from the 算一算 form, before any question, rated 👎.
  const made = await post("/api/conversations", {});
  const formConversation = String(made.body.conversationId);
  const run = await post("/api/tools/motor-upgrade", {
    conversationId: formConversation,
    ...TEN_MOTORS,
    electricityPrice: 0.65,
  });
  if (run.status !== 200) throw new Error(`the seed's form calculation got ${run.status}`);
  await rate({ conversationId: formConversation, messageId: String(run.body.runId) }, "down", "电费算少了");

  // Reviewed answers: one published, one published and changed since, one draft by a member of staff.
  const curatedServices = {
    storage,
    curated: services.curated,
    knowledge: services.knowledge,
    sharing: services.sharing,
  };
  const published = await createCurated(
    curatedServices,
    {
      question: "每吨熟料能补贴多少钱",
      answer:
        "方案未规定每吨熟料的补贴标准。\n\n**依据**\n- 市级专项资金支持重点节能降碳项目，具体以当年申报通知为准。",
      unitIds: "hn2023:4.2",
    },
    SEED_ADMIN.username,
  );
  await publishCurated(curatedServices, published, SEED_ADMIN.username);
  const changed = await createCurated(
    curatedServices,
    {
      question: "节能诊断怎么收费",
      answer: "工业节能诊断服务免费，由市经信局组织。",
      unitIds: "hn2023:2.2.4",
    },
    SEED_ADMIN.username,
  );
  await publishCurated(curatedServices, changed, SEED_ADMIN.username);
  await editCurated(
    curatedServices,
    changed,
    {
      question: "节能诊断怎么收费",
      answer: "工业节能诊断服务**免费**，由市经信局组织，每年三月发布申报通知。",
      unitIds: "hn2023:2.2.4",
    },
    SEED_STAFF.username,
  );
  const draft = await createCurated(
    curatedServices,
    { question: "光伏发电有补贴吗", answer: "请关注市发展改革委的年度通知。", unitIds: "" },
    SEED_STAFF.username,
  );
  await ask("请问每吨熟料补贴多少钱");

  // The request for a person has waited a day and a half.
  backdate(nowhere.conversationId, 1, 12);
  return {
    conversationWithCalculation: first.conversationId,
    conversationHandedOff: nowhere.conversationId,
    conversationWithFormRun: formConversation,
    handoffReference: String(request.body.reference),
    curated: { published, changed, draft },
  };
}
