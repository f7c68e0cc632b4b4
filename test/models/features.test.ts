import assert from "node:assert/strict";
import { test } from "node:test";
import { featureConfig, featureDim, featurize } from "../../src/models/features.ts";
import { hashedIndex, murmur3 } from "../../src/models/hash.ts";
import { Rng } from "../../src/models/rng.ts";
import { cosine, dotSparse, sparseFrom } from "../../src/models/sparse.ts";
import { textStats } from "../../src/models/text-stats.ts";

test("murmur3 is deterministic, seed-dependent and spreads buckets", () => {
  assert.equal(murmur3("hello"), murmur3("hello"));
  assert.notEqual(murmur3("hello", 0), murmur3("hello", 1));
  assert.notEqual(murmur3("ab"), murmur3("ba"));
  // Empty key with seed 0: h = 0 → fmix(0) = 0.
  assert.equal(murmur3(""), 0);
  const counts = new Array(16).fill(0);
  let neg = 0;
  for (let i = 0; i < 16000; i++) {
    const h = hashedIndex(`w1:tok${i}`, 4);
    counts[h.index]++;
    if (h.sign < 0) neg++;
  }
  for (const c of counts) assert.ok(c > 800 && c < 1200, `bucket count ${c}`);
  assert.ok(neg > 7500 && neg < 8500);
});

test("sparse vectors merge duplicates and drop cancelled entries", () => {
  const v = sparseFrom([5, 1, 5, 3, 3], [1, 2, 1, 1, -1]);
  assert.deepEqual([...v.idx], [1, 5]);
  assert.deepEqual([...v.val], [2, 2]);
  assert.equal(dotSparse(v, v), 8);
  assert.ok(Math.abs(cosine(v, v) - 1) < 1e-12);
});

test("featurize: signed hashed counts, L2 normalised, then statistics", () => {
  const c = featureConfig({ bits: 16, word_ngrams: [1], stats: false });
  const x = featurize({ text: "a a b" }, c);
  // counts a: 2, b: 1 (if the two buckets differ) → values ±2/√5, ±1/√5.
  const ha = hashedIndex("w1:a", 16);
  const hb = hashedIndex("w1:b", 16);
  assert.notEqual(ha.index, hb.index);
  const get = (i: number) => x.val[[...x.idx].indexOf(i)]!;
  assert.ok(Math.abs(get(ha.index) - (ha.sign * 2) / Math.sqrt(5)) < 1e-12);
  assert.ok(Math.abs(get(hb.index) - hb.sign / Math.sqrt(5)) < 1e-12);
  const withStats = featureConfig({ bits: 4, word_ngrams: [1, 2], stats: true });
  assert.equal(featureDim(withStats), 16 + 9);
  const y = featurize({ text: "Hello World" }, withStats);
  // bias is the first statistic, at index 2^bits.
  assert.equal(y.val[[...y.idx].indexOf(16)], 1);
  // Case is folded by default.
  assert.deepEqual(featurize({ text: "HELLO" }, c), featurize({ text: "hello" }, c));
});

test("featurize: embeddings are placed after the statistics and checked", () => {
  const c = featureConfig({ bits: 4, word_ngrams: [], stats: false, embedding: { field: "emb", dim: 3 } });
  const x = featurize({ text: "x", embedding: [0.5, 0, -1] }, c);
  assert.deepEqual([...x.idx], [16, 18]);
  assert.deepEqual([...x.val], [0.5, -1]);
  assert.throws(() => featurize({ text: "x", embedding: [1] }, c), /3 numbers/);
  assert.throws(() => featurize({ text: "x" }, c), /embedding/);
});

test("text statistics by hand", () => {
  const s = textStats("Ab 12\nx!", "ab");
  // 8 chars, words [Ab, 12, x], 2 lines, mean word length 5/3, digits 2/8, upper 1/3 letters, punct 1/8,
  // overlap: "ab" appears in the prompt → 1/3.
  assert.equal(s[0], 1);
  assert.ok(Math.abs(s[1]! - Math.log1p(8) / 8) < 1e-12);
  assert.ok(Math.abs(s[2]! - Math.log1p(3) / 6) < 1e-12);
  assert.ok(Math.abs(s[3]! - Math.log1p(2) / 4) < 1e-12);
  assert.ok(Math.abs(s[4]! - 5 / 3 / 10) < 1e-12);
  assert.equal(s[5], 2 / 8);
  assert.equal(s[6], 1 / 3);
  assert.equal(s[7], 1 / 8);
  assert.equal(s[8], 1 / 3);
});

test("seeded generator repeats and shuffles deterministically", () => {
  const a = new Rng(42);
  const b = new Rng(42);
  for (let i = 0; i < 5; i++) assert.equal(a.next(), b.next());
  assert.deepEqual(new Rng(1).shuffle([1, 2, 3, 4, 5]), new Rng(1).shuffle([1, 2, 3, 4, 5]));
  const r = new Rng(3);
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < 20000; i++) {
    const z = r.normal();
    s += z;
    s2 += z * z;
  }
  assert.ok(Math.abs(s / 20000) < 0.03);
  assert.ok(Math.abs(s2 / 20000 - 1) < 0.05);
});
