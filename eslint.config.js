// `npm run lint`: typescript-eslint with type-aware rules, the Next.js rules and the React
// hooks rules, over everything we write (generated code and build output excluded).
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["generated/**", ".next/**", ".next-*/**", "node_modules/**", "test-results/**", "data/**", "next-env.d.ts", "public/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ["*.js"] }, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-floating-promises": ["error", { ignoreVoid: true }],
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    plugins: { "@next/next": nextPlugin, "react-hooks": reactHooks },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs["core-web-vitals"].rules,
      // Photos are our own uploads, already resized and re-encoded to WebP at upload and served
      // with immutable caching (server/storage/photos.ts); next/image would process them again.
      "@next/next/no-img-element": "off",
      // The classic hooks rules. The React Compiler rules of eslint-plugin-react-hooks 7
      // (set-state-in-effect, refs, immutability, purity) are not on yet: see
      // docs/architecture.md, "Departures".
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
  {
    // Tests, journeys and benchmarks read JSON answers and drive fakes: `any` from JSON.parse
    // and async fakes without await are their daily bread.
    files: ["**/*.test.ts", "e2e/**", "bench/**", "scripts/**"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/require-await": "off",
      "@typescript-eslint/unbound-method": "off",
    },
  },
  { files: ["**/*.js"], ...tseslint.configs.disableTypeChecked, languageOptions: { globals: { process: "readonly" } } },
);
