import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hashToken } from "../../server/admin/auth.js";
import { verifyPassword } from "../../server/admin/passwords.js";
import { SqliteStorage } from "../../server/storage/sqliteStorage.js";
import { runStaff, type StaffIo } from "../../scripts/staff.js";
import { root } from "../support/services.js";

const PASSWORD = "huainan-staff-2026";

let storage: SqliteStorage;
let printed: string[];

function io(...passwords: string[]): StaffIo {
  return {
    storage,
    by: "cli:test",
    print: (line) => printed.push(line),
    readPassword: async () => {
      if (!passwords.length) throw new Error("no password left");
      return passwords.shift()!;
    },
  };
}

beforeEach(() => {
  storage = SqliteStorage.open(":memory:");
  printed = [];
});
afterEach(() => storage.close());

describe("npm run staff -- create", () => {
  it("creates the account with a scrypt hash of the password and audit-logs it", async () => {
    expect(await runStaff(["create", "Zhang.San", "张三", "（节能科）"], io(PASSWORD))).toBe(0);
    const user = await storage.findStaffUser("zhang.san");
    expect(user).toMatchObject({ username: "zhang.san", displayName: "张三 （节能科）", disabled: false });
    expect(user!.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword(PASSWORD, user!.passwordHash)).toBe(true);
    expect(printed.join()).toContain("已开通账号 zhang.san");
    expect((await storage.listAudit(5))[0]).toMatchObject({
      username: "zhang.san",
      action: "account_create",
    });
  });

  it("refuses a password shorter than 12 characters, a taken username and a bad username", async () => {
    expect(await runStaff(["create", "lisi", "李四"], io("short-pass1"))).toBe(1);
    expect(printed.pop()).toBe("密码至少需要 12 个字符。");
    expect(await storage.findStaffUser("lisi")).toBeNull();

    expect(await runStaff(["create", "lisi", "李四"], io(PASSWORD))).toBe(0);
    expect(await runStaff(["create", "lisi", "李四"], io(PASSWORD))).toBe(1);
    expect(printed.pop()).toContain("已存在");

    expect(await runStaff(["create", "李四", "李四"], io(PASSWORD))).toBe(1);
    expect(printed.pop()).toContain("用户名");
  });

  it("prints the usage for an unknown command or missing arguments", async () => {
    expect(await runStaff([], io())).toBe(2);
    expect(await runStaff(["create", "wangwu"], io())).toBe(2);
    expect(await runStaff(["delete", "wangwu"], io())).toBe(2);
    expect(printed.at(-1)).toContain("用法");
  });
});

describe("npm run staff -- create --admin / list / role", () => {
  it("creates a staff account unless --admin is given, and lists every account with its role and state", async () => {
    expect(await runStaff(["create", "zhangsan", "张三"], io(PASSWORD))).toBe(0);
    expect(await runStaff(["create", "--admin", "admin", "系统", "管理员"], io(PASSWORD))).toBe(0);
    expect(printed.pop()).toBe("已开通账号 admin（系统 管理员，管理员）。");
    expect((await storage.findStaffUser("zhangsan"))!.role).toBe("staff");
    expect((await storage.findStaffUser("admin"))!.role).toBe("admin");
    await runStaff(["disable", "zhangsan"], io());
    printed = [];
    expect(await runStaff(["list"], io())).toBe(0);
    expect(printed).toEqual([
      expect.stringMatching(/^admin\t系统 管理员\t管理员\t启用\t开通于 /),
      expect.stringMatching(/^zhangsan\t张三\t工作人员\t已停用\t开通于 /),
    ]);
    expect(printed.join()).not.toContain("scrypt");
  });

  it("says how to begin when there is no account", async () => {
    expect(await runStaff(["list"], io())).toBe(0);
    expect(printed).toEqual([expect.stringContaining("--admin")]);
  });

  it("changes a role, ending the account's sessions, and refuses a role that does not exist", async () => {
    await runStaff(["create", "zhangsan", "张三"], io(PASSWORD));
    const user = (await storage.findStaffUser("zhangsan"))!;
    await storage.createSession(hashToken("t3"), user.id, "csrf", new Date(Date.now() + 60_000));
    expect(await runStaff(["role", "zhangsan", "admin"], io())).toBe(0);
    expect((await storage.findStaffUser("zhangsan"))!.role).toBe("admin");
    expect(await storage.findSession(hashToken("t3"), new Date())).toBeNull();
    expect((await storage.listAudit(1))[0]).toMatchObject({ action: "account_role" });
    expect(await runStaff(["role", "zhangsan", "root"], io())).toBe(1);
    expect(printed.pop()).toContain("staff");
    expect(await runStaff(["role", "nobody", "admin"], io())).toBe(1);
  });

  it("prints the usage for --admin on anything but create, and for list with arguments", async () => {
    expect(await runStaff(["disable", "zhangsan", "--admin"], io())).toBe(2);
    expect(await runStaff(["list", "zhangsan"], io())).toBe(2);
    expect(await runStaff(["role", "zhangsan"], io())).toBe(2);
    expect(printed.at(-1)).toContain("用法");
  });
});

describe("npm run staff -- passwd / disable / enable", () => {
  beforeEach(async () => {
    await runStaff(["create", "zhangsan", "张三"], io(PASSWORD));
  });

  it("passwd sets a new password and ends the account's sessions", async () => {
    const user = (await storage.findStaffUser("zhangsan"))!;
    await storage.createSession(hashToken("t1"), user.id, "csrf", new Date(Date.now() + 60_000));
    expect(await runStaff(["passwd", "zhangsan"], io("a-new-password-2026"))).toBe(0);
    const after = (await storage.findStaffUser("zhangsan"))!;
    expect(await verifyPassword("a-new-password-2026", after.passwordHash)).toBe(true);
    expect(await verifyPassword(PASSWORD, after.passwordHash)).toBe(false);
    expect(await storage.findSession(hashToken("t1"), new Date())).toBeNull();
    expect(await runStaff(["passwd", "nobody"], io(PASSWORD))).toBe(1);
  });

  it("disable marks the account disabled and ends its sessions at once", async () => {
    const user = (await storage.findStaffUser("zhangsan"))!;
    await storage.createSession(hashToken("t2"), user.id, "csrf", new Date(Date.now() + 60_000));
    expect(await runStaff(["disable", "zhangsan"], io())).toBe(0);
    expect((await storage.findStaffUser("zhangsan"))!.disabled).toBe(true);
    expect(await storage.findSession(hashToken("t2"), new Date())).toBeNull();
    expect((await storage.listAudit(1))[0]).toMatchObject({
      username: "zhangsan",
      action: "account_disable",
    });
  });

  it("enable lets a disabled account sign in again with its password, audit-logged", async () => {
    await runStaff(["disable", "zhangsan"], io());
    expect(await runStaff(["enable", "zhangsan"], io())).toBe(0);
    expect(printed.pop()).toBe("已重新启用账号 zhangsan，可用原密码登录。");
    expect((await storage.findStaffUser("zhangsan"))!.disabled).toBe(false);
    expect((await storage.listAudit(1))[0]).toMatchObject({ username: "zhangsan", action: "account_enable" });
    expect(await runStaff(["enable", "nobody"], io())).toBe(1);
  });
});

describe("the script itself", () => {
  const run = promisify(execFile);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "staff-cli-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("reads the password from STAFF_PASSWORD, or from the first line of stdin when it is not a terminal", async () => {
    const database = path.join(dir, "staff.sqlite");
    const env = { ...process.env, DATABASE_FILE: database, NODE_ENV: "test" };
    const tsx = path.join(root, "node_modules", ".bin", "tsx");
    const created = await run(tsx, ["scripts/staff.ts", "create", "wangwu", "王五"], {
      cwd: root,
      env: { ...env, STAFF_PASSWORD: PASSWORD },
    });
    expect(created.stdout).toContain("已开通账号 wangwu（王五，工作人员）");
    const listed = await run(tsx, ["scripts/staff.ts", "list"], { cwd: root, env });
    expect(listed.stdout).toMatch(/^wangwu\t王五\t工作人员\t启用\t开通于 \d{4}-\d{2}-\d{2}$/m);

    const child = run(tsx, ["scripts/staff.ts", "passwd", "wangwu"], {
      cwd: root,
      env: { ...env, STAFF_PASSWORD: "" },
    });
    child.child.stdin!.end("piped-password-2026\n");
    expect((await child).stdout).toContain("已修改 wangwu 的密码");

    const check = SqliteStorage.open(database);
    expect(
      await verifyPassword("piped-password-2026", (await check.findStaffUser("wangwu"))!.passwordHash),
    ).toBe(true);
    await check.close();

    await expect(
      run(tsx, ["scripts/staff.ts", "create", "zhaoliu", "赵六"], {
        cwd: root,
        env: { ...env, STAFF_PASSWORD: "too-short" },
      }),
    ).rejects.toMatchObject({ code: 1 });
  }, 30_000);
});
