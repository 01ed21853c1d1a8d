// Converts an OpenAPI document to a Postman v2.1 collection with Postman's own converter, as
// its users do: folders by tag, parameters and bodies filled from the schemas' examples.
// Usage: node .ci/tools/convert.js SPEC.json OUT.json
const fs = require("fs");
const Converter = require("openapi-to-postmanv2");

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error("usage: convert.js SPEC OUT");
  process.exit(2);
}
Converter.convert(
  { type: "string", data: fs.readFileSync(input, "utf8") },
  { folderStrategy: "Tags", parametersResolution: "Example", requestParametersResolution: "Example" },
  (error, result) => {
    if (error || !result.result) {
      console.error(`convert.js: ${input}: ${error || result.reason}`);
      process.exit(1);
    }
    fs.writeFileSync(output, JSON.stringify(result.output[0].data, null, 2) + "\n");
  },
);
