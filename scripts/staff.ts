/**
 * Staff accounts for the console at /admin:
 *   npm run staff -- list
 *   npm run staff -- create <username> <显示名> [--admin]
 *   npm run staff -- passwd <username>
 *   npm run staff -- disable <username>
 *   npm run staff -- enable <username>
 *   npm run staff -- role <username> <staff|admin>
 * The password comes from STAFF_PASSWORD, or is typed at the terminal without echo (twice), or is the
 * first line of stdin when stdin is not a terminal. The database is the service's (DATABASE_URL, or
 * DATABASE_FILE/DATA_DIR).
 */
import os from "node:os";
import { pathToFileURL } from "node:url";
import {
  AccountError,
  changePassword,
  checkRole,
  createAccount,
  describeAccounts,
  disableAccount,
  enableAccount,
  setRole,
} from "../server/admin/accounts.js";
import { loadConfig } from "../server/config.js";
import { messages } from "../server/messages.js";
import { openScriptStorage } from "../server/storage/scriptStorage.js";
import type { Storage } from "../server/storage/types.js";

const c = messages.admin.cli;

export interface StaffIo {
  storage: Storage;
  /** Asks for a password; `confirm` asks twice and fails when the two differ. */
  readPassword(confirm: boolean): Promise<string>;
  print(line: string): void;
  /** Who ran the command, for the audit log. */
  by: string;
}

/** Runs one command; returns the exit status. */
export async function runStaff(args: string[], io: StaffIo): Promise<number> {
  const admin = args.includes("--admin");
  const [command, username, ...rest] = args.filter((arg) => arg !== "--admin");
  try {
    if (command === "list" && !username && !admin) {
      for (const line of describeAccounts(await io.storage.listStaffUsers())) io.print(line);
    } else if (command === "create" && username && rest.length) {
      const password = await io.readPassword(true);
      const role = admin ? "admin" : "staff";
      io.print(await createAccount(io.storage, username, rest.join(" "), password, io.by, role));
    } else if (admin) {
      io.print(c.usage);
      return 2;
    } else if (command === "passwd" && username && !rest.length) {
      io.print(await changePassword(io.storage, username, await io.readPassword(true), io.by));
    } else if (command === "disable" && username && !rest.length) {
      io.print(await disableAccount(io.storage, username, io.by));
    } else if (command === "enable" && username && !rest.length) {
      io.print(await enableAccount(io.storage, username, io.by));
    } else if (command === "role" && username && rest.length === 1) {
      io.print(await setRole(io.storage, username, checkRole(rest[0]!), io.by));
    } else {
      io.print(c.usage);
      return 2;
    }
    return 0;
  } catch (error) {
    if (!(error instanceof AccountError)) throw error;
    io.print(error.message);
    return 1;
  }
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const { stdin, stderr } = process;
  stderr.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding("utf8");
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = "";
    const finish = () => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write("\n");
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") {
          finish();
          resolve(value);
          return;
        }
        if (ch === "\u0003" || ch === "\u0004") {
          finish();
          reject(new AccountError(c.noPassword));
          return;
        }
        if (ch === "\u007f" || ch === "\b") value = [...value].slice(0, -1).join("");
        else if (ch >= " ") value += ch;
      }
    };
    stdin.on("data", onData);
  });
}

async function firstLineOfStdin(): Promise<string> {
  let text = "";
  for await (const chunk of process.stdin) text += String(chunk);
  return text.split(/\r?\n/)[0] ?? "";
}

async function readPassword(confirm: boolean): Promise<string> {
  if (process.env.STAFF_PASSWORD) return process.env.STAFF_PASSWORD;
  if (!process.stdin.isTTY) {
    const line = await firstLineOfStdin();
    if (!line) throw new AccountError(c.noPassword);
    return line;
  }
  const password = await promptHidden(c.passwordPrompt);
  if (confirm && (await promptHidden(c.passwordAgain)) !== password)
    throw new AccountError(c.passwordsDiffer);
  return password;
}

function operator(): string {
  try {
    return `cli:${os.userInfo().username}`;
  } catch {
    return "cli";
  }
}

const COMMANDS = ["list", "create", "passwd", "disable", "enable", "role"];

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // Usage first: a mistyped command should not create a database file.
  if (!COMMANDS.includes(process.argv[2] ?? "")) {
    console.log(c.usage);
    process.exit(2);
  }
  // The service's database, SQLite or PostgreSQL; a person at a terminal can wait for SQLite's lock.
  const storage = await openScriptStorage(loadConfig());
  const status = await runStaff(process.argv.slice(2), {
    storage,
    readPassword,
    print: (line) => console.log(line),
    by: operator(),
  }).finally(() => storage.close());
  process.exit(status);
}
