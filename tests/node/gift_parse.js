// Test helper: read Moodle GIFT on stdin, print what gift-pegjs (a full GIFT grammar) parses, as JSON.
// A syntax error is printed with its line and column, exit code 1.
const { parse } = require("gift-pegjs");

let text = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { text += chunk; });
process.stdin.on("end", () => {
  try {
    process.stdout.write(JSON.stringify(parse(text)));
  } catch (err) {
    const at = err.location ? ` at line ${err.location.start.line}, column ${err.location.start.column}` : "";
    process.stderr.write(`GIFT syntax error${at}: ${err.message}\n`);
    process.exit(1);
  }
});
