from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string

from core.validators import bevat_stuurtekens

# Where config/urls.py mounts the Django admin.
ADMIN_PAD = "/beheer/admin/"


class FoutpaginaInKoersStijl:
    """With DEBUG on (`make run`), Django answers a 404 with its English technical page,
    which lists every URL pattern. Koers shows its own Dutch page instead, as in production:
    a person outside one's scope must look the same as one that does not exist. Tracebacks of
    server errors stay visible to developers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code == 404
            and response.get("Content-Type", "").startswith("text/html")
            and b"Page not found at" in response.content[:2000]
        ):
            response.content = render_to_string("404.html", request=request)
        return response


def _stuurtekens_in(waarden) -> bool:
    return any(bevat_stuurtekens(waarde) for waarde in waarden)


def stuurtekens_geweigerd(request) -> HttpResponse:
    return HttpResponse(
        render_to_string("400_stuurtekens.html", request=request),
        status=400,
        content_type="text/html; charset=utf-8",
    )


class StuurtekensWeigeren:
    """The net under every form and list: a NUL byte or another control character (C0 but
    tab and line breaks, DEL, C1) never makes a page fail.

    - In the name of a query or form parameter: no form has such a field, so the request is
      answered at once with 400 and a Dutch page.
    - In a value: the form that reads it refuses it with a Dutch error next to the field and
      keeps what was typed (see core.forms.KoersFormMixin). Should a value still reach
      something that cannot take it (PostgreSQL refuses the NUL byte), the failure becomes
      the same 400 page, not a server error, and the value never reaches the log.
    File contents are not inspected; the names of uploaded files are."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _stuurtekens_in(request.GET.keys()) or _stuurtekens_in(self._post_namen(request)):
            return stuurtekens_geweigerd(request)
        return self.get_response(request)

    def process_exception(self, request, exception):
        waarden = [*request.GET.keys(), *request.GET.values(), *self._post_namen(request)]
        if request.method == "POST" and self._post_leesbaar(request):
            waarden += [w for lijst in request.POST.lists() for w in lijst[1]]
        if _stuurtekens_in(waarden):
            return stuurtekens_geweigerd(request)
        return None

    @staticmethod
    def _post_leesbaar(request) -> bool:
        try:
            request.POST  # noqa: B018 - parses the body once; a broken body is the view's 400
        except Exception:  # noqa: BLE001
            return False
        return True

    def _post_namen(self, request) -> list[str]:
        if request.method != "POST" or not self._post_leesbaar(request):
            return []
        return [
            *request.POST.keys(),
            *request.FILES.keys(),
            *(bestand.name or "" for bestand in request.FILES.values()),
        ]


class GeenOpslagInCache:
    """Pages and downloads may hold personal data: no browser or proxy cache keeps them
    (`Cache-Control: no-store`). Static files are served before this middleware (whitenoise)
    and keep their long caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response["Cache-Control"] = "no-store"
        response["Pragma"] = "no-cache"
        response.headers.pop("Expires", None)
        return response


class InhoudsbeveiligingsBeleid(CSPMiddleware):
    """The Content-Security-Policy of settings.CONTENT_SECURITY_POLICY for every page. Only the
    Django admin (superusers only) keeps one inline <style> block of Django's own templates
    (`admin/change_list.html`), so there alone inline styles are allowed; scripts stay
    strict everywhere."""

    def get_policy_parts(self, request, response, report_only=False):
        delen = super().get_policy_parts(request, response, report_only=report_only)
        if request.path_info.startswith(ADMIN_PAD) and delen.update is None:
            delen.update = {"style-src": [UNSAFE_INLINE]}
        return delen
