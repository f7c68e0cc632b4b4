"""Client and trainer-shim tests against a real rewardkit server (URL in REWARDKIT_TEST_URL).

The server serves the spec ``demo``: sum of ``correct`` (text.exact, weight 1) and ``format`` (format.tags,
weight 0.5). Local stub servers stand in for failing replicas (503, 429, 400, closed ports).
"""

from __future__ import annotations

import asyncio
import inspect
import json
import os
import socket
import sys
import threading
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from rewardkit_client import RewardClient, RewardClientError, RewardServerUnavailable  # noqa: E402
from rewardkit_client.openrlhf import make_reward_func  # noqa: E402
from rewardkit_client.trl import trl_reward_funcs, trl_reward_weights  # noqa: E402
from rewardkit_client.verl import make_compute_score  # noqa: E402

URL = os.environ.get("REWARDKIT_TEST_URL")
GOOD = "<think>2+2 is 4</think><answer>4</answer>"
BAD = "<answer>5</answer>"


class Stub:
    """A local HTTP server answering every POST with a fixed status, counting hits."""

    def __init__(self, status: int, headers=None):
        self.hits = 0
        stub = self

        class H(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                stub.hits += 1
                self.rfile.read(int(self.headers.get("content-length", 0)))
                body = json.dumps({"error": {"code": "E_STUB", "message": f"stub {status}"}}).encode()
                self.send_response(status)
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *a):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def closed_port_url() -> str:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return f"http://127.0.0.1:{port}"


@unittest.skipUnless(URL, "set REWARDKIT_TEST_URL to a running rewardkit server")
class ClientTest(unittest.TestCase):
    def test_score_batches_and_keeps_order(self):
        client = RewardClient(URL, batch_size=2)
        rollouts = [{"completion": GOOD if i % 2 == 0 else BAD, "reference": "4"} for i in range(5)]
        results = client.score(rollouts)
        # GOOD: correct 1 + 0.5 * format 1 = 1.5; BAD: 0 + 0.5 * 0 (no <think>) = 0.
        self.assertEqual([r["score"] for r in results], [1.5, 0, 1.5, 0, 1.5])
        self.assertEqual(results[0]["components"], {"correct": 1, "format": 1})

    def test_empty_list_needs_no_request(self):
        self.assertEqual(RewardClient(closed_port_url(), max_retries=0).score([]), [])

    def test_retries_5xx_on_the_next_server(self):
        stub = Stub(503, {"Retry-After": "0"})
        try:
            client = RewardClient([stub.url, URL], backoff=0.01)
            self.assertEqual(client.score([{"completion": GOOD, "reference": "4"}])[0]["score"], 1.5)
            self.assertEqual(stub.hits, 1)
        finally:
            stub.close()

    def test_retries_429_and_network_errors(self):
        stub = Stub(429, {"Retry-After": "0"})
        try:
            client = RewardClient([stub.url, closed_port_url(), URL], backoff=0.01)
            self.assertEqual(client.score([{"completion": GOOD, "reference": "4"}])[0]["score"], 1.5)
            self.assertEqual(stub.hits, 1)
        finally:
            stub.close()

    def test_does_not_retry_other_4xx(self):
        stub = Stub(400)
        try:
            client = RewardClient([stub.url, URL], backoff=0.01)
            with self.assertRaises(RewardClientError) as cm:
                client.score([{"completion": "x"}])
            self.assertEqual(cm.exception.status, 400)
            self.assertEqual(stub.hits, 1)
        finally:
            stub.close()

    def test_gives_up_after_max_retries(self):
        stub = Stub(500)
        try:
            client = RewardClient(stub.url, max_retries=2, backoff=0.01)
            with self.assertRaises(RewardServerUnavailable):
                client.score([{"completion": "x"}])
            self.assertEqual(stub.hits, 3)
        finally:
            stub.close()

    def test_round_robin_spreads_batches(self):
        stub = Stub(503, {"Retry-After": "0"})
        try:
            # Batches alternate between the stub and the real server; each stub failure moves on to the next.
            client = RewardClient([stub.url, URL], batch_size=1, backoff=0.01)
            out = client.score([{"completion": GOOD, "reference": "4"}] * 4)
            self.assertEqual([r["score"] for r in out], [1.5] * 4)
            self.assertGreaterEqual(stub.hits, 2)
        finally:
            stub.close()

    def test_server_errors_name_the_limit_and_path(self):
        client = RewardClient(URL)
        with self.assertRaises(RewardClientError) as cm:
            client.score([{"completion": 5}])
        self.assertEqual(cm.exception.status, 400)
        self.assertEqual(cm.exception.error["path"], "rollouts[0].completion")

    def test_nan_is_refused_before_sending(self):
        with self.assertRaises(ValueError):
            RewardClient(URL).score([{"completion": "x", "reference": float("nan")}])

    def test_lone_surrogate_round_trips(self):
        r = RewardClient(URL).score([{"completion": "<answer>\ud800</answer>", "reference": "4"}])
        self.assertEqual(r[0]["components"]["correct"], 0)

    def test_async_score(self):
        out = asyncio.run(RewardClient(URL).ascore([{"completion": GOOD, "reference": "4"}]))
        self.assertEqual(out[0]["score"], 1.5)

    def test_get_reward(self):
        prompt = "<|im_start|>user\n2+2?<|im_end|>\n<|im_start|>assistant\n"
        out = RewardClient(URL).get_reward([prompt + GOOD + "<|im_end|>"], [prompt], ["4"])
        self.assertEqual(out["rewards"], [1.5])
        self.assertEqual(out["extra_logs"]["correct"], [1])
        self.assertEqual(
            RewardClient(URL).get_reward([], [], []),
            {"rewards": [], "scores": [], "extra_logs": {"correct": [], "format": [], "rewardkit/error": [], "rewardkit/not_applicable": []}},
        )

    def test_health(self):
        self.assertEqual(RewardClient(URL).health()[0]["status"], "ok")


@unittest.skipUnless(URL, "set REWARDKIT_TEST_URL to a running rewardkit server")
class ShimTest(unittest.TestCase):
    def test_trl_functions_are_named_per_component(self):
        funcs = trl_reward_funcs(RewardClient(URL), components=["correct", "format"], spec="demo")
        self.assertEqual([f.__name__ for f in funcs], ["demo", "correct", "format"])
        self.assertEqual(trl_reward_weights(funcs), [1.0, 0.0, 0.0])
        kwargs = dict(prompts=["2+2?", "2+2?"], completions=[GOOD, BAD], completion_ids=[[1], [2]], solution=["4", "4"])
        self.assertEqual(funcs[0](**kwargs), [1.5, 0.0])
        self.assertEqual(funcs[1](**kwargs), [1.0, 0.0])
        self.assertEqual(funcs[2](**kwargs), [1.0, 0.0])

    def test_trl_conversational_and_async(self):
        funcs = trl_reward_funcs(URL, components=["correct"], asynchronous=True)
        self.assertTrue(all(inspect.iscoroutinefunction(f) for f in funcs))
        completions = [[{"role": "assistant", "content": GOOD}]]
        prompts = [[{"role": "user", "content": "2+2?"}]]

        async def run():
            return await asyncio.gather(*(f(prompts=prompts, completions=completions, answer=["4"]) for f in funcs))

        self.assertEqual(asyncio.run(run()), [[1.5], [1.0]])

    def test_trl_logs_errors_instead_of_hiding_them(self):
        logged = []
        f = trl_reward_funcs(URL, spec="broken")[0]
        out = f(prompts=["p"], completions=["x"], log_metric=lambda k, v: logged.append((k, v)))
        self.assertEqual(out, [None])
        self.assertEqual(logged, [("rewardkit/errors", 1.0)])

    def test_verl_same_keys_every_sample(self):
        cs = make_compute_score(URL, components=["correct", "format"])
        a = cs("openai/gsm8k", GOOD, "4", {"index": 0})
        b = cs("openai/gsm8k", BAD, "4", None)
        self.assertEqual(a, {"score": 1.5, "correct": 1.0, "format": 1.0, "rewardkit_error": 0.0, "rewardkit_not_applicable": 0.0})
        self.assertEqual(set(a), set(b))
        self.assertEqual(b["score"], 0.0)

    def test_verl_failure_is_flagged(self):
        cs = make_compute_score(RewardClient(URL, spec="broken"), components=[])
        out = cs("x", "y", "z")
        self.assertEqual(out, {"score": 0.0, "rewardkit_error": 1.0, "rewardkit_not_applicable": 0.0})

    def test_verl_async(self):
        cs = make_compute_score(URL, components=["correct"], asynchronous=True)
        self.assertTrue(inspect.iscoroutinefunction(cs))
        self.assertEqual(asyncio.run(cs("d", GOOD, "4"))["correct"], 1.0)

    def test_openrlhf_reward_func(self):
        rf = make_reward_func(RewardClient(URL))
        prompt = "Q: 2+2?\nA: "
        out = rf([prompt + GOOD, prompt + BAD], [prompt, prompt], ["4", "4"])
        rewards = out["rewards"].tolist() if hasattr(out["rewards"], "tolist") else out["rewards"]
        self.assertEqual(rewards, [1.5, 0.0])
        self.assertIn("correct", out["extra_logs"])


if __name__ == "__main__":
    unittest.main()
