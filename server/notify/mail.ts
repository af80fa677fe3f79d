import nodemailer from "nodemailer";
import type { Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport/index.js";
import type { MailConfig } from "../config.js";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/** Sends one plain-text message; rejects when the server does not accept it. */
export interface Mailer {
  send(message: OutgoingMail): Promise<void>;
}

/** Builds the nodemailer transport; tests may pass their own (e.g. jsonTransport). */
export type TransportFactory = (config: MailConfig) => Transporter;

const smtpTransport: TransportFactory = (config) => {
  const options: SMTPTransport.Options = {
    url: config.url,
    connectionTimeout: config.timeoutMs,
    greetingTimeout: config.timeoutMs,
    socketTimeout: config.timeoutMs,
  };
  return nodemailer.createTransport(options);
};

/** No configuration, no mailer: nothing is ever sent (the default). */
export function createMailer(config: MailConfig | null, transport = smtpTransport): Mailer | null {
  if (!config) return null;
  const transporter = transport(config);
  return {
    async send({ to, subject, text }) {
      await transporter.sendMail({ from: config.from, to, subject, text });
    },
  };
}
