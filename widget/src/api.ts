/** JSON requests to the service: the catalogue, the calculator and feedback. */
export interface ApiResult<T> {
  ok: boolean;
  status: number;
  data: T | null;
  /** the server's own message (Chinese) when it refused the request */
  message: string;
  /** each field the server refused, with its problem ("应为 11 位手机号码…") */
  fields: Record<string, string>;
}

export async function requestJson<T>(url: string, body?: unknown): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: body === undefined ? "GET" : "POST",
      headers:
        body === undefined
          ? { Accept: "application/json" }
          : { "Content-Type": "application/json", Accept: "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "omit",
    });
  } catch {
    return { ok: false, status: 0, data: null, message: "", fields: {} };
  }
  const json = (await res.json().catch(() => null)) as
    (T & { error?: { message?: string; fields?: Array<{ field: string; message: string }> } }) | null;
  const fields: Record<string, string> = {};
  for (const f of (!res.ok && json?.error?.fields) || []) fields[f.field] ??= f.message;
  return {
    ok: res.ok,
    status: res.status,
    data: res.ok ? json : null,
    message: res.ok ? "" : (json?.error?.message ?? ""),
    fields,
  };
}
