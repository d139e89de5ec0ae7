import json
from e2e.axe import check_page, _axe
from e2e.support import sign_in

def test_dbg(page, live_server):
    sign_in(page, live_server, "inwoner")
    check_page(page)
    page.goto(f"{live_server}/mijn-zaken")
    res = _axe.run(page, options={"runOnly": {"type": "rule", "values": ["target-size"]}}).response
    for v in res["violations"]:
        for n in v["nodes"][:3]:
            print(n["target"], n["failureSummary"])
            print([ (r["target"]) for x in n["any"] for r in x.get("relatedNodes",[])])
    page.screenshot(path="/tmp/mz.png", full_page=True)
    check_page(page)
