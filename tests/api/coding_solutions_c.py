"""Solutions to the problems of `coding_problems/easy-2.json`, `medium-2.json` and `hard-2.json`,
written for these tests: per problem and language one correct solution, and one that passes the
visible tests but fails a hidden one by being wrong (the missed case is named above it)."""

from __future__ import annotations

CORRECT = {}
INCORRECT = {}

CORRECT["coding/sensor-run-length"] = {
    "python": '''def encode(text):
    parts = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or text[i] != text[start]:
            parts.append(f"{i - start}{text[start]}")
            start = i
    return "".join(parts)


def decode(code):
    parts = []
    count = 0
    for char in code:
        if char.isdigit():
            count = count * 10 + int(char)
        else:
            parts.append(char * count)
            count = 0
    return "".join(parts)
''',
    "javascript": '''function encode(text) {
  const parts = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || text[i] !== text[start]) {
      parts.push(`${i - start}${text[start]}`);
      start = i;
    }
  }
  return parts.join("");
}

function decode(code) {
  const parts = [];
  let count = 0;
  for (const char of code) {
    if (char >= "0" && char <= "9") count = count * 10 + Number(char);
    else {
      parts.push(char.repeat(count));
      count = 0;
    }
  }
  return parts.join("");
}
''',
}
INCORRECT["coding/sensor-run-length"] = {  # the empty reading: a run is assumed to start at text[0]
    "python": '''def encode(text):
    parts, current, count = [], text[0], 0
    for char in text:
        if char == current:
            count += 1
        else:
            parts.append(f"{count}{current}")
            current, count = char, 1
    parts.append(f"{count}{current}")
    return "".join(parts)


def decode(code):
    parts, count = [], ""
    for char in code:
        if char.isdigit():
            count += char
        else:
            parts.append(char * int(count))
            count = ""
    return "".join(parts)
''',
    "javascript": '''function encode(text) {
  let out = "", current = text[0], count = 0;
  for (const char of text) {
    if (char === current) count++;
    else { out += count + current; current = char; count = 1; }
  }
  return out + count + current;
}

function decode(code) {
  return code.replace(/(\\d+)([A-Za-z])/g, (_, count, letter) => letter.repeat(Number(count)));
}
''',
}

CORRECT["coding/merge-sorted-timestamps"] = {
    "python": '''def merge_timestamps(a, b):
    merged = []
    i = j = 0
    while i < len(a) or j < len(b):
        if j == len(b) or (i < len(a) and a[i] <= b[j]):
            value = a[i]
            i += 1
        else:
            value = b[j]
            j += 1
        if not merged or merged[-1] != value:
            merged.append(value)
    return merged
''',
    "javascript": '''function mergeTimestamps(a, b) {
  const merged = [];
  let i = 0, j = 0;
  while (i < a.length || j < b.length) {
    const value = j === b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
    if (merged.length === 0 || merged[merged.length - 1] !== value) merged.push(value);
  }
  return merged;
}
''',
}
INCORRECT["coding/merge-sorted-timestamps"] = {  # forgets what is left of the first list
    "python": '''def merge_timestamps(a, b):
    merged = []
    i = j = 0
    while i < len(a) and j < len(b):
        value = a[i] if a[i] <= b[j] else b[j]
        if a[i] <= b[j]:
            i += 1
        else:
            j += 1
        if not merged or merged[-1] != value:
            merged.append(value)
    for value in b[j:]:
        if not merged or merged[-1] != value:
            merged.append(value)
    return merged
''',
    "javascript": '''function mergeTimestamps(a, b) {
  const merged = [];
  let i = 0, j = 0;
  const add = (value) => { if (merged[merged.length - 1] !== value) merged.push(value); };
  while (i < a.length && j < b.length) add(a[i] <= b[j] ? a[i++] : b[j++]);
  while (j < b.length) add(b[j++]);
  return merged;
}
''',
}

CORRECT["coding/format-duration"] = {
    "python": '''def format_duration(seconds):
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{value}{unit}" for value, unit in ((hours, "h"), (minutes, "m"), (secs, "s")) if value]
    return " ".join(parts) or "0s"
''',
    "javascript": '''function formatDuration(seconds) {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const secs = seconds % 60;
  const parts = [[hours, "h"], [minutes, "m"], [secs, "s"]].filter(([value]) => value > 0);
  return parts.map(([value, unit]) => `${value}${unit}`).join(" ") || "0s";
}
''',
}
INCORRECT["coding/format-duration"] = {  # keeps a zero part between two others ("1h 0m 1s")
    "python": '''def format_duration(seconds):
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(f"{hours}h")
    if minutes or (hours and secs):
        parts.append(f"{minutes}m")
    if secs:
        parts.append(f"{secs}s")
    return " ".join(parts) or "0s"
''',
    "javascript": '''function formatDuration(seconds) {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const secs = seconds % 60;
  const parts = [];
  if (hours) parts.push(`${hours}h`);
  if (minutes || (hours && secs)) parts.push(`${minutes}m`);
  if (secs) parts.push(`${secs}s`);
  return parts.join(" ") || "0s";
}
''',
}

CORRECT["coding/flatten-config"] = {
    "python": '''def flatten_config(config):
    flat = {}
    pending = [("", config)]
    while pending:
        prefix, section = pending.pop()
        for key, value in section.items():
            path = f"{prefix}{key}"
            if isinstance(value, dict):
                pending.append((path + ".", value))
            else:
                flat[path] = value
    return flat
''',
    "javascript": '''function flattenConfig(config, prefix = "", flat = {}) {
  for (const [key, value] of Object.entries(config)) {
    if (value !== null && typeof value === "object") flattenConfig(value, `${prefix}${key}.`, flat);
    else flat[`${prefix}${key}`] = value;
  }
  return flat;
}
''',
}
INCORRECT["coding/flatten-config"] = {  # flattens one level of nesting only
    "python": '''def flatten_config(config):
    flat = {}
    for key, value in config.items():
        if isinstance(value, dict):
            for inner, item in value.items():
                flat[f"{key}.{inner}"] = item
        else:
            flat[key] = value
    return flat
''',
    "javascript": '''function flattenConfig(config) {
  const flat = {};
  for (const [key, value] of Object.entries(config)) {
    if (typeof value === "object") {
      for (const [inner, item] of Object.entries(value)) flat[`${key}.${inner}`] = item;
    } else flat[key] = value;
  }
  return flat;
}
''',
}

CORRECT["coding/first-bad-build"] = {
    "python": '''def first_broken_build(n, is_broken):
    low, high = 1, n
    while low < high:
        middle = (low + high) // 2
        if is_broken(middle):
            high = middle
        else:
            low = middle + 1
    return low
''',
    "javascript": '''function firstBrokenBuild(n, isBroken) {
  let low = 1, high = n;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (isBroken(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}
''',
}
INCORRECT["coding/first-bad-build"] = {
    "python": CORRECT["coding/first-bad-build"]["python"].replace(
        'low, high = 1, n\n', 'low, high = 1, max(1, n - 1)\n'),
    "javascript": CORRECT["coding/first-bad-build"]["javascript"].replace(
        'Math.floor((low + high) / 2)', '(low + high) >> 1'),
}

CORRECT["coding/palindrome-phrase"] = {
    "python": '''def is_palindrome_phrase(phrase):
    left, right = 0, len(phrase) - 1
    while left < right:
        if not phrase[left].isascii() or not phrase[left].isalnum():
            left += 1
        elif not phrase[right].isascii() or not phrase[right].isalnum():
            right -= 1
        elif phrase[left].lower() != phrase[right].lower():
            return False
        else:
            left, right = left + 1, right - 1
    return True
''',
    "javascript": '''function isPalindromePhrase(phrase) {
  const kept = (c) => /[A-Za-z0-9]/.test(c);
  let left = 0, right = phrase.length - 1;
  while (left < right) {
    if (!kept(phrase[left])) left++;
    else if (!kept(phrase[right])) right--;
    else if (phrase[left].toLowerCase() !== phrase[right].toLowerCase()) return false;
    else { left++; right--; }
  }
  return true;
}
''',
}
INCORRECT["coding/palindrome-phrase"] = {  # skips digits as if they were punctuation
    "python": CORRECT["coding/palindrome-phrase"]["python"].replace(
        'not phrase[left].isascii() or not phrase[left].isalnum()', 'not phrase[left].isalpha()').replace(
        'not phrase[right].isascii() or not phrase[right].isalnum()', 'not phrase[right].isalpha()'),
    "javascript": CORRECT["coding/palindrome-phrase"]["javascript"].replace(
        '/[A-Za-z0-9]/', '/[A-Za-z]/'),
}

CORRECT["coding/moving-average"] = {
    "python": '''from collections import deque


class MovingAverage:
    def __init__(self, k):
        self.k = k
        self.window = deque()
        self.total = 0

    def add(self, reading):
        self.window.append(reading)
        self.total += reading
        if len(self.window) > self.k:
            self.total -= self.window.popleft()
        return self.total / len(self.window)
''',
    "javascript": '''class MovingAverage {
  constructor(k) {
    this.k = k;
    this.readings = [];
    this.oldest = 0;
    this.total = 0;
  }

  add(reading) {
    this.readings.push(reading);
    this.total += reading;
    if (this.readings.length - this.oldest > this.k) this.total -= this.readings[this.oldest++];
    return this.total / (this.readings.length - this.oldest);
  }
}
''',
}
INCORRECT["coding/moving-average"] = {  # integer division drops the fraction
    "python": CORRECT["coding/moving-average"]["python"].replace(
        "return self.total / len(self.window)", "return self.total // len(self.window)"),
    "javascript": CORRECT["coding/moving-average"]["javascript"].replace(
        "return this.total / (this.readings.length - this.oldest);",
        "return Math.floor(this.total / (this.readings.length - this.oldest));"),
}

CORRECT["coding/reverse-words"] = {
    "python": '''def reverse_words(sentence):
    return " ".join(reversed(sentence.split()))
''',
    "javascript": '''function reverseWords(sentence) {
  return sentence.split(/[ \\t]+/).filter((word) => word.length > 0).reverse().join(" ");
}
''',
}
INCORRECT["coding/reverse-words"] = {  # splits at spaces only: a tab stays inside a "word"
    "python": '''def reverse_words(sentence):
    return " ".join(word for word in reversed(sentence.split(" ")) if word)
''',
    "javascript": '''function reverseWords(sentence) {
  return sentence.trim().split(/ +/).reverse().join(" ");
}
''',
}

CORRECT["coding/lru-cache"] = {
    "python": '''from collections import OrderedDict


class LRUCache:
    def __init__(self, capacity):
        self.capacity = capacity
        self.entries = OrderedDict()

    def get(self, key):
        if key not in self.entries:
            return None
        self.entries.move_to_end(key)
        return self.entries[key]

    def put(self, key, value):
        self.entries[key] = value
        self.entries.move_to_end(key)
        if len(self.entries) > self.capacity:
            self.entries.popitem(last=False)
''',
    "javascript": '''class LRUCache {
  constructor(capacity) {
    this.capacity = capacity;
    this.entries = new Map();
  }

  get(key) {
    if (!this.entries.has(key)) return null;
    const value = this.entries.get(key);
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  put(key, value) {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value);
  }
}
''',
}
INCORRECT["coding/lru-cache"] = {  # a put of a present key replaces the value but does not make it recent
    "python": CORRECT["coding/lru-cache"]["python"].replace(
        'self.entries[key] = value\n        self.entries.move_to_end(key)\n', 'self.entries[key] = value\n'),
    "javascript": CORRECT["coding/lru-cache"]["javascript"].replace(
        'put(key, value) {\n    this.entries.delete(key);\n', 'put(key, value) {\n'),
}

CORRECT["coding/sliding-window-rate-limiter"] = {
    "python": '''from collections import defaultdict, deque


class RateLimiter:
    def __init__(self, limit, window):
        self.limit = limit
        self.window = window
        self.allowed = defaultdict(deque)

    def allow(self, user_id, timestamp):
        recent = self.allowed[user_id]
        while recent and recent[0] <= timestamp - self.window:
            recent.popleft()
        if len(recent) >= self.limit:
            return False
        recent.append(timestamp)
        return True
''',
    "javascript": '''class RateLimiter {
  constructor(limit, window) {
    this.limit = limit;
    this.window = window;
    this.users = new Map();
  }

  allow(userId, timestamp) {
    if (!this.users.has(userId)) this.users.set(userId, { times: [], first: 0 });
    const user = this.users.get(userId);
    while (user.first < user.times.length && user.times[user.first] <= timestamp - this.window) user.first++;
    if (user.times.length - user.first >= this.limit) return false;
    user.times.push(timestamp);
    return true;
  }
}
''',
}
INCORRECT["coding/sliding-window-rate-limiter"] = {  # one history shared by every user
    "python": '''from collections import deque


class RateLimiter:
    def __init__(self, limit, window):
        self.limit = limit
        self.window = window
        self.allowed = deque()

    def allow(self, user_id, timestamp):
        while self.allowed and self.allowed[0] <= timestamp - self.window:
            self.allowed.popleft()
        if len(self.allowed) >= self.limit:
            return False
        self.allowed.append(timestamp)
        return True
''',
    "javascript": '''class RateLimiter {
  constructor(limit, window) {
    this.limit = limit;
    this.window = window;
    this.times = [];
    this.first = 0;
  }

  allow(userId, timestamp) {
    while (this.first < this.times.length && this.times[this.first] <= timestamp - this.window) this.first++;
    if (this.times.length - this.first >= this.limit) return false;
    this.times.push(timestamp);
    return true;
  }
}
''',
}

CORRECT["coding/time-versioned-store"] = {
    "python": '''from bisect import bisect_right


class VersionedStore:
    def __init__(self):
        self.times = {}
        self.values = {}

    def set(self, key, value, timestamp):
        self.times.setdefault(key, []).append(timestamp)
        self.values.setdefault(key, []).append(value)

    def get(self, key, timestamp):
        index = bisect_right(self.times.get(key, []), timestamp)
        return self.values[key][index - 1] if index else None
''',
    "javascript": '''class VersionedStore {
  constructor() {
    this.versions = new Map();
  }

  set(key, value, timestamp) {
    if (!this.versions.has(key)) this.versions.set(key, []);
    this.versions.get(key).push([timestamp, value]);
  }

  get(key, timestamp) {
    const versions = this.versions.get(key) || [];
    let low = 0, high = versions.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (versions[middle][0] <= timestamp) low = middle + 1;
      else high = middle;
    }
    return low ? versions[low - 1][1] : null;
  }
}
''',
}
INCORRECT["coding/time-versioned-store"] = {  # a version set exactly at the asked timestamp is missed
    "python": CORRECT["coding/time-versioned-store"]["python"].replace(
        'bisect_right', 'bisect_left'),
    "javascript": CORRECT["coding/time-versioned-store"]["javascript"].replace(
        'versions[middle][0] <= timestamp', 'versions[middle][0] < timestamp'),
}

CORRECT["coding/decode-repeat-string"] = {
    "python": '''def decode_repeats(text):
    stack = []
    current, count = [], 0
    for char in text:
        if char.isdigit():
            count = count * 10 + int(char)
        elif char == "[":
            stack.append((current, count))
            current, count = [], 0
        elif char == "]":
            outer, times = stack.pop()
            outer.append("".join(current) * times)
            current = outer
        else:
            current.append(char)
    return "".join(current)
''',
    "javascript": '''function decodeRepeats(text) {
  const stack = [];
  let current = "", count = 0;
  for (const char of text) {
    if (char >= "0" && char <= "9") count = count * 10 + Number(char);
    else if (char === "[") {
      stack.push([current, count]);
      current = "";
      count = 0;
    } else if (char === "]") {
      const [outer, times] = stack.pop();
      current = outer + current.repeat(times);
    } else current += char;
  }
  return current;
}
''',
}
INCORRECT["coding/decode-repeat-string"] = {  # reads a count as its last digit only
    "python": '''def decode_repeats(text):
    stack = []
    current, count = "", 0
    for char in text:
        if char.isdigit():
            count = int(char)
        elif char == "[":
            stack.append((current, count))
            current = ""
        elif char == "]":
            outer, times = stack.pop()
            current = outer + current * times
        else:
            current += char
    return current
''',
    "javascript": '''function decodeRepeats(text) {
  const stack = [];
  let current = "", count = 0;
  for (const char of text) {
    if (char >= "0" && char <= "9") count = Number(char);
    else if (char === "[") {
      stack.push([current, count]);
      current = "";
    } else if (char === "]") {
      const [outer, times] = stack.pop();
      current = outer + current.repeat(times);
    } else current += char;
  }
  return current;
}
''',
}

CORRECT["coding/meeting-rooms-needed"] = {
    "python": '''import heapq


def rooms_needed(meetings):
    ends = []
    for start, end in sorted(meetings):
        if ends and ends[0] <= start:
            heapq.heapreplace(ends, end)
        else:
            heapq.heappush(ends, end)
    return len(ends)
''',
    "javascript": '''function roomsNeeded(meetings) {
  const starts = meetings.map((m) => m[0]).sort((a, b) => a - b);
  const ends = meetings.map((m) => m[1]).sort((a, b) => a - b);
  let rooms = 0, busiest = 0, finished = 0;
  for (const start of starts) {
    while (ends[finished] <= start) {
      finished++;
      rooms--;
    }
    rooms++;
    busiest = Math.max(busiest, rooms);
  }
  return busiest;
}
''',
}
INCORRECT["coding/meeting-rooms-needed"] = {  # compares each meeting with the one before it only
    "python": '''def rooms_needed(meetings):
    ordered = sorted(meetings)
    if not ordered:
        return 0
    rooms = 1
    for before, meeting in zip(ordered, ordered[1:]):
        if meeting[0] < before[1]:
            rooms += 1
    return rooms
''',
    "javascript": '''function roomsNeeded(meetings) {
  const ordered = [...meetings].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let rooms = ordered.length ? 1 : 0;
  for (let i = 1; i < ordered.length; i++) if (ordered[i][0] < ordered[i - 1][1]) rooms++;
  return rooms;
}
''',
}

CORRECT["coding/balance-change-periods"] = {
    "python": '''from collections import Counter


def count_periods(changes, k):
    seen = Counter({0: 1})
    total = periods = 0
    for change in changes:
        total += change
        periods += seen[total - k]
        seen[total] += 1
    return periods
''',
    "javascript": '''function countPeriods(changes, k) {
  const seen = new Map([[0, 1]]);
  let total = 0, periods = 0;
  for (const change of changes) {
    total += change;
    periods += seen.get(total - k) || 0;
    seen.set(total, (seen.get(total) || 0) + 1);
  }
  return periods;
}
''',
}
INCORRECT["coding/balance-change-periods"] = {  # records the running total before looking it up: k = 0 counts empty periods
    "python": CORRECT["coding/balance-change-periods"]["python"].replace(
        '        periods += seen[total - k]\n        seen[total] += 1\n', '        seen[total] += 1\n        periods += seen[total - k]\n'),
    "javascript": CORRECT["coding/balance-change-periods"]["javascript"].replace(
        '    periods += seen.get(total - k) || 0;\n    seen.set(total, (seen.get(total) || 0) + 1);\n', '    seen.set(total, (seen.get(total) || 0) + 1);\n    periods += seen.get(total - k) || 0;\n'),
}

CORRECT["coding/running-latency-median"] = {
    "python": '''import heapq


class LatencyMedian:
    def __init__(self):
        self.lower = []  # the smaller half, negated (a max-heap)
        self.upper = []  # the larger half

    def add(self, ms):
        heapq.heappush(self.lower, -ms)
        heapq.heappush(self.upper, -heapq.heappop(self.lower))
        if len(self.upper) > len(self.lower):
            heapq.heappush(self.lower, -heapq.heappop(self.upper))

    def median(self):
        if len(self.lower) > len(self.upper):
            return float(-self.lower[0])
        return (-self.lower[0] + self.upper[0]) / 2
''',
    "javascript": '''class Heap {
  constructor(before) {
    this.items = [];
    this.before = before;
  }

  get size() { return this.items.length; }

  peek() { return this.items[0]; }

  push(value) {
    const items = this.items;
    items.push(value);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(items[i], items[parent])) break;
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }

  pop() {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1, right = left + 1;
        let best = i;
        if (left < items.length && this.before(items[left], items[best])) best = left;
        if (right < items.length && this.before(items[right], items[best])) best = right;
        if (best === i) break;
        [items[i], items[best]] = [items[best], items[i]];
        i = best;
      }
    }
    return top;
  }
}

class LatencyMedian {
  constructor() {
    this.lower = new Heap((a, b) => a > b);
    this.upper = new Heap((a, b) => a < b);
  }

  add(ms) {
    this.lower.push(ms);
    this.upper.push(this.lower.pop());
    if (this.upper.size > this.lower.size) this.lower.push(this.upper.pop());
  }

  median() {
    if (this.lower.size > this.upper.size) return this.lower.peek();
    return (this.lower.peek() + this.upper.peek()) / 2;
  }
}
''',
}
INCORRECT["coding/running-latency-median"] = {  # the mean of the two middle values loses its fraction
    "python": CORRECT["coding/running-latency-median"]["python"].replace(
        "return (-self.lower[0] + self.upper[0]) / 2", "return (-self.lower[0] + self.upper[0]) // 2"),
    "javascript": CORRECT["coding/running-latency-median"]["javascript"].replace(
        "return (this.lower.peek() + this.upper.peek()) / 2;", "return Math.floor((this.lower.peek() + this.upper.peek()) / 2);"),
}

CORRECT["coding/terrain-water"] = {
    "python": '''def trapped_water(heights):
    left, right = 0, len(heights) - 1
    left_max = right_max = water = 0
    while left < right:
        if heights[left] <= heights[right]:
            left_max = max(left_max, heights[left])
            water += left_max - heights[left]
            left += 1
        else:
            right_max = max(right_max, heights[right])
            water += right_max - heights[right]
            right -= 1
    return water
''',
    "javascript": '''function trappedWater(heights) {
  let left = 0, right = heights.length - 1;
  let leftMax = 0, rightMax = 0, water = 0;
  while (left < right) {
    if (heights[left] <= heights[right]) {
      leftMax = Math.max(leftMax, heights[left]);
      water += leftMax - heights[left++];
    } else {
      rightMax = Math.max(rightMax, heights[right]);
      water += rightMax - heights[right--];
    }
  }
  return water;
}
''',
}
INCORRECT["coding/terrain-water"] = {  # fills up to the highest column on the left, forgetting the right side
    "python": '''def trapped_water(heights):
    highest = water = 0
    for height in heights:
        highest = max(highest, height)
        water += highest - height
    return water
''',
    "javascript": '''function trappedWater(heights) {
  let highest = 0, water = 0;
  for (const height of heights) {
    highest = Math.max(highest, height);
    water += highest - height;
  }
  return water;
}
''',
}

CORRECT["coding/cpu-window-maximum"] = {
    "python": '''from collections import deque


def window_maxima(samples, k):
    candidates = deque()  # indices, their samples decreasing
    maxima = []
    for i, sample in enumerate(samples):
        if candidates and candidates[0] <= i - k:
            candidates.popleft()
        while candidates and samples[candidates[-1]] <= sample:
            candidates.pop()
        candidates.append(i)
        if i >= k - 1:
            maxima.append(samples[candidates[0]])
    return maxima
''',
    "javascript": '''function windowMaxima(samples, k) {
  const candidates = new Array(samples.length);  // indices, their samples decreasing
  let head = 0, tail = 0;
  const maxima = [];
  for (let i = 0; i < samples.length; i++) {
    if (tail > head && candidates[head] <= i - k) head++;
    while (tail > head && samples[candidates[tail - 1]] <= samples[i]) tail--;
    candidates[tail++] = i;
    if (i >= k - 1) maxima.push(samples[candidates[head]]);
  }
  return maxima;
}
''',
}
INCORRECT["coding/cpu-window-maximum"] = {  # keeps values, not indices: an equal later maximum leaves with the earlier one
    "python": '''from collections import deque


def window_maxima(samples, k):
    candidates = deque()
    maxima = []
    for i, sample in enumerate(samples):
        if i >= k and candidates and candidates[0] == samples[i - k]:
            candidates.popleft()
        while candidates and candidates[-1] <= sample:
            candidates.pop()
        candidates.append(sample)
        if i >= k - 1:
            maxima.append(candidates[0])
    return maxima
''',
    "javascript": '''function windowMaxima(samples, k) {
  const candidates = [];
  const maxima = [];
  for (let i = 0; i < samples.length; i++) {
    if (i >= k && candidates.length && candidates[0] === samples[i - k]) candidates.shift();
    while (candidates.length && candidates[candidates.length - 1] <= samples[i]) candidates.pop();
    candidates.push(samples[i]);
    if (i >= k - 1) maxima.push(candidates[0]);
  }
  return maxima;
}
''',
}

CORRECT["coding/serialize-category-tree"] = {
    "python": '''def serialize(root):
    parts, pending = [], [root]
    while pending:
        node = pending.pop()
        if node is None:
            parts.append("#")
        else:
            parts.append(str(node.id))
            pending += [node.right, node.left]
    return ",".join(parts)


def deserialize(text):
    tokens = text.split(",")
    if tokens[0] == "#":
        return None
    root = CategoryNode(int(tokens[0]))
    open_nodes = [[root, "left"]]  # nodes whose next child is still to read
    for token in tokens[1:]:
        parent = open_nodes[-1]
        node = None if token == "#" else CategoryNode(int(token))
        setattr(parent[0], parent[1], node)
        if parent[1] == "left":
            parent[1] = "right"
        else:
            open_nodes.pop()
        if node is not None:
            open_nodes.append([node, "left"])
    return root
''',
    "javascript": '''function serialize(root) {
  const parts = [];
  const pending = [root];
  while (pending.length) {
    const node = pending.pop();
    if (node === null) parts.push("#");
    else {
      parts.push(String(node.id));
      pending.push(node.right, node.left);
    }
  }
  return parts.join(",");
}

function deserialize(text) {
  const tokens = text.split(",");
  if (tokens[0] === "#") return null;
  const root = new CategoryNode(Number(tokens[0]));
  const open = [[root, "left"]]; // nodes whose next child is still to read
  for (const token of tokens.slice(1)) {
    const parent = open[open.length - 1];
    const node = token === "#" ? null : new CategoryNode(Number(token));
    parent[0][parent[1]] = node;
    if (parent[1] === "left") parent[1] = "right";
    else open.pop();
    if (node !== null) open.push([node, "left"]);
  }
  return root;
}
''',
}
INCORRECT["coding/serialize-category-tree"] = {  # recursion once per level: a deep chain overflows the stack
    "python": '''def serialize(root):
    if root is None:
        return "#"
    return f"{root.id},{serialize(root.left)},{serialize(root.right)}"


def deserialize(text):
    tokens = iter(text.split(","))

    def build():
        token = next(tokens)
        if token == "#":
            return None
        return CategoryNode(int(token), build(), build())

    return build()
''',
    "javascript": '''function serialize(root) {
  if (root === null) return "#";
  return `${root.id},${serialize(root.left)},${serialize(root.right)}`;
}

function deserialize(text) {
  const tokens = text.split(",");
  let next = 0;
  const build = () => {
    const token = tokens[next++];
    if (token === "#") return null;
    const node = new CategoryNode(Number(token));
    node.left = build();
    node.right = build();
    return node;
  };
  return build();
}
''',
}
