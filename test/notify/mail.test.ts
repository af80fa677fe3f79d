import nodemailer from "nodemailer";
import { describe, expect, it } from "vitest";
import { createMailer } from "../../server/notify/mail.js";

const config = { url: "smtp://127.0.0.1:1", from: "淮南市经信局 <noreply@example.gov.cn>", timeoutMs: 1000 };

describe("createMailer", () => {
  it("is off without a configuration: no mailer at all", () => {
    expect(createMailer(null)).toBeNull();
  });

  it("sends plain text from the configured address through the transport it is given", async () => {
    const sent: string[] = [];
    const mailer = createMailer(config, () => {
      const transport = nodemailer.createTransport({ jsonTransport: true });
      const sendMail = transport.sendMail.bind(transport);
      transport.sendMail = (async (options: Parameters<typeof sendMail>[0]) => {
        const info = (await sendMail(options)) as { message: string };
        sent.push(info.message);
        return info;
      }) as typeof transport.sendMail;
      return transport;
    });
    await mailer!.send({ to: "wang@example.com", subject: "主题", text: "正文" });
    expect(sent).toHaveLength(1);
    const message = JSON.parse(sent[0]!) as {
      from: { address: string };
      to: Array<{ address: string }>;
      subject: string;
      text: string;
    };
    expect(message.from.address).toBe("noreply@example.gov.cn");
    expect(message.to.map((a) => a.address)).toEqual(["wang@example.com"]);
    expect(message.subject).toBe("主题");
    expect(message.text).toBe("正文");
  });
});
