// The reference validator for SchemaDifferentialTests: ajv 8 with ajv-formats (full mode), draft-04 through
// ajv-draft-04. Reads one batch from stdin:  {"schemas": [{"schema": ..., "instances": [...]}, ...]}
// and prints one JSON document:            {"results": [{"compiled": true, "instances": [{"valid", "errors"}]}
//                                                      | {"compiled": false, "error": "..."}]}
// Options mirror JsonSchema's contract: every error (allErrors), unknown keywords and formats ignored (strict off),
// draft-04 ignores $ref siblings as its spec says (ignoreKeywordsWithRef), the default dialect is draft-04.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const Ajv2020 = require("ajv/dist/2020").default;
const AjvDraft04 = require("ajv-draft-04");
const addFormats = require("ajv-formats");

const DRAFT_2020 = /^https:\/\/json-schema\.org\/draft\/2020-12\/schema#?$/;

function validator(schema) {
  const is2020 = schema !== null && typeof schema === "object" && DRAFT_2020.test(schema.$schema ?? "");
  const options = { allErrors: true, strict: false, logger: false, ignoreKeywordsWithRef: !is2020 };
  const ajv = is2020 ? new Ajv2020(options) : new AjvDraft04(options);
  addFormats(ajv);
  return ajv;
}

function run(entry) {
  let validate;
  try {
    validate = validator(entry.schema).compile(entry.schema);
  } catch (error) {
    return { compiled: false, error: String(error && error.message) };
  }

  return {
    compiled: true,
    instances: entry.instances.map((instance) => {
      const valid = validate(instance);
      const errors = (validate.errors ?? []).map((e) => ({
        instancePath: e.instancePath,
        message: e.message,
        keyword: e.keyword,
        schemaPath: e.schemaPath,
      }));
      return { valid, errors };
    }),
  };
}

const chunks = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk);
}

const batch = JSON.parse(Buffer.concat(chunks).toString("utf8"));
process.stdout.write(JSON.stringify({ results: batch.schemas.map(run) }));
