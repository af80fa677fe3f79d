import path from "node:path";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../server/config.js";
import { createServices } from "../server/services.js";

const root = path.resolve(import.meta.dirname, "..");

describe("createServices", () => {
  describe("when GRID_EMISSION_FACTOR_ID names no grid factor of the data", () => {
    const config = loadConfig(
      { NODE_ENV: "test", GRID_EMISSION_FACTOR_ID: "grid-national-2032", DATABASE_FILE: ":memory:" },
      root,
    );

    it("fails at start with a message that names the variable and lists the valid ids", async () => {
      const failure = createServices(config, pino({ level: "silent" }));
      await expect(failure).rejects.toBeInstanceOf(ConfigError);
      await expect(failure).rejects.toThrow(
        'Invalid GRID_EMISSION_FACTOR_ID (see .env.example): "grid-national-2032" is not a grid factor in knowledge/data/emission-factors.json; valid ids: grid-national-2023, grid-national-2022, grid-national-2021, grid-carbon-market-2022, grid-east-china-2023, grid-national-2023-excl-market-nonfossil',
      );
    });
  });
});
