import path from "node:path";
import { Router } from "express";
import type * as z from "zod";
import type { AppServices } from "../app.js";
import { beijingDay } from "../time.js";
import { AppError, parseOrThrow } from "../http/errors.js";
import { calculatorDataFor } from "../calculators/data.js";
import { CalculatorInputError } from "../calculators/errors.js";
import {
  benchmarkGapTool,
  benchmarkLookupTool,
  energyConvertTool,
  intensityTargetTool,
  motorUpgradeTool,
  vsdSavingsTool,
  type CalculatorContext,
  type CalculatorTool,
} from "../calculators/registry.js";

/** The calculators' data directory under the knowledge directory. */
export function calculatorDataDir(config: AppServices["config"]): string {
  return path.join(config.knowledgeDir, "data");
}

/** The context every calculator gets: data is loaded on first use, so the app starts without it. */
export function calculatorContext(config: AppServices["config"]): () => CalculatorContext {
  return () => ({
    data: calculatorDataFor(calculatorDataDir(config)),
    gridFactorId: config.gridEmissionFactorId,
    asOf: beijingDay(),
  });
}

/** A fixable calculator error becomes a 400 naming the field; its lists (closest entries, variants) go in details. */
export function toAppError(surface: string, err: CalculatorInputError): AppError {
  return new AppError(`bad_request:${surface}`, err.message, {
    fields: [{ field: err.field, message: err.message }],
    problem: err.problem,
    ...err.details,
  });
}

/** POST /api/tools/<name>: each route parses with the tool's own zod schema and calls the pure function. */
export function toolsRouter({ config }: Pick<AppServices, "config">): Router {
  const context = calculatorContext(config);
  const router = Router();
  const mount = <S extends z.ZodType>(route: string, tool: CalculatorTool<S>) => {
    const surface = `tools.${tool.name}`;
    router.post(`/tools/${route}`, (req, res) => {
      const input = parseOrThrow(surface, tool.schema, req.body ?? {});
      try {
        res.json(tool.run(input, context()));
      } catch (err) {
        if (err instanceof CalculatorInputError) throw toAppError(surface, err);
        throw err;
      }
    });
  };
  mount("benchmark-gap", benchmarkGapTool);
  mount("benchmark-lookup", benchmarkLookupTool);
  mount("energy-convert", energyConvertTool);
  mount("motor-upgrade", motorUpgradeTool);
  mount("vsd-savings", vsdSavingsTool);
  mount("intensity-target", intensityTargetTool);
  return router;
}
