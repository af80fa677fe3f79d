import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { messages } from "../../server/messages.js";
import { cancelledStatus, STATUSES } from "../../server/pipeline/statuses.js";
import { root } from "../support/services.js";

const statuses = Object.keys(STATUSES);
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");

describe("the statuses", () => {
  it("are each listed in docs/statuses.md, and nothing else is", () => {
    const listed = [...read("docs/statuses.md").matchAll(/^\| `([a-z_]+)`\s*\|/gm)].map((m) => m[1]);
    expect(listed).toEqual(statuses);
  });

  it("are each named in the README", () => {
    const readme = read("README.md");
    for (const status of statuses) expect(readme, status).toContain(`\`${status}\``);
  });

  it("each have a Chinese label in the staff console", () => {
    for (const status of statuses) expect(messages.admin.statuses[status], status).toMatch(/\p{Script=Han}/u);
  });
});

describe("cancelledStatus", () => {
  const aborted = (reason?: unknown) => {
    const controller = new AbortController();
    controller.abort(reason);
    return controller.signal;
  };

  it("is the status the abort named, or error_client_gone", () => {
    expect(cancelledStatus(aborted("error_interrupted"))).toBe("error_interrupted");
    expect(cancelledStatus(aborted("error_client_gone"))).toBe("error_client_gone");
    expect(cancelledStatus(aborted())).toBe("error_client_gone");
    expect(cancelledStatus(aborted("no_such_status"))).toBe("error_client_gone");
  });
});
