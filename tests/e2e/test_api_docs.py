"""The API documentation page renders from this site's own files under the site's content-security policy."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_api_docs_page_renders_the_api_title_with_no_csp_violation(page, live_server):
    page.add_init_script(
        "window.cspViolations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    outside = []
    page.on("request", lambda request: request.url.startswith(live_server.url) or outside.append(request.url))
    response = page.goto("/api/docs/")

    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.get_by_role("heading", name="1688 Privacy Portal API").wait_for()
    page.get_by_text("/api/v1/profile/").first.wait_for()
    assert page.evaluate("window.cspViolations") == []
    assert page.console_errors == []
    assert [url for url in outside if not url.startswith(("data:", "blob:"))] == []
