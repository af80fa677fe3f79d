import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "data/", "eval/reports/", "test/artifacts/", "scripts/tmp/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through server/config.ts." },
      ],
    },
  },
  // The widget runs in the bureau's pages; browser tests pass functions to the page.
  {
    files: ["widget/**", "test/browser/**"],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    files: ["server/config.ts", "scripts/**", ".ci/**", "eval/**", "test/**", "vitest.config.ts"],
    rules: { "no-restricted-properties": "off" },
  },
);
