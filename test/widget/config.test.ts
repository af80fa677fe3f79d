import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { readConfig } from "../../widget/src/config.js";
import { text } from "../../widget/src/text.js";

const SRC = "https://assistant.example.cn/widget.js";

/** A script tag as the browser gives it: its src and its data-* attributes (camelCased, as in dataset). */
function tag(data: Record<string, string> = {}, src = SRC): HTMLScriptElement {
  return { src, dataset: data } as unknown as HTMLScriptElement;
}

const read = (data: Record<string, string> = {}, index = 0) => readConfig(tag(data), index);

beforeEach(() => vi.stubGlobal("location", new URL("https://jxw.huainan.gov.cn/zwgk/index.html")));
afterEach(() => vi.unstubAllGlobals());

describe("readConfig with no data-* attributes", () => {
  it("talks to the origin of the script, with the built-in title, greeting, colours and question groups", () => {
    const config = read();
    expect(config).toMatchObject({
      endpoint: "https://assistant.example.cn",
      title: text.title,
      greeting: text.greeting,
      position: "right",
      open: false,
      largeText: false,
      storageKey: "tdf-widget:https://assistant.example.cn#0",
      index: 0,
    });
    expect(config.colors.primary).toBe("#0b5394");
    expect(config.groups).toEqual([
      { label: text.groups.enterprise, questions: [...text.questions.enterprise] },
      { label: text.groups.provider, questions: [...text.questions.provider] },
      { label: text.groups.public, questions: [...text.questions.public] },
    ]);
    expect(Object.values(config.contact).filter((v) => v !== undefined)).toEqual([]);
  });

  it("without a script tag (inlined bundle), talks to the page's own origin", () => {
    expect(readConfig(null, 0).endpoint).toBe("https://jxw.huainan.gov.cn");
  });
});

describe("data-endpoint", () => {
  it("keeps a path prefix and drops trailing slashes", () => {
    expect(read({ endpoint: "https://svc.example.cn/assistant///" }).endpoint).toBe(
      "https://svc.example.cn/assistant",
    );
  });

  it("resolves a relative endpoint against the script's address", () => {
    expect(read({ endpoint: "/tdf" }).endpoint).toBe("https://assistant.example.cn/tdf");
  });

  it("refuses anything but http(s), falling back to the page's origin", () => {
    for (const endpoint of ["javascript:alert(1)", "data:text/html,x", "ftp://svc.example.cn"])
      expect(read({ endpoint }).endpoint, endpoint).toBe("https://jxw.huainan.gov.cn");
  });
});

describe("data-title and data-greeting", () => {
  it("are used trimmed; blank ones keep the defaults", () => {
    expect(read({ title: "  淮南经信助手 ", greeting: " 欢迎咨询节能政策。 " })).toMatchObject({
      title: "淮南经信助手",
      greeting: "欢迎咨询节能政策。",
    });
    expect(read({ title: "  ", greeting: "" })).toMatchObject({ title: text.title, greeting: text.greeting });
  });
});

describe("data-primary-color", () => {
  it("takes #rgb and #rrggbb, and chooses the text colour on it", () => {
    expect(read({ primaryColor: "#D9480F" }).colors).toMatchObject({
      primary: "#d9480f",
      onPrimary: "#000000",
    });
    expect(read({ primaryColor: "#036" }).colors).toMatchObject({ primary: "#003366", onPrimary: "#ffffff" });
  });

  it("ignores what is not a hex colour (no CSS can be smuggled in)", () => {
    expect(read({ primaryColor: "red;}:host{display:none" }).colors.primary).toBe("#0b5394");
  });
});

describe("data-position", () => {
  it("bottom-left (or left) puts the widget on the left; anything else on the right", () => {
    expect(read({ position: "bottom-left" }).position).toBe("left");
    expect(read({ position: " Left " }).position).toBe("left");
    expect(read({ position: "bottom-right" }).position).toBe("right");
    expect(read({ position: "top-left" }).position).toBe("right");
  });
});

describe("data-questions", () => {
  it("replaces the three groups with one, split on |, trimmed, blanks dropped, at most eight", () => {
    const questions = Array.from({ length: 10 }, (_, i) => ` 问题${i + 1} `).join("||");
    expect(read({ questions }).groups).toEqual([
      { label: text.groups.custom, questions: Array.from({ length: 8 }, (_, i) => `问题${i + 1}`) },
    ]);
  });

  it("data-questions-enterprise, -provider and -public replace only their own group", () => {
    const groups = read({ questionsProvider: "节能诊断怎么申请？|合同能源管理有支持吗？" }).groups;
    expect(groups.map((g) => g.label)).toEqual([
      text.groups.enterprise,
      text.groups.provider,
      text.groups.public,
    ]);
    expect(groups[0]!.questions).toEqual([...text.questions.enterprise]);
    expect(groups[1]!.questions).toEqual(["节能诊断怎么申请？", "合同能源管理有支持吗？"]);
    expect(
      read({ questionsEnterprise: "甲", questionsPublic: "乙" }).groups.map((g) => g.questions[0]),
    ).toEqual(["甲", text.questions.provider[0], "乙"]);
  });

  it("a data-questions that is only separators keeps the built-in groups", () => {
    expect(read({ questions: " | | " }).groups).toHaveLength(3);
  });
});

describe("data-open and data-large-text", () => {
  it("are on when present (even empty) and off when absent", () => {
    expect(read({ open: "", largeText: "" })).toMatchObject({ open: true, largeText: true });
    expect(read({ open: "true", largeText: "1" })).toMatchObject({ open: true, largeText: true });
    expect(read()).toMatchObject({ open: false, largeText: false });
  });

  it("are off when they say false, 0, no or off", () => {
    for (const value of ["false", "0", "no", "off", "FALSE", " Off "])
      expect(read({ open: value, largeText: value }), value).toMatchObject({ open: false, largeText: false });
  });
});

describe("the contact details (data-contact-*)", () => {
  it("are trimmed; the phone gets a tel: number of its digits", () => {
    expect(
      read({
        contactName: " 淮南市经济和信息化局 ",
        contactPhone: " 0554-666 1234 ",
        contactAddress: "淮南市山南新区",
        contactHours: "工作日 8:30–17:30",
      }).contact,
    ).toMatchObject({
      name: "淮南市经济和信息化局",
      phone: "0554-666 1234",
      tel: "0554-6661234",
      address: "淮南市山南新区",
      hours: "工作日 8:30–17:30",
    });
  });

  it("a phone without digits is shown as written but not dialled", () => {
    expect(read({ contactPhone: "见官网" }).contact).toMatchObject({ phone: "见官网", tel: undefined });
  });

  it("keep a plain e-mail address and drop one that could carry more than an address", () => {
    expect(read({ contactEmail: " jxw@huainan.gov.cn " }).contact.email).toBe("jxw@huainan.gov.cn");
    for (const email of [
      "jxw@huainan.gov.cn?subject=x&body=y",
      "a@b.cn,c@d.cn",
      "javascript:alert(1)//@x.cn",
      "no-at-sign",
      "a@b",
      "a b@c.cn",
    ])
      expect(read({ contactEmail: email }).contact.email, email).toBeUndefined();
  });

  it("keep only an https: website", () => {
    expect(read({ contactUrl: " https://jxw.huainan.gov.cn/zwfw " }).contact.url).toBe(
      "https://jxw.huainan.gov.cn/zwfw",
    );
    for (const url of [
      "javascript:alert(1)",
      "http://jxw.huainan.gov.cn",
      "data:text/html,<b>x</b>",
      "//evil.example",
      "jxw.huainan.gov.cn",
    ])
      expect(read({ contactUrl: url }).contact.url, url).toBeUndefined();
  });
});

describe("data-id and the position among tags", () => {
  it("key the widget's sessionStorage", () => {
    expect(read({}, 1).storageKey).toBe("tdf-widget:https://assistant.example.cn#1");
    expect(read({ id: " zhengce " }, 1).storageKey).toBe("tdf-widget:zhengce");
  });
});
