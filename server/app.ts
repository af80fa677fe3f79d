import express from "express";
import helmet from "helmet";
import type { AppServices } from "./services.js";
import { errorHandler, notFoundHandler } from "./http/errors.js";
import { corsAllowlist } from "./http/cors.js";
import { apiRateLimits, handoffLookupLimits } from "./http/rateLimits.js";
import { requestId } from "./http/requestId.js";
import { requestLog } from "./http/requestLog.js";
import { handoffRouter } from "./routes/handoff.js";
import { chatRouter } from "./routes/chat.js";
import { conversationsRouter } from "./routes/conversations.js";
import { benchmarksRouter } from "./routes/benchmarks.js";
import { documentsRouter } from "./routes/documents.js";
import { healthRouter } from "./routes/health.js";
import { searchRouter } from "./routes/search.js";
import { toolsRouter } from "./routes/tools.js";
import { demoRouter } from "./routes/demo.js";
import { feedbackRouter } from "./routes/feedback.js";
import { widgetRouter } from "./routes/widget.js";
import { adminRouter } from "./routes/admin.js";

export function createApp(services: AppServices): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", services.config.trustProxy);
  app.use(requestId());
  app.use(
    requestLog(services.logger, (route, method, status, seconds) =>
      services.metrics.observeRequest(route, method, status, seconds),
    ),
  );
  // The widget's script and API are used from other sites' pages: resources must be loadable cross-origin.
  app.use(helmet({ crossOriginResourcePolicy: { policy: "cross-origin" } }));
  app.use(healthRouter(services));
  app.use(widgetRouter(services));
  app.use(demoRouter());
  const store = services.sharing.limits.expressStore ?? (() => undefined);
  const limits = apiRateLimits(services.config.rateLimits, store);
  app.use("/api", corsAllowlist(services.config.corsOrigins));
  app.use("/api", express.json({ limit: "64kb" }));
  app.use("/api/chat", limits.perIp, limits.perConversation);
  app.use("/api/handoff/lookup", ...handoffLookupLimits(services.config.handoffLookupPerMinute, store));
  app.use(["/api/handoff", "/api/tools", "/api/feedback", "/api/conversations"], limits.perIpOther);
  app.use("/api", limits.reading);
  app.use("/api", searchRouter(services));
  app.use("/api", documentsRouter(services));
  app.use("/api", toolsRouter(services));
  app.use("/api", benchmarksRouter(services));
  app.use("/api", chatRouter(services));
  app.use("/api", conversationsRouter(services));
  app.use("/api", feedbackRouter(services));
  app.use("/api", handoffRouter(services));
  app.use("/admin", adminRouter(services));
  app.use(notFoundHandler);
  app.use(errorHandler(services.logger));
  return app;
}
