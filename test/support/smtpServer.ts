import net from "node:net";
import type { AddressInfo } from "node:net";

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The message as sent (headers and encoded body). */
  raw: string;
  /** The Subject header, decoded. */
  subject: string;
  /** The body, decoded from base64 or quoted-printable. */
  text: string;
}

/**
 * A tiny SMTP server on 127.0.0.1 speaking just enough (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT)
 * for nodemailer to deliver to it. `reject` makes it refuse every message at MAIL FROM (554).
 */
export class TinySmtpServer {
  readonly received: ReceivedMail[] = [];
  reject = false;
  private readonly server = net.createServer((socket) => this.converse(socket));
  private readonly sockets = new Set<net.Socket>();

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private converse(socket: net.Socket) {
    this.sockets.add(socket);
    socket.on("close", () => this.sockets.delete(socket));
    socket.on("error", () => undefined);
    socket.setEncoding("utf8");
    let buffer = "";
    let inData = false;
    let from = "";
    let to: string[] = [];
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply("220 127.0.0.1 tiny ESMTP");
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          const raw = buffer.slice(0, end).replace(/^\.\./gm, ".");
          buffer = buffer.slice(end + 5);
          inData = false;
          this.received.push({ from, to, raw, ...decode(raw) });
          from = "";
          to = [];
          reply("250 2.0.0 queued");
          continue;
        }
        const eol = buffer.indexOf("\r\n");
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO") reply("250-127.0.0.1\r\n250 8BITMIME");
        else if (verb === "HELO") reply("250 127.0.0.1");
        else if (verb === "MAIL") {
          if (this.reject) reply("554 5.7.1 rejected for this test");
          else {
            from = /<([^>]*)>/.exec(line)?.[1] ?? "";
            reply("250 2.1.0 ok");
          }
        } else if (verb === "RCPT") {
          to.push(/<([^>]*)>/.exec(line)?.[1] ?? "");
          reply("250 2.1.5 ok");
        } else if (verb === "DATA") {
          inData = true;
          reply("354 end with <CRLF>.<CRLF>");
        } else if (verb === "RSET" || verb === "NOOP") reply("250 ok");
        else if (verb === "QUIT") {
          reply("221 bye");
          socket.end();
          return;
        } else reply("502 not implemented");
      }
    });
  }
}

function decode(raw: string): { subject: string; text: string } {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, "im").exec(head)?.[1] ?? "";
  const encoding = header("Content-Transfer-Encoding").toLowerCase();
  const text =
    encoding === "base64"
      ? Buffer.from(body, "base64").toString("utf8")
      : encoding === "quoted-printable"
        ? quotedPrintable(body)
        : body;
  const subject = header("Subject").replace(
    /=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi,
    (_, kind: string, data: string) =>
      kind.toLowerCase() === "b"
        ? Buffer.from(data, "base64").toString("utf8")
        : quotedPrintable(data.replace(/_/g, " ")),
  );
  return { subject, text: text.replace(/\r\n/g, "\n") };
}

function quotedPrintable(input: string): string {
  const bytes: number[] = [];
  const source = input.replace(/=\r?\n/g, "");
  for (let i = 0; i < source.length; i++) {
    if (source[i] === "=" && /^[0-9A-F]{2}$/i.test(source.slice(i + 1, i + 3))) {
      bytes.push(parseInt(source.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(source[i]!, "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}
