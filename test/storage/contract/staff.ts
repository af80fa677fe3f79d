import { describe, expect, it } from "vitest";
import type { OpenHarness } from "./harness.js";

/** Staff accounts, sessions and the audit log. */
export function staffContract(open: OpenHarness): void {
  describe("staff users and sessions", () => {
    it("finds a user by name, changes a password, refuses a second user of the same name", async () => {
      const { storage } = await open();
      const id = await storage.createStaffUser("zhang", "张科长", "scrypt$hash1");
      expect(await storage.findStaffUser("zhang")).toEqual({
        id,
        username: "zhang",
        displayName: "张科长",
        passwordHash: "scrypt$hash1",
        disabled: false,
        role: "staff",
      });
      expect(await storage.findStaffUser("li")).toBeNull();
      expect(await storage.setStaffPassword("zhang", "scrypt$hash2")).toBe(true);
      expect((await storage.findStaffUser("zhang"))!.passwordHash).toBe("scrypt$hash2");
      expect(await storage.setStaffPassword("li", "scrypt$hash")).toBe(false);
      await expect(storage.createStaffUser("zhang", "另一个", "x")).rejects.toThrow(/unique/i);
    });

    it("gives an account a role (staff unless said), changes it, and lists accounts without their hashes", async () => {
      const { storage, db } = await open();
      await storage.createStaffUser("zhang", "张科长", "h1");
      await storage.createStaffUser("admin", "管理员", "h2", "admin");
      await storage.setStaffDisabled("zhang", true);
      expect((await storage.findStaffUser("admin"))!.role).toBe("admin");
      const accounts = await storage.listStaffUsers();
      expect(accounts.map(({ createdAt: _, ...rest }) => rest)).toEqual([
        { username: "admin", displayName: "管理员", role: "admin", disabled: false },
        { username: "zhang", displayName: "张科长", role: "staff", disabled: true },
      ]);
      expect(JSON.stringify(accounts)).not.toContain("h1");
      expect(await storage.setStaffRole("zhang", "admin")).toBe(true);
      expect((await storage.findStaffUser("zhang"))!.role).toBe("admin");
      expect(await storage.setStaffRole("nobody", "admin")).toBe(false);
      await expect(db.exec("UPDATE staff_users SET role = 'root'")).rejects.toThrow(/check/i);
    });

    it("finds a session until it expires, not after, and not once deleted", async () => {
      const { storage } = await open();
      const userId = await storage.createStaffUser("zhang", "张科长", "h");
      const expires = new Date(Date.now() + 3_600_000);
      await storage.createSession("token-hash-1", userId, "csrf-1", expires);
      expect(await storage.findSession("token-hash-1", new Date())).toEqual({
        userId,
        username: "zhang",
        displayName: "张科长",
        role: "staff",
        csrfToken: "csrf-1",
        expiresAt: expires.toISOString(),
      });
      expect(await storage.findSession("token-hash-1", new Date(expires.getTime() + 1))).toBeNull();
      expect(await storage.findSession("token-hash-1", expires)).toBeNull();
      expect(await storage.findSession("other-hash", new Date())).toBeNull();
      await storage.deleteSession("token-hash-1");
      expect(await storage.findSession("token-hash-1", new Date())).toBeNull();
    });

    it("finds no session of a disabled user", async () => {
      const { storage, db } = await open();
      const userId = await storage.createStaffUser("li", "李", "h");
      await storage.createSession("token-hash-2", userId, "csrf-2", new Date(Date.now() + 3_600_000));
      expect(await storage.findSession("token-hash-2", new Date())).not.toBeNull();
      await db.exec("UPDATE staff_users SET disabled = ? WHERE id = ?", true, userId);
      expect(await storage.findSession("token-hash-2", new Date())).toBeNull();
      expect((await storage.findStaffUser("li"))!.disabled).toBe(true);
    });
  });

  describe("audit", () => {
    it("records who did what with its detail, newest first", async () => {
      const { storage } = await open();
      await storage.audit("zhang", "sign_in", {});
      await storage.audit("zhang", "export_csv", { filter: { status: "answered" }, rows: 12 });
      const [latest, first] = await storage.listAudit(10);
      expect(latest).toMatchObject({ username: "zhang", action: "export_csv" });
      expect(JSON.parse(latest!.detail)).toEqual({ filter: { status: "answered" }, rows: 12 });
      expect(first).toMatchObject({ username: "zhang", action: "sign_in", detail: "{}" });
      expect(latest!.at).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/));
      expect(await storage.listAudit(1)).toHaveLength(1);
    });

    it("lists only the views (view_*) or only the changes when asked", async () => {
      const { storage } = await open();
      for (const action of ["sign_in", "view_enquiries", "export_csv", "view_audit", "viewer_like_change"])
        await storage.audit("zhang", action, {});
      expect((await storage.listAudit(10, "views")).map((e) => e.action)).toEqual([
        "view_audit",
        "view_enquiries",
      ]);
      expect((await storage.listAudit(10, "changes")).map((e) => e.action)).toEqual([
        "viewer_like_change",
        "export_csv",
        "sign_in",
      ]);
      expect(await storage.listAudit(10, "all")).toHaveLength(5);
    });
  });
}
