import { describe, expect, it } from "vitest";
import { isDirectLoopback } from "../../server/http/loopback.js";

const request = (remoteAddress: string, headers: Record<string, string>) =>
  ({ socket: { remoteAddress }, headers }) as unknown as Parameters<typeof isDirectLoopback>[0];

describe("isDirectLoopback", () => {
  it.each([
    ["127.0.0.1", "127.0.0.1:3000"],
    ["127.0.0.1", "localhost:3000"],
    ["::1", "[::1]:3000"],
    ["::ffff:127.0.0.1", "localhost"],
  ])("is true for a client at %s asking for %s", (address, host) => {
    expect(isDirectLoopback(request(address, { host }))).toBe(true);
  });

  it("is false for a client elsewhere, whatever Host it sends", () => {
    expect(isDirectLoopback(request("10.0.0.5", { host: "127.0.0.1:3000" }))).toBe(false);
    expect(isDirectLoopback(request("::ffff:192.168.1.9", { host: "localhost" }))).toBe(false);
  });

  it("is false for a proxy on this machine passing on the public name", () => {
    expect(isDirectLoopback(request("127.0.0.1", { host: "jxj.huainan.gov.cn" }))).toBe(false);
  });

  it.each(["x-forwarded-for", "x-forwarded-proto", "forwarded", "x-real-ip", "via"])(
    "is false when the request carries %s (a proxy added it)",
    (header) => {
      expect(isDirectLoopback(request("127.0.0.1", { host: "127.0.0.1:3000", [header]: "x" }))).toBe(false);
    },
  );

  it("is false without a Host header", () => {
    expect(isDirectLoopback(request("127.0.0.1", {}))).toBe(false);
  });
});
