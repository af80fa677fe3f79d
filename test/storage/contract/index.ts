import { describe } from "vitest";
import { enquiryContract } from "./enquiries.js";
import { formRunContract } from "./formRuns.js";
import { handoffContract } from "./handoffs.js";
import type { OpenHarness } from "./harness.js";
import { purgeContract } from "./purge.js";
import { reportContract } from "./reports.js";
import { reviewedAnswerContract } from "./reviewedAnswers.js";
import { staffContract } from "./staff.js";

/**
 * What every storage must do, whichever database holds it: the same tests run on SQLite
 * (test/storage/sqliteStorage.contract.test.ts) and on PostgreSQL (test/storage/postgres/*.test.ts).
 */
export function storageContract(name: string, open: OpenHarness): void {
  describe(name, () => {
    enquiryContract(open);
    formRunContract(open);
    handoffContract(open);
    reportContract(open);
    reviewedAnswerContract(open);
    staffContract(open);
    purgeContract(open);
  });
}
