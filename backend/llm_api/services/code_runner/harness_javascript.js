// The JavaScript test harness, run inside the sandbox (Node built-ins only). Same protocol as
// harness_python.py: arguments only in cases.json, the modes function, class and functions
// (`main.js NAME MODE`), "$predicate" arguments with a call budget, "$tree" arguments and returned
// trees (CategoryNode) as preorder lists, one "\x1e" + JSON line per
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
// A binary tree node handed to and taken from the candidate's code ({"$tree": ...} arguments).
class CategoryNode {
  constructor(id, left = null, right = null) {
    this.id = id;
    this.left = left;
    this.right = right;
  }
}
// The tree a preorder list of ids (null for a missing child) describes, built without recursion.
const treeFrom = (preorder) => {
  if (!preorder.length || preorder[0] === null) return null;
  const root = new CategoryNode(preorder[0]);
  const open = [[root, "left"]]; // nodes whose next child slot is still to fill
  for (const value of preorder.slice(1)) {
    if (!open.length) break;
    const parent = open[open.length - 1];
    const node = value === null ? null : new CategoryNode(value);
    parent[0][parent[1]] = node;
    if (parent[1] === "left") parent[1] = "right";
    else open.pop();
    if (node !== null) open.push([node, "left"]);
  }
  return root;
};
// The preorder list of ids (null for a missing child) of a returned tree, without recursion.
const treeTo = (root) => {
  const listed = [];
  const pending = [root];
  while (pending.length) {
    const node = pending.pop();
    if (node === null || node === undefined) listed.push(null);
    else {
      listed.push(node.id === undefined ? null : node.id);
      pending.push(node.right, node.left);
    }
  }
  return listed;
};
const only = (arg, key) => arg !== null && typeof arg === "object" && !Array.isArray(arg)
  && Object.keys(arg).length === 1 && key in arg;
const plain = (value) => {
  if (value instanceof CategoryNode) return treeTo(value);
  if (Array.isArray(value)) return value.map((item) => (item instanceof CategoryNode ? treeTo(item) : item));
  return value;
};

// The arguments with $predicate and $tree values made into what they describe.
const materialized = (args, counted = []) => args.map((arg) => {
  if (only(arg, "$predicate")) {
    const made = predicate(arg.$predicate);
    counted.push(made);
    return made.check;
  }
  return only(arg, "$tree") ? treeFrom(arg.$tree) : arg;
});

// The case's value: the function's result, or the list of the calls' results.
const call = (entry, args) => {
  if (mode === "function") {
    const counted = [];
    const value = entry(...materialized(args, counted));
    const over = counted.find((c) => c.calls > c.budget); // it caught CallBudgetExceeded
    if (over) throw new CallBudgetExceeded(over.budget);
    return value;
  }
  if (mode === "class") {
    const [constructorArgs, calls] = args;
    const instance = new entry(...materialized(constructorArgs)); // eslint-disable-line new-cap
    return calls.map(([method, ...methodArgs]) => {
      if (typeof instance[method] !== "function") throw new TypeError(`${name} has no method ${method}`);
      return instance[method](...materialized(methodArgs));
    });
  }
  return args[0].map(([fn, ...fnArgs]) => entry[fn](...materialized(fnArgs)));
};

// [item, count] pairs of equal neighbours (equal as JSON); a list item is itself sent as {"$runs": pairs}.
const runs = (items) => {
  const pairs = [];
  let last = null;
  for (const original of items) {
    const item = Array.isArray(original) ? { $runs: runs(original) } : original;
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
    `(function (module, exports, require, CategoryNode) {${source}\n;return {${lookups.join(", ")}};})`,
    { filename: "solution.js" });
  const found = wrapped(module, module.exports, require, CategoryNode);
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
  let ended = null;
  try {
    const returned = call(entry, c.args);
    ended = process.hrtime.bigint(); // the candidate's time, not the reporting's
    const value = returned === undefined ? null : JSON.parse(JSON.stringify(plain(returned)));
    if (Array.isArray(value)) fields.runs = runs(value);
    else fields.value = value;
  } catch (e) {
    fields.error = errorText(e);
  }
  fields.time_ms = Number((ended || process.hrtime.bigint()) - started) / 1e6;
  fields.stdout = captured.out.join("\n").slice(0, KEEP);
  fields.stderr = captured.err.join("\n").slice(0, KEEP);
  fields.memory_kb = peakMemoryKb();
  report(fields);
}
