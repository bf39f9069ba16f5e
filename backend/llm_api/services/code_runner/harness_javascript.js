// The JavaScript test harness, run inside the sandbox (Node built-ins only). Same protocol as
// harness_python.py: arguments only in cases.json, one "\x1e" + JSON line per case, written
// synchronously to fd 1 as soon as the case ends; the candidate's console output captured.
"use strict";
const fs = require("fs");
const util = require("util");
const vm = require("vm");

const MARK = "\x1e";
const KEEP = 2000;
const name = process.argv[2];
const cases = JSON.parse(fs.readFileSync("cases.json", "utf8"));
const source = fs.readFileSync("solution.js", "utf8");
const report = (fields) => fs.writeSync(1, MARK + JSON.stringify(fields) + "\n");

const captured = { out: [], err: [] };
const capture = (into) => (...args) => { captured[into].push(util.format(...args)); };
console.log = console.info = console.debug = capture("out");
console.error = console.warn = capture("err");
process.stdout.write = (chunk) => { captured.out.push(String(chunk)); return true; };
process.stderr.write = (chunk) => { captured.err.push(String(chunk)); return true; };

// VmHWM: this process's own peak (maxRSS would count the API process that forked it).
const peakMemoryKb = () => {
  try {
    const line = /VmHWM:\s+(\d+)/.exec(fs.readFileSync("/proc/self/status", "ascii"));
    if (line) return Number(line[1]);
  } catch (e) { /* not Linux */ }
  return process.resourceUsage().maxRSS;
};
const errorText = (e) => {
  const where = /solution\.js:(\d+)/.exec((e && e.stack) || "");
  return (String(e && e.name ? `${e.name}: ${e.message}` : e)).slice(0, 500) + (where ? ` (line ${where[1]})` : "");
};

let fn = null;
let loadError = null;
try {
  const module = { exports: {} };
  const wrapped = vm.runInThisContext(
    `(function (module, exports, require) {${source}\n;return typeof ${name} === "function" ? ${name} : module.exports.${name} || module.exports;})`,
    { filename: "solution.js" });
  fn = wrapped(module, module.exports, require);
  if (typeof fn !== "function") loadError = `ReferenceError: the solution defines no function named ${name}`;
} catch (e) {
  loadError = errorText(e);
}
for (const c of cases) {
  captured.out = [];
  captured.err = [];
  if (loadError) {
    report({ name: c.name, error: loadError, stdout: "", stderr: "", time_ms: 0, memory_kb: 0 });
    continue;
  }
  const fields = { name: c.name };
  const started = process.hrtime.bigint();
  try {
    const value = fn(...c.args);
    fields.value = value === undefined ? null : JSON.parse(JSON.stringify(value));
  } catch (e) {
    fields.error = errorText(e);
  }
  fields.time_ms = Number(process.hrtime.bigint() - started) / 1e6;
  fields.stdout = captured.out.join("\n").slice(0, KEEP);
  fields.stderr = captured.err.join("\n").slice(0, KEEP);
  fields.memory_kb = peakMemoryKb();
  report(fields);
}
