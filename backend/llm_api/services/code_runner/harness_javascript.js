// The JavaScript test harness, run inside the sandbox (Node built-ins only). Same protocol as
// harness_python.py: arguments only in cases.json, the modes function, class and functions
// (`main.js NAME MODE`), "$predicate" arguments with a call budget, one "\x1e" + JSON line per
// case written synchronously to fd 1 as soon as the case ends (a list value as `runs`); the
// candidate's console output captured.
"use strict";
const fs = require("fs");
const util = require("util");
const vm = require("vm");

const MARK = "\x1e";
const KEEP = 2000;
const name = process.argv[2];
const mode = process.argv[3] || "function";
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

class CallBudgetExceeded extends Error {
  constructor(budget) {
    super(`called more than ${budget} times (the most this search may take)`);
    this.name = "CallBudgetExceeded";
  }
}
// k -> k >= true_from, failing once called more than max_calls times.
const predicate = (spec) => {
  const counted = { calls: 0, budget: spec.max_calls };
  counted.check = (k) => {
    counted.calls += 1;
    if (counted.calls > counted.budget) throw new CallBudgetExceeded(counted.budget);
    return k >= spec.true_from;
  };
  return counted;
};
const isPredicate = (arg) => arg !== null && typeof arg === "object" && !Array.isArray(arg)
  && Object.keys(arg).length === 1 && "$predicate" in arg;

// The case's value: the function's result, or the list of the calls' results.
const call = (entry, args) => {
  if (mode === "function") {
    const counted = args.map((arg) => (isPredicate(arg) ? predicate(arg.$predicate) : null));
    const value = entry(...args.map((arg, i) => (counted[i] ? counted[i].check : arg)));
    const over = counted.find((c) => c && c.calls > c.budget); // it caught CallBudgetExceeded
    if (over) throw new CallBudgetExceeded(over.budget);
    return value;
  }
  if (mode === "class") {
    const [constructorArgs, calls] = args;
    const instance = new entry(...constructorArgs); // eslint-disable-line new-cap
    return calls.map(([method, ...methodArgs]) => {
      if (typeof instance[method] !== "function") throw new TypeError(`${name} has no method ${method}`);
      return instance[method](...methodArgs);
    });
  }
  return args[0].map(([fn, ...fnArgs]) => entry[fn](...fnArgs));
};

// [item, count] pairs of equal neighbours (equal as JSON).
const runs = (items) => {
  const pairs = [];
  let last = null;
  for (const item of items) {
    const text = JSON.stringify(item);
    if (pairs.length && text === last) pairs[pairs.length - 1][1] += 1;
    else {
      pairs.push([item, 1]);
      last = text;
    }
  }
  return pairs;
};

const names = mode === "functions" ? name.split(",") : [name];
let entry = null;
let loadError = null;
try {
  const module = { exports: {} };
  const lookups = names.map((each) => `${JSON.stringify(each)}: typeof ${each} === "function" ? ${each} : module.exports.${each}`);
  const wrapped = vm.runInThisContext(
    `(function (module, exports, require) {${source}\n;return {${lookups.join(", ")}};})`,
    { filename: "solution.js" });
  const found = wrapped(module, module.exports, require);
  const single = names.length === 1 && typeof module.exports === "function" && typeof found[name] !== "function";
  if (single) found[name] = module.exports;
  const missing = names.find((each) => typeof found[each] !== "function");
  if (missing) {
    loadError = `ReferenceError: the solution defines no ${mode === "class" ? "class" : "function"} named ${missing}`;
  }
  entry = mode === "functions" ? found : found[name];
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
    const returned = call(entry, c.args);
    const value = returned === undefined ? null : JSON.parse(JSON.stringify(returned));
    if (Array.isArray(value)) fields.runs = runs(value);
    else fields.value = value;
  } catch (e) {
    fields.error = errorText(e);
  }
  fields.time_ms = Number(process.hrtime.bigint() - started) / 1e6;
  fields.stdout = captured.out.join("\n").slice(0, KEEP);
  fields.stderr = captured.err.join("\n").slice(0, KEEP);
  fields.memory_kb = peakMemoryKb();
  report(fields);
}
