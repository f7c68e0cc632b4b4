// OpenRLHF's contract with a reward server, as recorded facts from its own code, checked against our
// `/get_reward` answers (the run of that code itself: test/conformance/trainers/run-upstream.py and
// docs/conformance/trainers.md).
//
// Facts:
// - OpenRLHF v0.9.0 (06ab51e75c0e8c5b4d6b66912996b2a611e3dc2f), openrlhf/utils/remote_rm_utils.py
//   `RemoteRewardModel.get_rewards`: a batch of n queries over k URLs is split `ceil(n / k)` per URL, so later
//   URLs get empty lists; openrlhf/trainer/ppo_utils/experience_maker.py `update_samples_with_rewards`:
//   `torch.as_tensor(info["rewards"])` per answer, `torch.cat`, and `for key in rewards_info[0]["extra_logs"]`
//   it reads `logs[key]` from every answer (a missing key is a KeyError).
// - Python's `json` reads `1` as int and `1.0` as float; `torch.as_tensor` of a list of ints is int64, on which
//   `mean()`/`std()` raise (recorded in docs/conformance/trainers.md).
// - OpenRLHF HEAD (3c3be6234e0cb353e76bb8019947db9dfe99fca7), openrlhf/utils/agent.py
//   `_fetch_rewards_via_http`: one query per call, the same split over every URL, `rewards_info_list[0]` used;
//   `scores` falls back to `rewards` when absent; samples_generator.py: `torch.tensor([reward_val])`.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createApp } from "../../../src/server/app.ts";
import { spec } from "../../server/helpers.ts";

const correctness = spec("name: correctness\nreward: {kind: text.exact, name: correct}\n");
const demo = spec(`
name: demo
reward:
  kind: sum
  terms:
    - {kind: text.exact, name: correct}
    - {kind: format.tags, name: format, weight: 0.5}
`);
const parts = spec("name: parts\nreward: {kind: sum, terms: [{kind: test.parts, name: p}]}\n");
const GOOD = "<think>2+2 is 4</think><answer>4</answer>";
const BAD = "<answer>5</answer>";

type Dtype = "int64" | "float32";
/** The dtype `torch.as_tensor(json.loads(text)[...])` gives a JSON number list (float if any token is a float). */
function torchDtype(listText: string): Dtype {
  const tokens = listText.match(/-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g) ?? [];
  if (tokens.length === 0) return "float32"; // torch.as_tensor([]) is float32
  return tokens.some((t) => /[.eE]/.test(t)) ? "float32" : "int64";
}

/** The raw JSON text of each top-level list in an OpenRLHF answer: rewards, scores and each extra_logs series. */
function numberLists(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const top = /"(rewards|scores)":(\[[^\]]*\])/g;
  for (const m of text.matchAll(top)) out[m[1]!] = m[2]!;
  const logs = text.slice(text.indexOf('"extra_logs"'));
  for (const m of logs.matchAll(/"([^"]+)":(\[[^\]]*\])/g)) out[`extra_logs.${m[1]}`] = m[2]!;
  return out;
}

async function getReward(app: ReturnType<typeof createApp>["app"], path: string, q: string[]) {
  const res = await app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: q, prompts: q.map(() => ""), labels: q.map(() => "4") }),
  });
  assert.equal(res.status, 200);
  return res.text();
}

/** v0.9.0's split: ceil(n / k) queries per URL, in order; later URLs may get []. */
function split<T>(xs: T[], k: number): T[][] {
  const size = Math.ceil(xs.length / k);
  return Array.from({ length: k }, (_, i) => xs.slice(i * size, (i + 1) * size));
}

/** update_samples_with_rewards' merge: keys of answer 0, read from every answer (KeyError if one lacks it). */
function mergeLikeV090(answers: { rewards: number[]; extra_logs: Record<string, number[]> }[]) {
  const merged: Record<string, number[]> = {};
  for (const key of Object.keys(answers[0]!.extra_logs)) {
    merged[key] = answers.flatMap((a, i) => {
      const v = a.extra_logs[key];
      if (v === undefined) throw new Error(`KeyError: '${key}' (answer ${i})`);
      return v;
    });
  }
  return { rewards: answers.flatMap((a) => a.rewards), logs: merged };
}

describe("OpenRLHF contract (v0.9.0 06ab51e, HEAD 3c3be62)", () => {
  const { app } = createApp({ specs: [correctness, demo, parts] });

  it("every list is a float tensor for torch.as_tensor, for all-0/1 batches and single samples", async () => {
    for (const [path, qs] of [
      ["/get_reward/correctness", [GOOD, BAD, GOOD]],
      ["/get_reward/correctness", [GOOD]],
      ["/get_reward/correctness", [BAD]],
      ["/get_reward/demo", [GOOD, BAD]],
      ["/get_reward/parts", ["x"]],
      ["/get_reward/demo", []],
    ] as const) {
      const lists = numberLists(await getReward(app, path, [...qs]));
      assert.ok(lists.rewards && lists.scores, path);
      for (const [name, list] of Object.entries(lists))
        assert.equal(torchDtype(list), "float32", `${path} ${qs.length}: ${name} = ${list}`);
    }
  });

  it("v0.9.0 merge: every split of 1–5 queries over 1–4 URLs merges without a KeyError, aligned", async () => {
    for (const path of ["/get_reward/correctness", "/get_reward/demo", "/get_reward/parts"]) {
      for (let n = 1; n <= 5; n++) {
        for (let k = 1; k <= 4; k++) {
          const qs = Array.from({ length: n }, (_, i) => (i % 2 ? BAD : GOOD));
          const answers = [];
          for (const part of split(qs, k)) answers.push(JSON.parse(await getReward(app, path, part)));
          const { rewards, logs } = mergeLikeV090(answers);
          assert.equal(rewards.length, n);
          for (const [key, series] of Object.entries(logs)) assert.equal(series.length, n, `${path} ${key}`);
        }
      }
    }
  });

  it("HEAD fan-out: one query to k URLs, answer 0 carries it, the others are empty with the same keys", async () => {
    for (const k of [1, 2, 3]) {
      const answers = [];
      for (const part of split([GOOD], k))
        answers.push(JSON.parse(await getReward(app, "/get_reward/demo", part)));
      assert.deepEqual(answers[0].rewards, [1.5]);
      assert.deepEqual(answers[0].scores, [1]);
      for (const a of answers.slice(1)) {
        assert.deepEqual(a.rewards, []);
        assert.deepEqual(Object.keys(a.extra_logs).sort(), Object.keys(answers[0].extra_logs).sort());
      }
    }
  });
});
