import { describe, expect, it } from "vitest";
import { lookupHash } from "../../server/handoff/codes.js";
import { normalizePhone, PHONE, provesRequest, redactContact } from "../../server/handoff/contact.js";

describe("a phone number", () => {
  it.each([
    ["13912345678", "13912345678"],
    ["139 1234 5678", "13912345678"],
    ["+86 139-1234-5678", "13912345678"],
    ["8613912345678", "13912345678"],
    ["１３９１２３４５６７８", "13912345678"],
    ["0554-1234567", "05541234567"],
    ["(0554) 1234567", "05541234567"],
    ["010-12345678", "01012345678"],
  ])("%s is kept as %s, and is valid", (typed, kept) => {
    expect(normalizePhone(typed)).toBe(kept);
    expect(PHONE.test(kept)).toBe(true);
  });

  it.each(["1391234567", "23912345678", "12912345678", "1234567", "王先生", "139123456789"])(
    "%s is not a phone number",
    (typed) => {
      expect(PHONE.test(normalizePhone(typed))).toBe(false);
    },
  );
});

describe("the console's lists", () => {
  it.each([
    ["13912345678", "phone", "139****5678"],
    ["05541234567", "phone", "055****4567"],
    ["wang.xiaoming@example.com", "email", "w***@example.com"],
    ["王先生 0554-1234567", undefined, "055****4567"],
    ["王先生", undefined, "王***"],
  ] as const)("show %s as %s", (contact, kind, shown) => {
    expect(redactContact(contact, kind)).toBe(shown);
  });

  it("show nothing when there is no contact", () => {
    expect(redactContact(undefined, "none")).toBeUndefined();
  });
});

describe("proving a request for 查询办理进度", () => {
  it("takes the last four digits of the phone, and nothing else", () => {
    const request = { contact: "05541234567", contactKind: "phone" as const };
    expect(provesRequest(request, "4567")).toBe(true);
    expect(provesRequest(request, "４５６７")).toBe(true);
    expect(provesRequest(request, "1234")).toBe(false);
    expect(provesRequest(request, "567")).toBe(false);
    expect(provesRequest(request, "")).toBe(false);
  });

  it("takes the whole e-mail address, in any case", () => {
    const request = { contact: "Wang@Example.com", contactKind: "email" as const };
    expect(provesRequest(request, "wang@example.com")).toBe(true);
    expect(provesRequest(request, ".com")).toBe(false);
  });

  it("takes the lookup code when no contact was left", () => {
    const request = { contactKind: "none" as const, lookupHash: lookupHash("AC7KQX") };
    expect(provesRequest(request, "ac7kqx")).toBe(true);
    expect(provesRequest(request, "AC7KQ")).toBe(false);
  });

  it("takes the last four digits of a request made before the desk, when its contact has them", () => {
    expect(provesRequest({ contact: "王先生 0554-1234567" }, "4567")).toBe(true);
    expect(provesRequest({ contact: "王先生" }, "王先生")).toBe(false);
  });
});
