"""Client and trainer-shim tests against a real rewardkit server (URL in REWARDKIT_TEST_URL).

The server serves the spec ``demo``: sum of ``correct`` (text.exact, weight 1) and ``format`` (format.tags,
weight 0.5); ``broken`` (every item fails); ``partial``: ``format`` (0.5) + ``correct`` (text.exact that fails
without a reference), so a failed item still carries a ``format`` value. Local stub servers stand in for
failing replicas (503, 429, 400, closed ports).
"""

from __future__ import annotations

import asyncio
import inspect
import json
import os
import pickle
import socket
import sys
import threading
import time
import unittest
import warnings
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
            # Batches go to the servers in turn; a stub failure moves its batch on, and the stub then cools down.
            client = RewardClient([stub.url, URL], batch_size=1, backoff=0.01)
            out = client.score([{"completion": GOOD, "reference": "4"}] * 4)
            self.assertEqual([r["score"] for r in out], [1.5] * 4)
            self.assertGreaterEqual(stub.hits, 1)
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

    def test_failed_server_sits_out_a_cool_down(self):
        stub = Stub(503)
        try:
            client = RewardClient([stub.url, URL], backoff=60.0, cooldown=60.0)
            for _ in range(4):
                self.assertEqual(client.score([{"completion": GOOD, "reference": "4"}])[0]["score"], 1.5)
            # Tried once; the later calls go straight to the live server.
            self.assertEqual(stub.hits, 1)
        finally:
            stub.close()

    def test_dead_server_is_not_retried_on_every_call(self):
        dead = closed_port_url()
        client = RewardClient([dead, URL], backoff=60.0)
        for _ in range(5):
            self.assertEqual(client.score([{"completion": GOOD, "reference": "4"}])[0]["score"], 1.5)
        self.assertIn(dead, client._down_until)

    def test_long_retry_after_moves_to_the_next_server_at_once(self):
        stub = Stub(503, {"Retry-After": "120"})
        try:
            client = RewardClient([stub.url, URL])
            t0 = time.monotonic()
            self.assertEqual(client.score([{"completion": GOOD, "reference": "4"}])[0]["score"], 1.5)
            self.assertEqual(client.score([{"completion": GOOD, "reference": "4"}])[0]["score"], 1.5)
            # Sleeping the Retry-After would take 120 s; moving on takes a request.
            self.assertLess(time.monotonic() - t0, 60)
            self.assertEqual(stub.hits, 1)
        finally:
            stub.close()

    def test_all_servers_down_is_one_clear_exception(self):
        a, b = closed_port_url(), closed_port_url()
        client = RewardClient([a, b], max_retries=50, backoff=0.01, cooldown=0.05, give_up_after=2.0)
        with self.assertRaises(RewardServerUnavailable) as cm:
            client.score([{"completion": "x"}])
        self.assertIn(a, str(cm.exception))
        self.assertIn(b, str(cm.exception))
        self.assertIn("2 configured", str(cm.exception))

    def test_one_server_asking_for_a_long_wait_fails_at_once(self):
        stub = Stub(503, {"Retry-After": "120"})
        try:
            client = RewardClient(stub.url)
            t0 = time.monotonic()
            with self.assertRaises(RewardServerUnavailable) as cm:
                client.score([{"completion": "x"}])
            self.assertLess(time.monotonic() - t0, 60)
            self.assertIn("HTTP 503", str(cm.exception))
            self.assertEqual(stub.hits, 1)
        finally:
            stub.close()

    def test_client_pickles(self):
        client = RewardClient([closed_port_url(), URL], spec="demo", backoff=60.0)
        client.score([{"completion": GOOD, "reference": "4"}])
        copy = pickle.loads(pickle.dumps(client))
        self.assertEqual(copy.urls, client.urls)
        self.assertEqual(copy.spec, "demo")
        self.assertEqual(copy._down_until, {})
        self.assertEqual(copy.score([{"completion": GOOD, "reference": "4"}])[0]["score"], 1.5)


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

    def test_trl_failed_item_is_none_in_every_function(self):
        # partial: format 0.5 + correct (fails without a reference). The failed item carries format = 1, which
        # TRL would train on as a real value; every function must say None instead.
        funcs = trl_reward_funcs(URL, components=["format", "correct"], spec="partial")
        logged = []
        kwargs = dict(
            prompts=["p", "p"],
            completions=[GOOD, GOOD],
            reference=[None, "4"],
            log_metric=lambda k, v: logged.append((k, v)),
        )
        out = [f(**kwargs) for f in funcs]
        self.assertEqual(out, [[None, 1.5], [None, 1.0], [None, 1.0]])
        self.assertEqual(logged, [("rewardkit/errors", 1.0)])

    def test_trl_non_finite_column_is_dropped_with_one_warning(self):
        f = trl_reward_funcs(URL, spec="demo")[0]
        kwargs = dict(
            prompts=["p", "p"],
            completions=[GOOD, BAD],
            solution=["4", "4"],
            difficulty=[float("nan"), 0.5],
            weights=[[1.0, float("inf")], [1.0]],
            source=["a", "b"],
        )
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            self.assertEqual(f(**kwargs), [1.5, 0.0])
            self.assertEqual(f(**kwargs), [1.5, 0.0])
        messages = [str(x.message) for x in w]
        self.assertEqual(len(messages), 2, messages)
        self.assertIn("'difficulty'", messages[0])
        self.assertIn("'weights'", messages[1])

    def test_trl_functions_pickle_and_score_after_unpickling(self):
        for asynchronous in (False, True):
            funcs = trl_reward_funcs(RewardClient(URL, spec="demo"), components=["correct"], asynchronous=asynchronous)
            copies = pickle.loads(pickle.dumps(funcs))
            self.assertEqual([f.__name__ for f in copies], ["demo", "correct"])
            self.assertEqual([inspect.iscoroutinefunction(f) for f in copies], [asynchronous] * 2)
            self.assertEqual(trl_reward_weights(copies), [1.0, 0.0])
            kwargs = dict(prompts=["p"], completions=[GOOD], solution=["4"])
            if asynchronous:

                async def run():
                    return await asyncio.gather(*(f(**kwargs) for f in copies))

                self.assertEqual(asyncio.run(run()), [[1.5], [1.0]])
            else:
                self.assertEqual([f(**kwargs) for f in copies], [[1.5], [1.0]])

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
