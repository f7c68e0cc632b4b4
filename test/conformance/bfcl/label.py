"""Labels cases.json with BFCL's own AST checker (run outside CI; needs a checkout of the gorilla repository).

    PYTHONPATH=<gorilla>/berkeley-function-call-leaderboard python3 label.py cases.json verdicts.json <commit>

Only the model-config import is stubbed (the checker reads it for dotted-name conversion; the stub keeps names).
Cases on which the checker itself raises are recorded with verdict null and left out of the agreement.
"""

import json
import sys
import types

stub = types.ModuleType("bfcl_eval.constants.model_config")
stub.MODEL_CONFIG_MAPPING = {"stub": types.SimpleNamespace(underscore_to_dot=False)}
sys.modules["bfcl_eval.constants.model_config"] = stub

from bfcl_eval.constants.enums import Language  # noqa: E402
from bfcl_eval.eval_checker.ast_eval.ast_checker import ast_checker  # noqa: E402


def main():
    src, out, commit = sys.argv[1], sys.argv[2], sys.argv[3]
    data = json.load(open(src, encoding="utf-8"))
    verdicts = {}
    for case in data["cases"]:
        s = data["sources"][case["source"]]
        gt = json.loads(case.get("ground_truth", s["ground_truth"]))
        output = json.loads(case["output"])
        try:
            r = ast_checker(s["function"], output, gt, Language.PYTHON, s["category"], "stub")
            verdicts[case["id"]] = {"valid": bool(r["valid"]), "error_type": r.get("error_type")}
        except Exception as e:  # the checker's own crash (e.g. a malformed nested answer)
            verdicts[case["id"]] = {"valid": None, "error_type": "checker_exception:" + type(e).__name__}
    json.dump({"reference": "ShishirPatil/gorilla berkeley-function-call-leaderboard/bfcl_eval "
               "eval_checker/ast_eval/ast_checker.py", "commit": commit, "verdicts": verdicts},
              open(out, "w", encoding="utf-8"), indent=0, sort_keys=True)
    vals = [v["valid"] for v in verdicts.values()]
    print(len(vals), "labelled:", vals.count(True), "valid,", vals.count(False), "invalid,", vals.count(None), "errors")


if __name__ == "__main__":
    main()
