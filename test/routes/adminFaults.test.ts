import fs from "node:fs";
import path from "node:path";
import request from "supertest";
import type TestAgent from "supertest/lib/agent.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAccount } from "../../server/admin/accounts.js";
import { messages } from "../../server/messages.js";
import { healthOf } from "../../server/storage/guardedStorage.js";
import { SqliteStorage } from "../../server/storage/sqliteStorage.js";
import { buildApp, type BuiltApp } from "../support/appWith.js";
import { signInAs, STAFF_PASSWORD } from "../support/staffAgent.js";

let built: BuiltApp;
let admin: { agent: TestAgent; csrf: string };
const post = (path: string, body: object = {}) =>
  admin.agent
    .post(path)
    .type("form")
    .send({ _csrf: admin.csrf, ...body });
const submit = async (body: object) => {
  const res = await request(built.app).post("/api/handoff").send(body);
  expect(res.status).toBe(201);
  return (res.body as { reference: string }).reference;
};
const errorLines = () => built.logs.filter((line) => Number(line.level) >= 50);

/** Another database put at the path the service has open: a write would go, silently, to a file nobody opens again. */
function replaceDatabaseFile() {
  const file = built.config.databaseFile;
  const other = path.join(path.dirname(file), "other.sqlite");
  SqliteStorage.open(other).db.close();
  fs.renameSync(other, file);
}

beforeEach(async () => {
  built = await buildApp();
  await createAccount(built.services.storage, "admin", "管理员", STAFF_PASSWORD, "test", "admin");
  await createAccount(built.services.storage, "zhangsan", "张三", STAFF_PASSWORD, "test");
  admin = await signInAs(built.app, "admin");
});

afterEach(async () => {
  await built?.close();
});

describe("the desk and 账号管理 when the database cannot take a write", () => {
  it("answers each step 503 with a Chinese message and Retry-After, changes nothing, and logs the fault once", async () => {
    const waiting = await submit({ question: "请问节能诊断怎么申请？", phone: "13912345678" });
    const closed = await submit({ question: "已经办完的请求", lookupOnly: true });
    expect((await post(`/admin/handoffs/${closed}/close`, { note: "已办结" })).status).toBe(303);
    replaceDatabaseFile();

    const steps: Array<[string, object]> = [
      [`/admin/handoffs/${waiting}/assign`, {}],
      [`/admin/handoffs/${waiting}/reply`, { reply: "请拨打 0554-1234567 咨询。" }],
      [`/admin/handoffs/${waiting}/close`, { note: "已电话答复" }],
      [`/admin/handoffs/${closed}/reopen`, {}],
      ["/admin/accounts/zhangsan/disable", {}],
    ];
    for (const [url, body] of steps) {
      const res = await post(url, body);
      expect(res.status, url).toBe(503);
      expect(res.headers["retry-after"], url).toBe("30");
      expect(res.body, url).toMatchObject({
        error: { code: "unavailable:storage", message: messages.http.storageUnavailable },
      });
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }

    // The open file (which the console still reads) holds what it held before: nothing was written.
    const real = built.realStorage;
    expect(await real.findHandoff(waiting)).toMatchObject({ status: "open", assignedTo: undefined });
    expect((await real.findHandoff(waiting))!.reply).toBeUndefined();
    expect(await real.findHandoff(closed)).toMatchObject({ status: "done", closeNote: "已办结" });
    expect((await real.findStaffUser("zhangsan"))!.disabled).toBe(false);
    expect(healthOf(built.services.storage)?.fault?.kind).toBe("replaced");
    expect(errorLines().map((line) => line.fault)).toEqual(["replaced"]);
  });
});
