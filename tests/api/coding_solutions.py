"""Solutions to the shipped coding problems, written for these tests: per problem and language one
correct solution and one that passes the visible tests but fails a hidden one."""

from __future__ import annotations

from tests.api import coding_solutions_c, coding_solutions_d

CORRECT = {
    "coding/budget-pair": {
        "python": ("def budget_pair(prices, card):\n    seen = {}\n    for j, price in enumerate(prices):\n"
                   "        if card - price in seen:\n            return [seen[card - price], j]\n"
                   "        seen.setdefault(price, j)\n    return []\n"),
        "javascript": ("function budgetPair(prices, card) {\n  const seen = new Map();\n"
                       "  for (let j = 0; j < prices.length; j++) {\n"
                       "    if (seen.has(card - prices[j])) return [seen.get(card - prices[j]), j];\n"
                       "    if (!seen.has(prices[j])) seen.set(prices[j], j);\n  }\n  return [];\n}\n"),
    },
    "coding/template-brackets": {
        "python": ("def brackets_balanced(text):\n    pairs = {')': '(', ']': '[', '}': '{'}\n    stack = []\n"
                   "    for char in text:\n        if char in '([{':\n            stack.append(char)\n"
                   "        elif char in pairs:\n            if not stack or stack.pop() != pairs[char]:\n"
                   "                return False\n    return not stack\n"),
        "javascript": ("function bracketsBalanced(text) {\n  const pairs = { ')': '(', ']': '[', '}': '{' };\n"
                       "  const stack = [];\n  for (const char of text) {\n    if ('([{'.includes(char)) stack.push(char);\n"
                       "    else if (char in pairs && stack.pop() !== pairs[char]) return false;\n  }\n"
                       "  return stack.length === 0;\n}\n"),
    },
    "coding/compare-versions": {
        "python": ("def compare_versions(first, second):\n    left = [int(p) for p in first.split('.')]\n"
                   "    right = [int(p) for p in second.split('.')]\n    size = max(len(left), len(right))\n"
                   "    left += [0] * (size - len(left))\n    right += [0] * (size - len(right))\n"
                   "    return (left > right) - (left < right)\n"),
        "javascript": ("function compareVersions(first, second) {\n  const left = first.split('.').map(Number);\n"
                       "  const right = second.split('.').map(Number);\n"
                       "  for (let i = 0; i < Math.max(left.length, right.length); i++) {\n"
                       "    const a = left[i] || 0;\n    const b = right[i] || 0;\n"
                       "    if (a !== b) return a > b ? 1 : -1;\n  }\n  return 0;\n}\n"),
    },
    "coding/missing-ticket-number": {
        "python": ("def missing_ticket(numbers):\n    count = len(numbers) + 1\n"
                   "    return count * (count + 1) // 2 - sum(numbers)\n"),
        "javascript": ("function missingTicket(numbers) {\n  const count = numbers.length + 1;\n"
                       "  let total = count * (count + 1) / 2;\n  for (const number of numbers) total -= number;\n"
                       "  return total;\n}\n"),
    },
    "coding/merge-busy-intervals": {
        "python": ("def merge_busy(blocks):\n    merged = []\n    for start, end in sorted(blocks):\n"
                   "        if merged and start <= merged[-1][1]:\n            merged[-1][1] = max(merged[-1][1], end)\n"
                   "        else:\n            merged.append([start, end])\n    return merged\n"),
        "javascript": ("function mergeBusy(blocks) {\n  const merged = [];\n"
                       "  for (const [start, end] of [...blocks].sort((a, b) => a[0] - b[0] || a[1] - b[1])) {\n"
                       "    const last = merged[merged.length - 1];\n"
                       "    if (last && start <= last[1]) last[1] = Math.max(last[1], end);\n"
                       "    else merged.push([start, end]);\n  }\n  return merged;\n}\n"),
    },
}

# Each passes the visible tests and fails a hidden one by a wrong answer (a missed edge case), not by
# running out of time: a time-out costs a second of CPU per run.
INCORRECT = {
    "coding/budget-pair": {  # may pair an item with itself (fast, so the run ends without a time-out)
        "python": ("def budget_pair(prices, card):\n    where = {price: i for i, price in enumerate(prices)}\n"
                   "    for j, price in enumerate(prices):\n        i = where.get(card - price)\n"
                   "        if i is not None:\n            return sorted([i, j])\n    return []\n"),
        "javascript": ("function budgetPair(prices, card) {\n  const where = new Map();\n"
                       "  prices.forEach((price, i) => where.set(price, i));\n"
                       "  for (let j = 0; j < prices.length; j++) {\n    const i = where.get(card - prices[j]);\n"
                       "    if (i !== undefined) return [Math.min(i, j), Math.max(i, j)];\n  }\n  return [];\n}\n"),
    },
    "coding/template-brackets": {
        "python": ("def brackets_balanced(text):\n    return all(text.count(a) == text.count(b)"
                   " for a, b in ('()', '[]', '{}')) and not text.endswith(')') or text == 'db{host[0](x)}'\n"),
        "javascript": ("function bracketsBalanced(text) {\n  let depth = 0;\n  for (const c of text) {\n"
                       "    if ('([{'.includes(c)) depth++;\n    if (')]}'.includes(c)) depth--;\n"
                       "    if (depth < 0) return false;\n  }\n  return depth === 0 && !text.includes('(]');\n}\n"),
    },
    "coding/compare-versions": {
        "python": ("def compare_versions(first, second):\n    a, b = first.split('.'), second.split('.')\n"
                   "    a += ['0'] * (len(b) - len(a))\n    b += ['0'] * (len(a) - len(b))\n"
                   "    for x, y in zip(a, b):\n        if (len(x), x) != (len(y), y):\n"
                   "            return 1 if (len(x), x) > (len(y), y) else -1\n    return 0\n"),
        "javascript": ("function compareVersions(first, second) {\n  const a = first.split('.');\n"
                       "  const b = second.split('.');\n"
                       "  for (let i = 0; i < Math.max(a.length, b.length); i++) {\n"
                       "    const x = a[i] || '0';\n    const y = b[i] || '0';\n"
                       "    if (x.length !== y.length) return x.length > y.length ? 1 : -1;\n"
                       "    if (x !== y) return x > y ? 1 : -1;\n  }\n  return 0;\n}\n"),
    },
    "coding/missing-ticket-number": {
        "python": ("def missing_ticket(numbers):\n    ordered = sorted(numbers)\n"
                   "    for i, number in enumerate(ordered):\n        if number != i + 1:\n            return i + 1\n"
                   "    return ordered[-1] + 1  # fails on an empty scan\n"),
        "javascript": ("function missingTicket(numbers) {\n  const sorted = [...numbers].sort((a, b) => a - b);\n"
                       "  for (let i = 0; i < sorted.length; i++) if (sorted[i] !== i + 1) return i + 1;\n"
                       "  return sorted.length ? sorted.length + 1 : 0;\n}\n"),
    },
    "coding/merge-busy-intervals": {
        "python": ("def merge_busy(blocks):\n    merged = []\n    for start, end in sorted(blocks):\n"
                   "        if merged and start <= merged[-1][1]:\n            merged[-1][1] = end\n"
                   "        else:\n            merged.append([start, end])\n    return merged\n"),
        "javascript": ("function mergeBusy(blocks) {\n  const merged = [];\n"
                       "  for (const [start, end] of [...blocks].sort((a, b) => a[0] - b[0])) {\n"
                       "    const last = merged[merged.length - 1];\n    if (last && start <= last[1]) last[1] = end;\n"
                       "    else merged.push([start, end]);\n  }\n  return merged;\n}\n"),
    },
}

CORRECT.update(coding_solutions_d.CORRECT)
INCORRECT.update(coding_solutions_d.INCORRECT)
CORRECT.update(coding_solutions_c.CORRECT)
INCORRECT.update(coding_solutions_c.INCORRECT)
