"""Solutions to the medium-3 and hard-1 coding problems, written for these tests: per problem and
language one correct solution, and one that passes the visible tests but misses a hidden edge case
(named in the comment above it). Merged into CORRECT and INCORRECT by `coding_solutions`."""

from __future__ import annotations

# Kahn's algorithm taking the smallest ready node first, shared by the two problems that ask for the
# lexicographically smallest order (packages, letters).
SMALLEST_ORDER_PYTHON = """\
import heapq


def smallest_order(nodes, after):
    waiting = {node: 0 for node in nodes}
    for later in after.values():
        for node in later:
            waiting[node] += 1
    ready = [node for node in nodes if waiting[node] == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        node = heapq.heappop(ready)
        order.append(node)
        for later in after[node]:
            waiting[later] -= 1
            if waiting[later] == 0:
                heapq.heappush(ready, later)
    return order  # without the nodes on or after a cycle
"""

# A binary heap for the JavaScript solutions (the language has none), shared like the above.
MIN_HEAP_JAVASCRIPT = """\
function minHeap(before) {
  const items = [];
  const swap = (i, j) => { [items[i], items[j]] = [items[j], items[i]]; };
  return {
    get size() { return items.length; },
    push(item) {
      items.push(item);
      for (let i = items.length - 1; i > 0 && before(items[i], items[(i - 1) >> 1]); i = (i - 1) >> 1) {
        swap(i, (i - 1) >> 1);
      }
    },
    pop() {  // the item before all the others
      const top = items[0];
      const last = items.pop();
      if (items.length) {
        items[0] = last;
        for (let i = 0; ;) {
          let first = i;
          for (const child of [2 * i + 1, 2 * i + 2]) {
            if (child < items.length && before(items[child], items[first])) first = child;
          }
          if (first === i) break;
          swap(i, first);
          i = first;
        }
      }
      return top;
    },
  };
}
"""

CORRECT = {
    "coding/top-k-errors": {
        "python": """\
from collections import Counter


def top_k_errors(messages, k):
    counts = Counter(messages)
    return sorted(counts, key=lambda message: (-counts[message], message))[:k]
""",
        "javascript": """\
function topKErrors(messages, k) {
  const counts = new Map();
  for (const message of messages) counts.set(message, (counts.get(message) || 0) + 1);
  return [...counts.keys()]
    .sort((a, b) => counts.get(b) - counts.get(a) || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, k);
}
""",
    },
    "coding/distinct-song-streak": {
        "python": """\
def longest_distinct_streak(plays):
    last_seen = {}
    start = best = 0
    for index, song in enumerate(plays):
        if last_seen.get(song, -1) >= start:
            start = last_seen[song] + 1
        last_seen[song] = index
        best = max(best, index - start + 1)
    return best
""",
        "javascript": """\
function longestDistinctStreak(plays) {
  const lastSeen = new Map();
  let start = 0;
  let best = 0;
  plays.forEach((song, index) => {
    if (lastSeen.has(song) && lastSeen.get(song) >= start) start = lastSeen.get(song) + 1;
    lastSeen.set(song, index);
    best = Math.max(best, index - start + 1);
  });
  return best;
}
""",
    },
    "coding/flood-regions": {
        "python": """\
def count_flooded_regions(grid):
    rows = len(grid)
    cols = len(grid[0]) if rows else 0
    seen = [[False] * cols for _ in range(rows)]
    regions = 0
    for row in range(rows):
        for col in range(cols):
            if grid[row][col] != 1 or seen[row][col]:
                continue
            regions += 1
            seen[row][col] = True
            stack = [(row, col)]
            while stack:
                r, c = stack.pop()
                for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                    if 0 <= nr < rows and 0 <= nc < cols and grid[nr][nc] == 1 and not seen[nr][nc]:
                        seen[nr][nc] = True
                        stack.append((nr, nc))
    return regions
""",
        "javascript": """\
function countFloodedRegions(grid) {
  const rows = grid.length;
  const cols = rows ? grid[0].length : 0;
  const seen = grid.map((line) => line.map(() => false));
  let regions = 0;
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      if (grid[row][col] !== 1 || seen[row][col]) continue;
      regions++;
      seen[row][col] = true;
      const stack = [[row, col]];
      while (stack.length) {
        const [r, c] = stack.pop();
        for (const [nr, nc] of [[r + 1, c], [r - 1, c], [r, c + 1], [r, c - 1]]) {
          if (nr >= 0 && nr < rows && nc >= 0 && nc < cols && grid[nr][nc] === 1 && !seen[nr][nc]) {
            seen[nr][nc] = true;
            stack.push([nr, nc]);
          }
        }
      }
    }
  }
  return regions;
}
""",
    },
    "coding/package-build-order": {
        "python": SMALLEST_ORDER_PYTHON + """

def build_order(dependencies):
    packages = set(dependencies)
    for needed in dependencies.values():
        packages.update(needed)
    needed_by = {package: [] for package in packages}
    for package, needed in dependencies.items():
        for dependency in needed:
            needed_by[dependency].append(package)
    order = smallest_order(packages, needed_by)
    return {"order": order, "blocked": sorted(packages - set(order))}
""",
        "javascript": MIN_HEAP_JAVASCRIPT + """
function buildOrder(dependencies) {
  const waiting = new Map();
  const neededBy = new Map();
  const add = (name) => {
    if (!waiting.has(name)) { waiting.set(name, 0); neededBy.set(name, []); }
  };
  for (const [name, needed] of Object.entries(dependencies)) {
    add(name);
    for (const dependency of needed) add(dependency);
  }
  for (const [name, needed] of Object.entries(dependencies)) {
    for (const dependency of needed) {
      waiting.set(name, waiting.get(name) + 1);
      neededBy.get(dependency).push(name);
    }
  }
  const ready = minHeap((a, b) => a < b);
  for (const [name, count] of waiting) if (count === 0) ready.push(name);
  const order = [];
  while (ready.size) {
    const name = ready.pop();
    order.push(name);
    for (const dependent of neededBy.get(name)) {
      waiting.set(dependent, waiting.get(dependent) - 1);
      if (waiting.get(dependent) === 0) ready.push(dependent);
    }
  }
  const built = new Set(order);
  const blocked = [...waiting.keys()].filter((name) => !built.has(name)).sort();
  return { order, blocked };
}
""",
    },
    "coding/warehouse-robot-path": {
        "python": """\
from collections import deque


def robot_moves(floor):
    rows, cols = len(floor), len(floor[0])
    start = next((r, c) for r in range(rows) for c in range(cols) if floor[r][c] == "S")
    distance = {start: 0}
    queue = deque([start])
    while queue:
        r, c = queue.popleft()
        if floor[r][c] == "T":
            return distance[(r, c)]
        for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
            if 0 <= nr < rows and 0 <= nc < cols and floor[nr][nc] != "#" and (nr, nc) not in distance:
                distance[(nr, nc)] = distance[(r, c)] + 1
                queue.append((nr, nc))
    return -1
""",
        "javascript": """\
function robotMoves(floor) {
  const rows = floor.length;
  const cols = floor[0].length;
  const distance = new Int32Array(rows * cols).fill(-1);
  const queue = [];
  for (let r = 0; r < rows; r++) {
    const c = floor[r].indexOf("S");
    if (c >= 0) { queue.push(r * cols + c); distance[r * cols + c] = 0; }
  }
  for (let head = 0; head < queue.length; head++) {
    const cell = queue[head];
    const r = Math.floor(cell / cols);
    const c = cell % cols;
    if (floor[r][c] === "T") return distance[cell];
    for (const [nr, nc] of [[r + 1, c], [r - 1, c], [r, c + 1], [r, c - 1]]) {
      if (nr < 0 || nr >= rows || nc < 0 || nc >= cols || floor[nr][nc] === "#") continue;
      if (distance[nr * cols + nc] !== -1) continue;
      distance[nr * cols + nc] = distance[cell] + 1;
      queue.push(nr * cols + nc);
    }
  }
  return -1;
}
""",
    },
    "coding/nearest-delivery-points": {
        "python": """\
import heapq


def nearest_points(points, k):
    return heapq.nsmallest(k, points, key=lambda p: (p[0] * p[0] + p[1] * p[1], p[0], p[1]))
""",
        "javascript": """\
function nearestPoints(points, k) {
  const key = ([x, y]) => x * x + y * y;
  return [...points]
    .sort((a, b) => key(a) - key(b) || a[0] - b[0] || a[1] - b[1])
    .slice(0, k);
}
""",
    },
    "coding/growth-without-division": {
        "python": """\
def products_except_self(factors):
    result = [1] * len(factors)
    prefix = 1
    for i, factor in enumerate(factors):
        result[i] = prefix
        prefix *= factor
    suffix = 1
    for i in range(len(factors) - 1, -1, -1):
        result[i] *= suffix
        suffix *= factors[i]
    return result
""",
        "javascript": """\
function productsExceptSelf(factors) {
  const result = new Array(factors.length).fill(1);
  let prefix = 1;
  for (let i = 0; i < factors.length; i++) {
    result[i] = prefix;
    prefix *= factors[i];
  }
  let suffix = 1;
  for (let i = factors.length - 1; i >= 0; i--) {
    result[i] *= suffix;
    suffix *= factors[i];
  }
  return result;
}
""",
    },
    "coding/min-stamps-postage": {
        "python": """\
def min_stamps(stamps, amount):
    unreachable = amount + 1
    fewest = [0] + [unreachable] * amount
    for value in range(1, amount + 1):
        for stamp in stamps:
            if stamp <= value and fewest[value - stamp] + 1 < fewest[value]:
                fewest[value] = fewest[value - stamp] + 1
    return fewest[amount] if fewest[amount] <= amount else -1
""",
        "javascript": """\
function minStamps(stamps, amount) {
  const unreachable = amount + 1;
  const fewest = new Array(amount + 1).fill(unreachable);
  fewest[0] = 0;
  for (let value = 1; value <= amount; value++) {
    for (const stamp of stamps) {
      if (stamp <= value && fewest[value - stamp] + 1 < fewest[value]) fewest[value] = fewest[value - stamp] + 1;
    }
  }
  return fewest[amount] <= amount ? fewest[amount] : -1;
}
""",
    },
    "coding/hashtag-split": {
        "python": """\
def split_hashtag(hashtag, words):
    dictionary = set(words)
    longest = max((len(word) for word in dictionary), default=0)
    size = len(hashtag)
    splits = [False] * size + [True]  # splits[i]: hashtag[i:] splits into words
    for i in range(size - 1, -1, -1):
        splits[i] = any(splits[i + n] and hashtag[i:i + n] in dictionary
                        for n in range(1, min(longest, size - i) + 1))
    if not splits[0]:
        return None
    chosen, i = [], 0
    while i < size:
        n = next(n for n in range(min(longest, size - i), 0, -1)
                 if splits[i + n] and hashtag[i:i + n] in dictionary)
        chosen.append(hashtag[i:i + n])
        i += n
    return " ".join(chosen)
""",
        "javascript": """\
function splitHashtag(hashtag, words) {
  const dictionary = new Set(words);
  const longest = words.reduce((most, word) => Math.max(most, word.length), 0);
  const size = hashtag.length;
  const splits = new Array(size + 1).fill(false);
  splits[size] = true;
  const fits = (i, n) => splits[i + n] && dictionary.has(hashtag.slice(i, i + n));
  for (let i = size - 1; i >= 0; i--) {
    for (let n = 1; n <= Math.min(longest, size - i) && !splits[i]; n++) splits[i] = fits(i, n);
  }
  if (!splits[0]) return null;
  const chosen = [];
  for (let i = 0; i < size;) {
    let n = Math.min(longest, size - i);
    while (!fits(i, n)) n--;
    chosen.push(hashtag.slice(i, i + n));
    i += n;
  }
  return chosen.join(" ");
}
""",
    },
    "coding/lowest-common-manager": {
        "python": """\
def lowest_common_manager(managers, first, second):
    known = set(managers) | set(managers.values())
    if first not in known or second not in known:
        return None
    above_first = set()
    person = first
    while person is not None:
        above_first.add(person)
        person = managers.get(person)
    person = second
    while person is not None and person not in above_first:
        person = managers.get(person)
    return person
""",
        "javascript": """\
function lowestCommonManager(managers, first, second) {
  const has = (name) => Object.prototype.hasOwnProperty.call(managers, name);
  const known = new Set([...Object.keys(managers), ...Object.values(managers)]);
  if (!known.has(first) || !known.has(second)) return null;
  const aboveFirst = new Set();
  for (let person = first; person !== undefined; person = has(person) ? managers[person] : undefined) {
    aboveFirst.add(person);
  }
  let person = second;
  while (!aboveFirst.has(person)) person = managers[person];
  return person;
}
""",
    },
    "coding/merge-k-log-files": {
        "python": """\
import heapq


def merge_logs(files):
    heads = [(lines[0][0], index, 0) for index, lines in enumerate(files) if lines]
    heapq.heapify(heads)
    merged = []
    while heads:
        _, index, position = heapq.heappop(heads)
        merged.append(files[index][position][1])
        if position + 1 < len(files[index]):
            heapq.heappush(heads, (files[index][position + 1][0], index, position + 1))
    return merged
""",
        "javascript": MIN_HEAP_JAVASCRIPT + """
function mergeLogs(files) {
  // [timestamp, file, position] of each file's next line, by timestamp, then file
  const heads = minHeap((a, b) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]));
  files.forEach((lines, index) => { if (lines.length) heads.push([lines[0][0], index, 0]); });
  const merged = [];
  while (heads.size) {
    const [, index, position] = heads.pop();
    merged.push(files[index][position][1]);
    if (position + 1 < files[index].length) heads.push([files[index][position + 1][0], index, position + 1]);
  }
  return merged;
}
""",
    },
    "coding/typo-edit-distance": {
        "python": """\
def edit_distance(source, target):
    previous = list(range(len(target) + 1))
    for i, char in enumerate(source, 1):
        current = [i] + [0] * len(target)
        for j, other in enumerate(target, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other))
        previous = current
    return previous[-1]
""",
        "javascript": """\
function editDistance(source, target) {
  let previous = Array.from({ length: target.length + 1 }, (_, j) => j);
  for (let i = 1; i <= source.length; i++) {
    const current = [i];
    for (let j = 1; j <= target.length; j++) {
      const substitution = previous[j - 1] + (source[i - 1] === target[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[target.length];
}
""",
    },
    "coding/product-code-ladder": {
        "python": """\
from collections import defaultdict, deque


def ladder_length(start, target, catalog):
    if start == target:
        return 1
    codes = set(catalog)
    if target not in codes:
        return 0
    by_pattern = defaultdict(list)
    for code in codes:
        for i in range(len(code)):
            by_pattern[code[:i] + "*" + code[i + 1:]].append(code)
    length = {start: 1}
    queue = deque([start])
    while queue:
        code = queue.popleft()
        for i in range(len(code)):
            pattern = code[:i] + "*" + code[i + 1:]
            for neighbour in by_pattern.pop(pattern, ()):
                if neighbour not in length:
                    length[neighbour] = length[code] + 1
                    if neighbour == target:
                        return length[neighbour]
                    queue.append(neighbour)
    return 0
""",
        "javascript": """\
function ladderLength(start, target, catalog) {
  if (start === target) return 1;
  const codes = new Set(catalog);
  if (!codes.has(target)) return 0;
  const byPattern = new Map();
  const patterns = (code) => [...code].map((_, i) => code.slice(0, i) + "*" + code.slice(i + 1));
  for (const code of codes) {
    for (const pattern of patterns(code)) {
      if (!byPattern.has(pattern)) byPattern.set(pattern, []);
      byPattern.get(pattern).push(code);
    }
  }
  const length = new Map([[start, 1]]);
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const code = queue[head];
    for (const pattern of patterns(code)) {
      for (const neighbour of byPattern.get(pattern) || []) {
        if (length.has(neighbour)) continue;
        length.set(neighbour, length.get(code) + 1);
        if (neighbour === target) return length.get(neighbour);
        queue.push(neighbour);
      }
      byPattern.delete(pattern);
    }
  }
  return 0;
}
""",
    },
    "coding/unknown-alphabet-order": {
        "python": SMALLEST_ORDER_PYTHON + """

def alphabet_order(words):
    letters = {char for word in words for char in word}
    after = {char: set() for char in letters}
    for word, following in zip(words, words[1:]):
        for a, b in zip(word, following):
            if a != b:
                after[a].add(b)
                break
        else:
            if len(word) > len(following):
                return None
    order = smallest_order(letters, after)
    return "".join(order) if len(order) == len(letters) else None
""",
        "javascript": """\
function alphabetOrder(words) {
  const after = new Map();
  for (const word of words) for (const char of word) if (!after.has(char)) after.set(char, new Set());
  for (let w = 0; w + 1 < words.length; w++) {
    const [word, following] = [words[w], words[w + 1]];
    let i = 0;
    while (i < word.length && i < following.length && word[i] === following[i]) i++;
    if (i < word.length && i < following.length) after.get(word[i]).add(following[i]);
    else if (word.length > following.length) return null;
  }
  const waiting = new Map([...after.keys()].map((char) => [char, 0]));
  for (const later of after.values()) for (const char of later) waiting.set(char, waiting.get(char) + 1);
  const order = [];
  const done = new Set();
  for (;;) {  // at most 26 letters: the smallest ready one, found by a scan
    const ready = [...waiting.keys()].filter((char) => !done.has(char) && waiting.get(char) === 0).sort();
    if (!ready.length) break;
    done.add(ready[0]);
    order.push(ready[0]);
    for (const later of after.get(ready[0])) waiting.set(later, waiting.get(later) - 1);
  }
  return order.length === after.size ? order.join("") : null;
}
""",
    },
    "coding/shortest-log-segment": {
        "python": """\
def shortest_segment(events, required):
    needed = set(required)
    if not needed:
        return None
    inside = {}
    covered = 0
    best = None
    start = 0
    for end, event in enumerate(events):
        if event not in needed:
            continue
        inside[event] = inside.get(event, 0) + 1
        if inside[event] == 1:
            covered += 1
        while covered == len(needed):
            if best is None or end - start < best[1] - best[0]:
                best = [start, end]
            leaving = events[start]
            if leaving in needed:
                inside[leaving] -= 1
                if inside[leaving] == 0:
                    covered -= 1
            start += 1
    return best
""",
        "javascript": """\
function shortestSegment(events, required) {
  const needed = new Set(required);
  if (needed.size === 0) return null;
  const inside = new Map();
  let covered = 0;
  let best = null;
  let start = 0;
  events.forEach((event, end) => {
    if (!needed.has(event)) return;
    inside.set(event, (inside.get(event) || 0) + 1);
    if (inside.get(event) === 1) covered++;
    while (covered === needed.size) {
      if (best === null || end - start < best[1] - best[0]) best = [start, end];
      const leaving = events[start];
      if (needed.has(leaving)) {
        inside.set(leaving, inside.get(leaving) - 1);
        if (inside.get(leaving) === 0) covered--;
      }
      start++;
    }
  });
  return best;
}
""",
    },
    "coding/calculator-expression": {
        "python": """\
def evaluate(expression):
    tokens = []
    i = 0
    while i < len(expression):
        char = expression[i]
        if char.isdigit():
            j = i
            while j < len(expression) and expression[j].isdigit():
                j += 1
            tokens.append(int(expression[i:j]))
            i = j
            continue
        if not char.isspace():
            tokens.append(char)
        i += 1
    position = 0

    def peek():
        return tokens[position] if position < len(tokens) else None

    def take():
        nonlocal position
        position += 1
        return tokens[position - 1]

    def factor():
        token = take()
        if token == "-":
            return -factor()
        if token == "(":
            value = total()
            take()  # ")"
            return value
        return token

    def term():
        value = factor()
        while peek() in ("*", "/"):
            operator, right = take(), factor()
            if operator == "*":
                value *= right
            else:
                value = abs(value) // abs(right) * (1 if (value < 0) == (right < 0) else -1)
        return value

    def total():
        value = term()
        while peek() in ("+", "-"):
            operator, right = take(), term()
            value = value + right if operator == "+" else value - right
        return value

    return total()
""",
        "javascript": """\
function evaluate(expression) {
  const tokens = expression.match(/[0-9]+|[-+*\\/()]/g) || [];
  let position = 0;
  const peek = () => tokens[position];
  const take = () => tokens[position++];
  const factor = () => {
    const token = take();
    if (token === "-") return -factor();
    if (token === "(") {
      const value = total();
      take();  // ")"
      return value;
    }
    return Number(token);
  };
  const term = () => {
    let value = factor();
    while (peek() === "*" || peek() === "/") {
      const operator = take();
      const right = factor();
      value = operator === "*" ? value * right : Math.trunc(value / right);
    }
    return value;
  };
  const total = () => {
    let value = term();
    while (peek() === "+" || peek() === "-") {
      const operator = take();
      const right = term();
      value = operator === "+" ? value + right : value - right;
    }
    return value;
  };
  return total();
}
""",
    },
    "coding/cheapest-shipping-route": {
        "python": """\
def cheapest_route(legs, source, destination, k):
    cost = {source: 0}
    for _ in range(k + 1):
        reached = dict(cost)
        for start, end, price in legs:
            if start in cost and cost[start] + price < reached.get(end, float("inf")):
                reached[end] = cost[start] + price
        cost = reached
    return cost.get(destination, -1)
""",
        "javascript": """\
function cheapestRoute(legs, source, destination, k) {
  let cost = new Map([[source, 0]]);
  for (let round = 0; round <= k; round++) {
    const reached = new Map(cost);
    for (const [start, end, price] of legs) {
      if (cost.has(start) && cost.get(start) + price < (reached.has(end) ? reached.get(end) : Infinity)) {
        reached.set(end, cost.get(start) + price);
      }
    }
    cost = reached;
  }
  return cost.has(destination) ? cost.get(destination) : -1;
}
""",
    },
    "coding/longest-improving-versions": {
        "python": """\
from bisect import bisect_left


def longest_improving(scores):
    smallest_tail = []  # smallest_tail[n]: the lowest last score of an improving run of n + 1 versions
    for score in scores:
        n = bisect_left(smallest_tail, score)
        if n == len(smallest_tail):
            smallest_tail.append(score)
        else:
            smallest_tail[n] = score
    return len(smallest_tail)
""",
        "javascript": """\
function longestImproving(scores) {
  const smallestTail = [];
  for (const score of scores) {
    let low = 0;
    let high = smallestTail.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (smallestTail[middle] < score) low = middle + 1;
      else high = middle;
    }
    smallestTail[low] = score;
  }
  return smallestTail.length;
}
""",
    },
    "coding/weighted-job-selection": {
        "python": """\
from bisect import bisect_right


def max_payment(jobs):
    jobs = sorted(jobs, key=lambda job: job[1])
    ends = [end for _, end, _ in jobs]
    best = [0] * (len(jobs) + 1)  # best[i]: the most the first i jobs (by end) can pay
    for i, (start, _, payment) in enumerate(jobs):
        fits = bisect_right(ends, start, 0, i)
        best[i + 1] = max(best[i], best[fits] + payment)
    return best[-1]
""",
        "javascript": """\
function maxPayment(jobs) {
  const sorted = [...jobs].sort((a, b) => a[1] - b[1]);
  const best = [0];
  sorted.forEach(([start, , payment], i) => {
    let low = 0;
    let high = i;
    while (low < high) {  // the number of earlier jobs ending by start
      const middle = (low + high) >> 1;
      if (sorted[middle][1] <= start) low = middle + 1;
      else high = middle;
    }
    best.push(Math.max(best[i], best[low] + payment));
  });
  return best[sorted.length];
}
""",
    },
}


def _broken(key: str, language: str, *edits: tuple[str, str]) -> str:
    """The correct solution with a bug put in: each (old, new) edit replaces text that must be there."""
    source = CORRECT[key][language]
    for old, new in edits:
        if old not in source:
            raise ValueError(f"{key} ({language}): no {old!r} to replace")
        source = source.replace(old, new)
    return source


# The bugs put into correct solutions: per problem and language, (old, new) text replacements.
BUGS = {
    # Ties keep the order of first appearance, not alphabetical order.
    "coding/top-k-errors": {
        "javascript": [
            (" || (a < b ? -1 : a > b ? 1 : 0)", ""),
        ],
    },
    # The window's start jumps back to a repeat seen before the window began.
    "coding/distinct-song-streak": {
        "python": [
            ("if last_seen.get(song, -1) >= start:", "if song in last_seen:"),
        ],
        "javascript": [
            ("if (lastSeen.has(song) && lastSeen.get(song) >= start)", "if (lastSeen.has(song))"),
        ],
    },
    # Assumes a square map: the number of rows stands in for the number of columns.
    "coding/flood-regions": {
        "python": [
            ("cols = len(grid[0]) if rows else 0", "cols = rows"),
        ],
        "javascript": [
            ("const cols = rows ? grid[0].length : 0;", "const cols = rows;"),
        ],
    },
    # A first-in-first-out queue: a package that becomes ready later waits behind bigger names.
    "coding/package-build-order": {
        "python": [
            ("heapq.heapify(ready)", "ready.sort()"),
            ("heapq.heappop(ready)", "ready.pop(0)"),
            ("heapq.heappush(ready, later)", "ready.append(later)"),
        ],
        "javascript": [
            ("const ready = minHeap((a, b) => a < b);\n  for (const [name, count] of waiting) if (count === 0) ready.push(name);",
             "const ready = [...waiting.keys()].filter((name) => waiting.get(name) === 0).sort();"),
            ("while (ready.size) {\n    const name = ready.pop();", "while (ready.length) {\n    const name = ready.shift();"),
        ],
    },
    # Takes the newest cell first (depth first, trying down first): a path, not always the shortest.
    "coding/warehouse-robot-path": {
        "python": [
            ("queue.popleft()", "queue.pop()"),
            ("((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1))", "((r, c - 1), (r - 1, c), (r, c + 1), (r + 1, c))"),
        ],
        "javascript": [
            ("for (let head = 0; head < queue.length; head++) {\n    const cell = queue[head];",
             "while (queue.length) {\n    const cell = queue.pop();"),
            ("[[r + 1, c], [r - 1, c], [r, c + 1], [r, c - 1]]", "[[r, c - 1], [r - 1, c], [r, c + 1], [r + 1, c]]"),
        ],
    },
    # Ties in distance keep the input order instead of x, then y.
    "coding/nearest-delivery-points": {
        "javascript": [
            (" || a[0] - b[0] || a[1] - b[1]", ""),
        ],
    },
    # Gives up when the amount is below every stamp, which is wrong for amount 0.
    "coding/min-stamps-postage": {
        "python": [
            ("    unreachable = amount + 1\n",
             "    if amount < min(stamps):\n        return -1\n    unreachable = amount + 1\n"),
        ],
        "javascript": [
            ("  const unreachable = amount + 1;\n",
             "  if (amount < Math.min(...stamps)) return -1;\n  const unreachable = amount + 1;\n"),
        ],
    },
    # Climbs from the second employee's manager: wrong when the second is the first's manager.
    "coding/lowest-common-manager": {
        "python": [
            ("    person = second\n", "    person = managers.get(second, second)\n"),
        ],
        "javascript": [
            ("let person = second;", "let person = has(second) ? managers[second] : second;"),
        ],
    },
    # No check that the start already is the target: that gives 0, not 1.
    "coding/product-code-ladder": {
        "python": [
            ("    if start == target:\n        return 1\n", ""),
        ],
        "javascript": [
            ("  if (start === target) return 1;\n", ""),
        ],
    },
    # Misses that a word followed by its own proper prefix is out of order.
    "coding/unknown-alphabet-order": {
        "python": [
            ("        else:\n            if len(word) > len(following):\n                return None\n", ""),
        ],
        "javascript": [
            ("\n    else if (word.length > following.length) return null;", ""),
        ],
    },
    # Keeps the last of the equally short segments, not the first.
    "coding/shortest-log-segment": {
        "python": [
            ("end - start < best[1] - best[0]", "end - start <= best[1] - best[0]"),
        ],
        "javascript": [
            ("end - start < best[1] - best[0]", "end - start <= best[1] - best[0]"),
        ],
    },
    # Reads "a - b - c" as "a - (b - c)": subtraction grouped from the right.
    "coding/calculator-expression": {
        "python": [
            ('while peek() in ("+", "-"):', 'if peek() in ("+", "-"):'),
            ("operator, right = take(), term()\n            value = value +",
             "operator, right = take(), total()\n            value = value +"),
        ],
        "javascript": [
            ('while (peek() === "+" || peek() === "-") {', 'if (peek() === "+" || peek() === "-") {'),
            ('const right = term();\n      value = operator === "+"', 'const right = total();\n      value = operator === "+"'),
        ],
    },
    # Treats every leg as two-way.
    "coding/cheapest-shipping-route": {
        "python": [
            ("    cost = {source: 0}\n",
             "    legs = legs + [[end, start, price] for start, end, price in legs]\n    cost = {source: 0}\n"),
        ],
        "javascript": [
            ("  let cost = new Map([[source, 0]]);",
             "  legs = legs.concat(legs.map(([start, end, price]) => [end, start, price]));\n"
             "  let cost = new Map([[source, 0]]);"),
        ],
    },
    # bisect_right: counts an equal score as an improvement.
    "coding/longest-improving-versions": {
        "python": [
            ("bisect_left", "bisect_right"),
        ],
        "javascript": [
            ("if (smallestTail[middle] < score)", "if (smallestTail[middle] <= score)"),
        ],
    },
    # Assumes the offers arrive sorted by end time.
    "coding/weighted-job-selection": {
        "python": [
            ("    jobs = sorted(jobs, key=lambda job: job[1])\n", ""),
        ],
        "javascript": [
            ("const sorted = [...jobs].sort((a, b) => a[1] - b[1]);", "const sorted = jobs;"),
        ],
    },
}

# Incorrect solutions written whole, where the bug is a different approach.
WRITTEN = {
    # Ties keep the order of first appearance, not alphabetical order.
    "coding/top-k-errors": {
        "python": """\
from collections import Counter


def top_k_errors(messages, k):
    return [message for message, _ in Counter(messages).most_common(k)]
""",
    },
    # Ties in distance keep the input order instead of x, then y.
    "coding/nearest-delivery-points": {
        "python": """\
def nearest_points(points, k):
    return sorted(points, key=lambda p: p[0] * p[0] + p[1] * p[1])[:k]
""",
    },
    # Divides the product of the non-zero factors, right for one zero but not for two.
    "coding/growth-without-division": {
        "python": """\
def products_except_self(factors):
    total = 1
    for factor in factors:
        if factor:
            total *= factor
    if 0 in factors:
        return [0 if factor else total for factor in factors]
    return [total // factor for factor in factors]
""",
        "javascript": """\
function productsExceptSelf(factors) {
  let total = 1;
  for (const factor of factors) if (factor !== 0) total *= factor;
  if (factors.includes(0)) return factors.map((factor) => (factor === 0 ? total : 0));
  return factors.map((factor) => total / factor);
}
""",
    },
    # Takes the longest word that fits at each point and never backtracks.
    "coding/hashtag-split": {
        "python": """\
def split_hashtag(hashtag, words):
    dictionary = set(words)
    chosen, i = [], 0
    while i < len(hashtag):
        fits = [n for n in range(1, min(20, len(hashtag) - i) + 1) if hashtag[i:i + n] in dictionary]
        if not fits:
            return None
        chosen.append(hashtag[i:i + max(fits)])
        i += max(fits)
    return " ".join(chosen)
""",
        "javascript": """\
function splitHashtag(hashtag, words) {
  const dictionary = new Set(words);
  const chosen = [];
  for (let i = 0; i < hashtag.length;) {
    let n = Math.min(20, hashtag.length - i);
    while (n > 0 && !dictionary.has(hashtag.slice(i, i + n))) n--;
    if (n === 0) return null;
    chosen.push(hashtag.slice(i, i + n));
    i += n;
  }
  return chosen.join(" ");
}
""",
    },
    # Equal timestamps come out by their text, not by file.
    "coding/merge-k-log-files": {
        "python": """\
import heapq


def merge_logs(files):
    return [text for _, text in heapq.merge(*files)]
""",
        "javascript": """\
function mergeLogs(files) {
  return files.flat()
    .sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map((line) => line[1]);
}
""",
    },
    # The longer length minus the longest common subsequence: right on the examples, not in general.
    "coding/typo-edit-distance": {
        "python": """\
def edit_distance(source, target):
    previous = [0] * (len(target) + 1)
    for char in source:
        current = [0]
        for j, other in enumerate(target, 1):
            current.append(previous[j - 1] + 1 if char == other else max(previous[j], current[j - 1]))
        previous = current
    return max(len(source), len(target)) - previous[-1]
""",
        "javascript": """\
function editDistance(source, target) {
  let previous = new Array(target.length + 1).fill(0);
  for (const char of source) {
    const current = [0];
    for (let j = 1; j <= target.length; j++) {
      current.push(char === target[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]));
    }
    previous = current;
  }
  return Math.max(source.length, target.length) - previous[target.length];
}
""",
    },
}

INCORRECT = {key: {language: WRITTEN.get(key, {}).get(language) or _broken(key, language, *BUGS[key][language])
                   for language in CORRECT[key]} for key in CORRECT}
