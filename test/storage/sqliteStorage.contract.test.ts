import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach } from "vitest";
import { SqliteStorage } from "../../server/storage/sqliteStorage.js";
import { sqliteBackDoor } from "./contract/backDoors.js";
import { storageContract } from "./contract/index.js";

const opened: Array<{ storage: SqliteStorage; dir: string }> = [];

afterEach(async () => {
  for (const { storage, dir } of opened.splice(0)) {
    await storage.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

storageContract("SqliteStorage", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "storage-contract-"));
  const storage = SqliteStorage.open(path.join(dir, "assistant.sqlite"));
  opened.push({ storage, dir });
  return { storage, db: sqliteBackDoor(storage.db) };
});
