import type { Request } from "express";

const LOOPBACK_ADDRESS = /^(?:127(?:\.\d{1,3}){3}|::1|::ffff:127(?:\.\d{1,3}){3})$/;
const LOOPBACK_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?$/i;
/** Headers a reverse proxy adds: a request carrying any of them came from further away than the socket says. */
const FORWARDING = [
  "forwarded",
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-real-ip",
  "via",
];

/**
 * A request from a client on this machine that addressed this machine, with no proxy in between: the
 * socket's peer is loopback, the Host header names loopback, and no forwarding header is present. A
 * reverse proxy on the same host also connects from loopback; the Host it passes on (or the
 * X-Forwarded-* it adds) tells it apart. The socket is read, never req.ip, which TRUST_PROXY changes.
 */
export function isDirectLoopback(req: Pick<Request, "headers" | "socket">): boolean {
  return (
    LOOPBACK_ADDRESS.test(req.socket.remoteAddress ?? "") &&
    LOOPBACK_HOST.test(req.headers.host ?? "") &&
    !FORWARDING.some((header) => req.headers[header] !== undefined)
  );
}
