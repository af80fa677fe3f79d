import { describe, expect, it } from "vitest";
import {
  asksAboutDocument,
  asksForParticulars,
  documentBasisUnits,
  documentNoticeUnits,
} from "../../../server/pipeline/understand/documentQuestion.js";

const knowledge = {
  documents: [
    { id: "hn2023", title: "淮南市工业领域碳达峰实施方案" },
    { id: "ah2022", title: "安徽省工业领域碳达峰实施方案" },
  ],
  unit: (id: string) => (id.endsWith(":notice") || id.endsWith(":preamble") ? ({ id } as never) : undefined),
} as unknown as Parameters<typeof documentNoticeUnits>[1];

describe("asksAboutDocument", () => {
  it.each([
    "文号是多少",
    "方案什么时候印发的",
    "是哪几个部门联合发的",
    "方案是哪几个部门一起发的文？",
    "哪些单位联合印发的这个方案",
    "成文日期是哪天",
    "谁发的这个文件",
    "这个方案是啥时候发的呀",
    "啥时候发的这个方案",
    "方案是市经信局发的吗",
  ])("“%s” asks about the document", (q) => {
    expect(asksAboutDocument(q)).toBe(true);
  });

  it.each([
    "回收拆解企业的规范管理归哪几个部门？",
    "绿色工厂要培育多少家",
    "方案里的补贴什么时候发",
    "补贴哪天发",
  ])("“%s” asks about its content", (q) => {
    expect(asksAboutDocument(q)).toBe(false);
  });
});

describe("documentNoticeUnits", () => {
  it("pins the notice of the document the question names", () => {
    expect(documentNoticeUnits("安徽省工业领域碳达峰实施方案的文号", knowledge)).toEqual(["ah2022:notice"]);
  });

  it("pins the plan's notice when no document is named", () => {
    expect(documentNoticeUnits("文号是多少", knowledge)).toEqual(["hn2023:notice"]);
  });

  it("pins nothing for a question about the content", () => {
    expect(documentNoticeUnits("绿色工厂要培育多少家", knowledge)).toEqual([]);
  });
});

describe("documentBasisUnits", () => {
  it.each(["淮南这个方案是依据哪些上级文件定的？", "方案编制依据了哪些上位文件？", "方案的制定依据是什么"])(
    "pins the preamble for “%s”, which says what the document was made on",
    (q) => {
      expect(documentBasisUnits(q, knowledge)).toEqual(["hn2023:preamble"]);
    },
  );

  it("pins nothing for a clause that follows a standard (依据《绿色工厂评价要求》)", () => {
    expect(documentBasisUnits("绿色工厂按什么标准评", knowledge)).toEqual([]);
  });
});

describe("asksForParticulars", () => {
  it("is the number, date and issuers, not the approval or the addressees", () => {
    expect(asksForParticulars("文号多少，哪天印发的")).toBe(true);
    expect(asksForParticulars("印发前是经过哪个机构同意的")).toBe(false);
    expect(asksForParticulars("这个通知的主送单位是哪些")).toBe(false);
    expect(asksForParticulars("通知是发给哪些单位的")).toBe(false);
  });
});
