import type express from "express";
import request from "supertest";
import type TestAgent from "supertest/lib/agent.js";

export const STAFF_PASSWORD = "correct horse battery staple";

export function hiddenCsrf(text: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(text);
  if (!match) throw new Error("no CSRF field on the page");
  return match[1]!;
}

/** A browser-like client of the console: fetches the sign-in form (its cookie and token), then posts it. */
export async function signInAs(
  app: express.Express,
  username: string,
  password = STAFF_PASSWORD,
): Promise<{ agent: TestAgent; res: request.Response; csrf: string }> {
  const agent = request.agent(app);
  const form = await agent.get("/admin/sign-in");
  const res = await agent
    .post("/admin/sign-in")
    .type("form")
    .send({ username, password, _csrf: hiddenCsrf(form.text) });
  const csrf = res.status === 303 ? hiddenCsrf((await agent.get("/admin/feedback")).text) : "";
  return { agent, res, csrf };
}
