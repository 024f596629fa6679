from django.conf import settings
from django.template.loader import render_to_string


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
